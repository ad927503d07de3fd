import { Injectable } from '@nestjs/common';
import { ApiKeyService } from '#auth';
import { ChannelService } from '#channels';
import { SYSTEM_ACTOR } from '#platform';
import { RetailerService } from '#retailers';

export interface DemoKeys {
  readonly retailerKey: string;
  readonly channelKey: string;
}

const DEMO_RETAILERS = [
  { name: 'Demo Corner Shop', slug: 'demo-corner-shop', defaultCurrency: 'EUR', contactEmail: 'shop@demo.souk.invalid', countries: ['NL', 'BE'] },
  { name: 'Demo Electronics', slug: 'demo-electronics', defaultCurrency: 'EUR', contactEmail: 'orders@electronics.demo.souk.invalid', countries: ['NL', 'BE', 'DE', 'FR'] },
  { name: 'Demo Tokyo Stationery', slug: 'demo-tokyo-stationery', defaultCurrency: 'JPY', contactEmail: 'hello@stationery.demo.souk.invalid', countries: ['JP'] },
];

/**
 * A small marketplace to try the API on: three retailers, one chat channel, and a key for the
 * first retailer and for the channel. Loaded through the services, so it is audited like any write.
 */
@Injectable()
export class DemoDataLoader {
  constructor(
    private readonly retailers: RetailerService,
    private readonly channels: ChannelService,
    private readonly keys: ApiKeyService,
  ) {}

  async load(): Promise<DemoKeys> {
    const created = [];
    for (const retailer of DEMO_RETAILERS) created.push(await this.retailers.create(SYSTEM_ACTOR, retailer));
    const channel = await this.channels.create(SYSTEM_ACTOR, { name: 'Demo WhatsApp channel', webhookUrl: null });
    const retailerKey = await this.keys.create(SYSTEM_ACTOR, { name: 'Demo retailer key', role: 'retailer', retailerId: created[0]!.id });
    const channelKey = await this.keys.create(SYSTEM_ACTOR, { name: 'Demo channel key', role: 'channel', channelId: channel.id });
    return { retailerKey: retailerKey.key, channelKey: channelKey.key };
  }
}
