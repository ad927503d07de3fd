import { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import { ApiKeyService } from '#auth';
import { ConnectorConfigActions } from '#catalog';
import { ConnectorConfigService } from '#integrations';
import { ChannelService } from '#channels';
import { CommissionRuleService } from '#commission';
import { SYSTEM_ACTOR } from '#platform';
import { RetailerService } from '#retailers';
import { demoCornerShopCsv, demoElectronicsFeed } from './demo-catalogs.js';
import { DEMO_FEED_URL } from './demo-feed-url.js';

export interface DemoKeys {
  readonly retailerKey: string;
  readonly channelKey: string;
}

const DEMO_RETAILERS = [
  {
    name: 'Demo Corner Shop',
    slug: 'demo-corner-shop',
    defaultCurrency: 'EUR',
    contactEmail: 'shop@demo.souk.invalid',
    countries: ['NL', 'BE'],
  },
  {
    name: 'Demo Electronics',
    slug: 'demo-electronics',
    defaultCurrency: 'EUR',
    contactEmail: 'orders@electronics.demo.souk.invalid',
    countries: ['NL', 'BE', 'DE', 'FR'],
  },
  {
    name: 'Demo Tokyo Stationery',
    slug: 'demo-tokyo-stationery',
    defaultCurrency: 'JPY',
    contactEmail: 'hello@stationery.demo.souk.invalid',
    countries: ['JP'],
  },
];

/**
 * A small marketplace to try the API on: three retailers, two of them with real catalogs (a
 * Google Merchant feed served by the sandbox feed host, and an uploaded CSV, synced by the worker
 * like any retailer's), one chat
 * channel, and a key for the corner shop and for the channel. Loaded through the services, so it
 * is audited like any write.
 */
@Injectable()
export class DemoDataLoader {
  constructor(
    private readonly retailers: RetailerService,
    private readonly channels: ChannelService,
    private readonly keys: ApiKeyService,
    private readonly configs: ConnectorConfigService,
    private readonly configActions: ConnectorConfigActions,
    private readonly commissionRules: CommissionRuleService,
    @Inject(DEMO_FEED_URL) private readonly demoFeedUrl: string | null,
  ) {}

  async load(): Promise<DemoKeys> {
    const [cornerShop, electronics] = await Promise.all(
      DEMO_RETAILERS.map((retailer) => this.retailers.create(SYSTEM_ACTOR, retailer)),
    );
    if (this.demoFeedUrl) await this.fetchedFeed(electronics!.id, this.demoFeedUrl);
    else
      await this.uploadCatalog(
        electronics!.id,
        'google-merchant-feed',
        'Product feed',
        { source: 'upload' },
        demoElectronicsFeed(),
        'application/xml',
      );
    await this.uploadCatalog(
      cornerShop!.id,
      'csv-catalog',
      'Shop spreadsheet',
      { currency: 'EUR' },
      demoCornerShopCsv(),
      'text/csv',
    );
    const channel = await this.channels.create(SYSTEM_ACTOR, {
      name: 'Demo WhatsApp channel',
      webhookUrl: null,
      locale: 'nl-NL',
      currency: 'EUR',
      // A made-up number: the demo builds click-to-chat links but never sends a message.
      whatsappNumber: '+31 6 99999999',
    });
    // The platform earns 8% by default in the demo, and 5% plus 0.25 EUR per line on electronics.
    const platformDefault = (await this.commissionRules.list({})).items.find((rule) => rule.isDefault);
    if (platformDefault) await this.commissionRules.update(SYSTEM_ACTOR, platformDefault.id, { rateBasisPoints: 800 });
    await this.commissionRules.create(SYSTEM_ACTOR, {
      name: 'Demo Electronics',
      retailerId: electronics!.id,
      rateBasisPoints: 500,
      currencyTerms: [{ currency: 'EUR', fixedFeeMinor: '25' }],
    });
    const retailerKey = await this.keys.create(SYSTEM_ACTOR, {
      name: 'Demo retailer key',
      role: 'retailer',
      retailerId: cornerShop!.id,
    });
    const channelKey = await this.keys.create(SYSTEM_ACTOR, {
      name: 'Demo channel key',
      role: 'channel',
      channelId: channel.id,
    });
    return { retailerKey: retailerKey.key, channelKey: channelKey.key };
  }

  /** A feed at a URL (the sandbox feed host), synced now and every hour, with conditional requests. */
  private async fetchedFeed(retailerId: string, url: string) {
    const config = await this.configs.create(SYSTEM_ACTOR, retailerId, {
      connectorId: 'google-merchant-feed',
      name: 'Product feed',
      settings: { source: 'url', url },
      scheduleIntervalMinutes: 60,
    });
    await this.configActions.syncNow({ retailerId }, config.id);
  }

  private async uploadCatalog(
    retailerId: string,
    connectorId: string,
    name: string,
    settings: Record<string, unknown>,
    body: string,
    contentType: string,
  ) {
    const config = await this.configs.create(SYSTEM_ACTOR, retailerId, { connectorId, name, settings });
    await this.configActions.upload({ retailerId }, config.id, Readable.from([Buffer.from(body)]), contentType);
  }
}
