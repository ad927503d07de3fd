import { PageOf } from '#platform';
import { ApiProperty } from '@nestjs/swagger';
import {
  DELIVERY_STATUSES,
  type ChannelWebhookDelivery,
  type DeliveryStatus,
} from './channel-webhook-delivery.entity.js';

export class WebhookDeliveryView {
  @ApiProperty({ description: 'Also the webhook-id header of every attempt.' }) id: string;
  @ApiProperty() channelId: string;
  @ApiProperty({ example: 'channel.webhook_test' }) eventType: string;
  @ApiProperty({ description: 'The event as sent.' }) payload: unknown;
  @ApiProperty({ enum: DELIVERY_STATUSES }) status: DeliveryStatus;
  @ApiProperty() attempts: number;
  @ApiProperty({ nullable: true, type: Date }) lastAttemptAt: Date | null;
  @ApiProperty({ nullable: true, type: Number }) lastResponseStatus: number | null;
  @ApiProperty({ nullable: true, type: String }) lastError: string | null;
  @ApiProperty({ nullable: true, type: String }) lastAttemptInstanceId: string | null;
  @ApiProperty({ nullable: true, type: Date }) deliveredAt: Date | null;
  @ApiProperty() createdAt: Date;

  static of(delivery: ChannelWebhookDelivery): WebhookDeliveryView {
    return Object.assign(new WebhookDeliveryView(), {
      id: delivery.id,
      channelId: delivery.channelId,
      eventType: delivery.eventType,
      payload: JSON.parse(delivery.body) as unknown,
      status: delivery.status,
      attempts: delivery.attempts,
      lastAttemptAt: delivery.lastAttemptAt,
      lastResponseStatus: delivery.lastResponseStatus,
      lastError: delivery.lastError,
      lastAttemptInstanceId: delivery.lastAttemptInstanceId,
      deliveredAt: delivery.deliveredAt,
      createdAt: delivery.createdAt,
    });
  }
}

export const WebhookDeliveryPage = PageOf(WebhookDeliveryView);
