import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ConnectorConfig, ConnectorContextFactory, ConnectorRegistry } from '#integrations';
import type { LiveOffer } from '#connector-sdk';
import { Retailer } from '#retailers';
import type { BuyableOffer } from '#catalog';
import type { RetailerOrderSettings } from '../settings/retailer-order-settings.entity.js';

const LIVE_CHECK_TIMEOUT_MS = 3000;

/**
 * Asks retailers whose order connector can check live (`live-check` capability) for the current
 * price and stock of what is being bought, all retailers at once. A retailer that does not answer
 * in time is skipped: the catalog's values stand, and the retailer may still refuse the order.
 */
@Injectable()
export class LiveOfferCheck {
  private readonly logger = new Logger(LiveOfferCheck.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly connectors: ConnectorRegistry,
    private readonly contexts: ConnectorContextFactory,
  ) {}

  /** Live values by offer id, for the offers whose retailer could say. */
  async check(
    offers: readonly BuyableOffer[],
    settings: ReadonlyMap<string, RetailerOrderSettings>,
  ): Promise<Map<string, LiveOffer>> {
    const live = new Map<string, LiveOffer>();
    const byRetailer = new Map<string, BuyableOffer[]>();
    for (const offer of offers) {
      if (settings.get(offer.retailerId)?.method !== 'connector') continue;
      byRetailer.set(offer.retailerId, [...(byRetailer.get(offer.retailerId) ?? []), offer]);
    }
    await Promise.all(
      [...byRetailer.entries()].map(async ([retailerId, retailerOffers]) => {
        const configId = settings.get(retailerId)?.connectorConfigId;
        const config = configId
          ? await this.dataSource.getRepository(ConnectorConfig).findOne({ where: { id: configId } })
          : null;
        const connector = config ? this.connectors.get(config.connectorId) : undefined;
        if (!config || !connector?.liveCheck) return;
        const retailer = await this.dataSource.getRepository(Retailer).findOneOrFail({ where: { id: retailerId } });
        try {
          const context = this.contexts.create(config, retailer, AbortSignal.timeout(LIVE_CHECK_TIMEOUT_MS));
          const answers = await connector.liveCheck.offers(
            context,
            retailerOffers.map((offer) => offer.retailerItemId),
          );
          const byItem = new Map(answers.map((answer) => [answer.retailerItemId, answer]));
          for (const offer of retailerOffers) {
            // An item the retailer's system does not know cannot be bought there.
            live.set(
              offer.id,
              byItem.get(offer.retailerItemId) ?? {
                retailerItemId: offer.retailerItemId,
                priceMinor: null,
                currency: offer.currency,
                available: false,
                stockQuantity: 0,
              },
            );
          }
        } catch (error) {
          this.logger.warn(
            { retailerId, configId, error: error instanceof Error ? error.message : String(error) },
            'live check failed; the catalog values stand',
          );
        }
      }),
    );
    return live;
  }
}
