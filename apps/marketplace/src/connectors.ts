import type { Connector } from '#connector-sdk';
import { csvCatalogConnector } from '#connectors/csv-catalog';
import { googleMerchantFeedConnector } from '#connectors/google-merchant-feed';
import { shopifyConnector } from '#connectors/shopify';
import { woocommerceConnector } from '#connectors/woocommerce';

/** The connectors this marketplace offers. The catalog core receives them here and knows them by id. */
export const INSTALLED_CONNECTORS: readonly Connector[] = [
  googleMerchantFeedConnector as Connector,
  csvCatalogConnector as Connector,
  shopifyConnector as Connector,
  woocommerceConnector as Connector,
];
