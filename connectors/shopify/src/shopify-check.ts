import type { CheckResult } from '#connector-sdk';
import { accessScopesUrl, adminUrl, explainFailure, notShopify, shopifyGet, type ShopifyContext } from './admin-api.js';

/** Scopes the connector cannot work without: the catalog, and placing and finding orders. */
export const REQUIRED_SCOPES = ['read_products', 'write_orders', 'read_orders'] as const;
/** Wanted but not needed: stock levels. */
export const RECOMMENDED_SCOPES = ['read_inventory'] as const;

interface Shop {
  readonly name?: string;
  readonly myshopify_domain?: string;
  readonly currency?: string;
}

/**
 * Connects as a sync would: shop.json (the token and the URL), the token's access scopes (each
 * missing one named), the shop's currency against the retailer's, and the count of active
 * products. Every failure says what to fix.
 */
export async function checkShop(context: ShopifyContext): Promise<CheckResult> {
  const { settings } = context;
  let url = adminUrl(settings, 'shop');
  try {
    const shopResponse = await shopifyGet<{ shop?: Shop }>(context, url);
    const shop = shopResponse.data?.shop;
    if (typeof shop !== 'object' || shop === null) throw notShopify(url);

    url = accessScopesUrl(settings);
    const granted = (
      (await shopifyGet<{ access_scopes?: { handle?: string }[] }>(context, url)).data?.access_scopes ?? []
    ).map((scope) => scope.handle ?? '');
    const has = (scope: string) => granted.includes(scope) || granted.includes(scope.replace(/^read_/, 'write_'));
    const missing = REQUIRED_SCOPES.filter((scope) => !has(scope));
    if (missing.length > 0) {
      return {
        ok: false,
        reason: 'permission',
        message:
          `The access token lacks the ${list(missing)} scope${missing.length > 1 ? 's' : ''}. ` +
          `In your Shopify admin, open Settings → Apps and sales channels → Develop apps → your app → ` +
          `Configuration, add ${list(missing)}, install the app again and paste the new access token here.`,
      };
    }

    const currency = context.retailer.defaultCurrency;
    if (shop.currency && shop.currency !== currency) {
      return {
        ok: false,
        reason: 'settings',
        message:
          `The shop's prices are in ${shop.currency} but this retailer's currency in Souk is ${currency}: ` +
          `offers would show Shopify's amounts in the wrong currency. ` +
          `Change the retailer's currency or connect the shop that sells in ${currency}.`,
      };
    }

    url = adminUrl(settings, 'products/count', { status: 'active' });
    const count = (await shopifyGet<{ count?: unknown }>(context, url)).data?.count;
    if (typeof count !== 'number') throw notShopify(url);

    const notes: string[] = [];
    const answeredVersion = shopResponse.headers['x-shopify-api-version'];
    if (typeof answeredVersion === 'string' && answeredVersion !== settings.apiVersion) {
      notes.push(
        `Shopify no longer serves API version ${settings.apiVersion} and answered with ${answeredVersion}: ` +
          `set apiVersion to a supported one.`,
      );
    }
    const unrecommended = RECOMMENDED_SCOPES.filter((scope) => !has(scope));
    if (unrecommended.length > 0) notes.push(`The token lacks ${list(unrecommended)}; stock levels may be missing.`);
    if (!context.secrets.webhookSecret)
      notes.push(
        "No webhook secret is set: Shopify's webhooks will be refused " +
          "until the app's client secret is saved as webhookSecret.",
      );
    const name = shop.name
      ? `${shop.name} (${shop.myshopify_domain ?? new URL(settings.shopUrl).host})`
      : settings.shopUrl;
    return {
      ok: true,
      message: [`Connected to ${name}: ${count} active product${count === 1 ? '' : 's'}.`, ...notes].join(' '),
    };
  } catch (error) {
    if (context.signal.aborted) throw error;
    const failure = explainFailure(error, url);
    return { ok: false, reason: failure.reason === 'source' ? 'format' : failure.reason, message: failure.message };
  }
}

function list(scopes: readonly string[]): string {
  return scopes.length === 1 ? scopes[0]! : `${scopes.slice(0, -1).join(', ')} and ${scopes.at(-1)}`;
}
