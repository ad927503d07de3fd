import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQuery } from '../http/pagination.js';
import { Omittable } from '../http/optional.decorators.js';

export class AuditQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'retailer' })
  @Omittable()
  @IsString()
  @MaxLength(64)
  entityType?: string;

  @ApiPropertyOptional()
  @Omittable()
  @IsString()
  @MaxLength(128)
  entityId?: string;

  @ApiPropertyOptional({ description: 'Entries written with this API key.' })
  @Omittable()
  @IsUUID()
  actorKeyId?: string;

  @ApiPropertyOptional({ example: 'retailer.update' })
  @Omittable()
  @IsString()
  @MaxLength(64)
  action?: string;
}
