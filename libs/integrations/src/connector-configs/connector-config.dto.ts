import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import {
  IsBoolean,
  IsIn,
  IsObject,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { z } from 'zod';
import type { Connector } from '#connector-sdk';
import { IsInteger, Omittable, PageOf, PageQuery } from '#platform';
import type { ConnectorConfig } from './connector-config.entity.js';

export const MIN_SCHEDULE_MINUTES = 5;
export const MAX_SCHEDULE_MINUTES = 7 * 24 * 60;

export class CreateConnectorConfigBody {
  @ApiProperty({ example: 'google-merchant-feed', description: 'See GET .../connectors.' })
  @IsString()
  @MaxLength(100)
  connectorId: string;

  @ApiProperty({ example: 'Main product feed' })
  @IsString()
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(200)
  name: string;

  @ApiProperty({
    description: "Checked against the connector's settings schema.",
    type: Object,
    additionalProperties: true,
  })
  @IsObject()
  settings: Record<string, unknown>;

  @ApiPropertyOptional({
    description: 'Stored encrypted; never shown again.',
    type: Object,
    additionalProperties: true,
  })
  @Omittable()
  @IsObject()
  secrets?: Record<string, unknown>;

  @ApiPropertyOptional({ default: true })
  @Omittable()
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional({
    nullable: true,
    type: Number,
    minimum: MIN_SCHEDULE_MINUTES,
    maximum: MAX_SCHEDULE_MINUTES,
    description: 'Minutes between scheduled syncs; null or absent for none.',
  })
  @ValidateIf((_body, value) => value !== null && value !== undefined)
  @IsInteger()
  @Min(MIN_SCHEDULE_MINUTES)
  @Max(MAX_SCHEDULE_MINUTES)
  scheduleIntervalMinutes?: number | null;

  @ApiPropertyOptional({ default: false, description: 'Let a full sync that finds no items remove the whole catalog.' })
  @Omittable()
  @IsBoolean()
  allowEmptyCatalog?: boolean;
}

export class AdminCreateConnectorConfigBody extends CreateConnectorConfigBody {
  @ApiProperty()
  @IsUUID()
  retailerId: string;
}

export class UpdateConnectorConfigBody extends PartialType(
  OmitType(CreateConnectorConfigBody, ['connectorId'] as const),
  { skipNullProperties: false },
) {}

export class ConnectorConfigListQuery extends PageQuery {
  @ApiPropertyOptional()
  @Omittable()
  @IsUUID()
  retailerId?: string;

  @ApiPropertyOptional()
  @Omittable()
  @IsIn(['true', 'false'])
  enabled?: 'true' | 'false';
}

export class ConnectorConfigView {
  @ApiProperty() id: string;
  @ApiProperty() retailerId: string;
  @ApiProperty() connectorId: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: Object, additionalProperties: true }) settings: Record<string, unknown>;
  @ApiProperty({ description: 'Names of the secrets that are set (never their values).', type: [String] })
  secretsSet: string[];
  @ApiProperty() enabled: boolean;
  @ApiProperty({ nullable: true, type: Number }) scheduleIntervalMinutes: number | null;
  @ApiProperty({ nullable: true, type: Date }) nextRunAt: Date | null;
  @ApiProperty() allowEmptyCatalog: boolean;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;

  static of(config: ConnectorConfig, secretNames: string[]): ConnectorConfigView {
    return Object.assign(new ConnectorConfigView(), {
      id: config.id,
      retailerId: config.retailerId,
      connectorId: config.connectorId,
      name: config.name,
      settings: config.settings,
      secretsSet: secretNames,
      enabled: config.enabled,
      scheduleIntervalMinutes: config.scheduleIntervalMinutes,
      nextRunAt: config.nextRunAt,
      allowEmptyCatalog: config.allowEmptyCatalog,
      createdAt: config.createdAt,
      updatedAt: config.updatedAt,
    });
  }
}

export const ConnectorConfigPage = PageOf(ConnectorConfigView);

export class ConnectorView {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() description: string;
  @ApiProperty({ type: [String] }) capabilities: string[];
  @ApiProperty() incremental: boolean;
  @ApiProperty() acceptsUpload: boolean;
  @ApiProperty({ type: Object, additionalProperties: true, description: 'JSON Schema of the settings.' })
  settingsSchema: unknown;
  @ApiProperty({ type: Object, additionalProperties: true, description: 'JSON Schema of the secrets.' })
  secretsSchema: unknown;

  static of(connector: Connector): ConnectorView {
    return Object.assign(new ConnectorView(), {
      id: connector.spec.id,
      name: connector.spec.name,
      description: connector.spec.description,
      capabilities: [...connector.spec.capabilities],
      incremental: connector.spec.incremental,
      acceptsUpload: connector.spec.acceptsUpload,
      settingsSchema: z.toJSONSchema(connector.spec.settings, { io: 'input', unrepresentable: 'any' }),
      secretsSchema: z.toJSONSchema(connector.spec.secrets, { io: 'input', unrepresentable: 'any' }),
    });
  }
}

export class CheckResultView {
  @ApiProperty() ok: boolean;
  @ApiPropertyOptional({
    description:
      'credentials, permission, unreachable, not-found, format, settings, ' +
      'not-allowed (the outbound policy refused the address)',
  })
  reason?: string;
  @ApiPropertyOptional() message?: string;
}
