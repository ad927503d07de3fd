import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface WebhookHealthFigures {
  /** Deliveries created in the range that failed for good (every retry used). */
  readonly failedDeliveries: number;
  readonly channels: readonly { channelId: string; channelName: string; failedDeliveries: number }[];
}

/** What the console's dashboard shows of webhook deliveries to channels. */
@Injectable()
export class WebhookHealth {
  constructor(private readonly dataSource: DataSource) {}

  async figures(range: { from: Date; to: Date }): Promise<WebhookHealthFigures> {
    const channels = (await this.dataSource.query(
      `SELECT d.channel_id AS "channelId", c.name AS "channelName", count(*)::int AS "failedDeliveries"
         FROM channel_webhook_delivery d JOIN channel c ON c.id = d.channel_id
        WHERE d.status = 'failed' AND d.created_at >= $1 AND d.created_at < $2
        GROUP BY d.channel_id, c.name ORDER BY "failedDeliveries" DESC, c.name`,
      [range.from, range.to],
    )) as { channelId: string; channelName: string; failedDeliveries: number }[];
    return { failedDeliveries: channels.reduce((sum, channel) => sum + channel.failedDeliveries, 0), channels };
  }
}
