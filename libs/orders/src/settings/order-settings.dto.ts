import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsUUID, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { IsHttpUrl, IsInteger, Omittable } from '#platform';
import {
  DEFAULT_ACCEPTANCE_MINUTES,
  ORDER_METHODS,
  type OrderMethod,
  type RetailerOrderSettings,
} from './retailer-order-settings.entity.js';

export class OrderSettingsBody {
  @ApiProperty({
    enum: ORDER_METHODS,
    description:
      'pull: list and acknowledge orders through the retailer API; webhook: receive each order as a signed POST; ' +
      'connector: a connector config places it in your shop system.',
  })
  @IsIn(ORDER_METHODS, { message: `must be one of ${ORDER_METHODS.join(', ')}` })
  method: OrderMethod;

  @ApiPropertyOptional({
    example: 'https://shop.example/souk/orders',
    description: 'Required with method webhook.',
    nullable: true,
    type: String,
  })
  @ValidateIf(
    (body: OrderSettingsBody) =>
      body.method === 'webhook' || (body.webhookUrl !== undefined && body.webhookUrl !== null),
  )
  @IsHttpUrl({ message: 'must be an http or https URL (required with method webhook)' })
  @MaxLength(2000)
  webhookUrl?: string | null;

  @ApiPropertyOptional({
    description: 'Required with method connector: one of your connector configs whose connector can place orders.',
    nullable: true,
    type: String,
  })
  @ValidateIf(
    (body: OrderSettingsBody) =>
      body.method === 'connector' || (body.connectorConfigId !== undefined && body.connectorConfigId !== null),
  )
  @IsUUID('all', { message: 'must be the id of a connector config (required with method connector)' })
  connectorConfigId?: string | null;

  @ApiPropertyOptional({
    default: DEFAULT_ACCEPTANCE_MINUTES,
    minimum: 5,
    maximum: 20160,
    description: 'Minutes you have to accept an order before it is cancelled.',
  })
  @Omittable()
  @IsInteger()
  @Min(5)
  @Max(20_160)
  acceptanceMinutes?: number;
}

export class OrderSettingsView {
  @ApiProperty() retailerId: string;
  @ApiProperty({ enum: ORDER_METHODS }) method: OrderMethod;
  @ApiProperty({ nullable: true, type: String }) webhookUrl: string | null;
  @ApiProperty({
    description: 'Whether an order webhook signing secret exists; it is shown only when created or rotated.',
  })
  hasWebhookSecret: boolean;
  @ApiProperty({ nullable: true, type: String }) connectorConfigId: string | null;
  @ApiProperty() acceptanceMinutes: number;

  static of(retailerId: string, settings: RetailerOrderSettings | null): OrderSettingsView {
    return Object.assign(new OrderSettingsView(), {
      retailerId,
      method: settings?.method ?? 'pull',
      webhookUrl: settings?.webhookUrl ?? null,
      hasWebhookSecret: Boolean(settings?.webhookSecretSealed),
      connectorConfigId: settings?.connectorConfigId ?? null,
      acceptanceMinutes: settings?.acceptanceMinutes ?? DEFAULT_ACCEPTANCE_MINUTES,
    });
  }
}

export class OrderSettingsWithSecretView extends OrderSettingsView {
  @ApiProperty({ description: 'The order webhook signing secret (Standard Webhooks, whsec_...). Shown only now.' })
  webhookSecret: string;
}
