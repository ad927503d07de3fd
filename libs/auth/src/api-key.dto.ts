import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { Omittable, PageOf, PageQuery, type KeyRole } from '#platform';
import type { ApiKey } from './api-key.entity.js';

export const KEY_ROLES: readonly KeyRole[] = ['operator', 'retailer', 'channel'];

export class CreateApiKeyBody {
  @ApiProperty({ example: 'Corner Shop integration', maxLength: 200 })
  @IsString()
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(200)
  name: string;

  @ApiProperty({ enum: KEY_ROLES })
  @IsIn(KEY_ROLES)
  role: KeyRole;

  @ApiPropertyOptional({ description: 'Required for a retailer key; not allowed otherwise.' })
  @Omittable()
  @IsUUID()
  retailerId?: string;

  @ApiPropertyOptional({ description: 'Required for a channel key; not allowed otherwise.' })
  @Omittable()
  @IsUUID()
  channelId?: string;
}

export class ApiKeyListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: KEY_ROLES })
  @Omittable()
  @IsIn(KEY_ROLES)
  role?: KeyRole;

  @ApiPropertyOptional()
  @Omittable()
  @IsUUID()
  retailerId?: string;

  @ApiPropertyOptional()
  @Omittable()
  @IsUUID()
  channelId?: string;

  @ApiPropertyOptional({ default: false, description: 'Also list revoked keys.' })
  @Omittable()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  includeRevoked?: boolean;
}

export class ApiKeyView {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: KEY_ROLES }) role: KeyRole;
  @ApiProperty({ nullable: true, type: String }) retailerId: string | null;
  @ApiProperty({ nullable: true, type: String }) channelId: string | null;
  @ApiProperty({ description: 'The first characters of the key, to recognise it.' }) prefix: string;
  @ApiProperty() createdAt: Date;
  @ApiProperty({ nullable: true, type: String }) createdByKeyId: string | null;
  @ApiProperty({ nullable: true, type: Date }) lastUsedAt: Date | null;
  @ApiProperty({ nullable: true, type: Date }) revokedAt: Date | null;

  static of(key: ApiKey): ApiKeyView {
    return Object.assign(new ApiKeyView(), {
      id: key.id,
      name: key.name,
      role: key.role,
      retailerId: key.retailerId,
      channelId: key.channelId,
      prefix: key.prefix,
      createdAt: key.createdAt,
      createdByKeyId: key.createdByKeyId,
      lastUsedAt: key.lastUsedAt,
      revokedAt: key.revokedAt,
    });
  }
}

/** Returned once, at creation: the only time the key itself is shown. */
export class CreatedApiKeyView extends ApiKeyView {
  @ApiProperty({ description: 'Send as `Authorization: Bearer <key>`. Shown only now; only its hash is kept.' })
  key: string;
}

export const ApiKeyPage = PageOf(ApiKeyView);
