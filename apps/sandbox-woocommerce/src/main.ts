import { randomBytes } from 'node:crypto';
import { WooCommerceSandbox } from './woocommerce-sandbox.js';

/**
 * Standalone: `npm run sandbox:woocommerce` serves a fake WooCommerce store on
 * SANDBOX_WOOCOMMERCE_PORT (default 3096) with SANDBOX_WOOCOMMERCE_PRODUCTS products (default 50).
 * The REST API key and the webhook secret come from SANDBOX_WOOCOMMERCE_KEY,
 * SANDBOX_WOOCOMMERCE_SECRET and SANDBOX_WOOCOMMERCE_WEBHOOK_SECRET, or are made up and printed.
 */
const port = Number(process.env.SANDBOX_WOOCOMMERCE_PORT ?? 3096);
const consumerKey = process.env.SANDBOX_WOOCOMMERCE_KEY ?? `ck_${randomBytes(20).toString('hex')}`;
const consumerSecret = process.env.SANDBOX_WOOCOMMERCE_SECRET ?? `cs_${randomBytes(20).toString('hex')}`;
const webhookSecret = process.env.SANDBOX_WOOCOMMERCE_WEBHOOK_SECRET ?? randomBytes(24).toString('base64url');
const products = Number(process.env.SANDBOX_WOOCOMMERCE_PRODUCTS ?? 50);
if (!Number.isInteger(products) || products < 0) {
  process.stderr.write('Sandbox WooCommerce: SANDBOX_WOOCOMMERCE_PRODUCTS must be a whole number.\n');
  process.exit(78);
}
const sandbox = new WooCommerceSandbox({ consumerKey, consumerSecret, webhookSecret, products });
const url = await sandbox.listen(port);
process.stdout.write(
  `Sandbox WooCommerce: ${url} (REST API at ${url}/wp-json/wc/v3/)\n` +
    `  consumer key:    ${consumerKey}\n  consumer secret: ${consumerSecret}\n  webhook secret:  ${webhookSecret}\n` +
    `  read-only key:   ${sandbox.readOnlyKey().consumerKey} / ${sandbox.readOnlyKey().consumerSecret}\n`,
);
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => void sandbox.close().then(() => process.exit(0)));
