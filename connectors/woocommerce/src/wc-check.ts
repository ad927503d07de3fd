import { ConnectorError, type CheckResult } from '#connector-sdk';
import { answerFailure, hostOf, requestFailure, wooGet, wooRequest, type WooContext } from './wc-http.js';
import { isObject, text } from './wc-json.js';

/**
 * Three questions, each answered by WooCommerce itself: can the key read products (one product,
 * with the count of published ones), is the shop's currency the retailer's currency in Souk
 * (prices are read in it), and may the key write (an empty orders batch, which changes nothing:
 * a Read-only key is refused). A failure says what to fix.
 */
export async function checkWoo(context: WooContext): Promise<CheckResult> {
  const host = hostOf(context.settings.siteUrl);
  try {
    const first = await wooGet(context, 'products', { per_page: 1, status: 'publish' });
    if (!Array.isArray(first.json))
      throw new ConnectorError(`${first.url} answered something other than a list of products.`, 'format');
    const total = Number(first.headers['x-wp-total']);
    const found = Number.isInteger(total) ? `${total} published product${total === 1 ? '' : 's'}` : 'its products';
    const currency = await shopCurrency(context);
    const expected = context.retailer.defaultCurrency;
    if (currency !== null && currency !== expected) {
      return {
        ok: false,
        reason: 'settings',
        message:
          `WooCommerce at ${host} sells in ${currency}, but this retailer's currency in Souk is ${expected}: ` +
          `prices would be read as ${expected}. Change one of them so that they match.`,
      };
    }
    const canWrite = await mayWrite(context);
    if (canWrite instanceof ConnectorError)
      return {
        ok: false,
        reason: canWrite.reason === 'source' ? 'format' : canWrite.reason,
        message: canWrite.message,
      };
    const notes = [
      `Connected to WooCommerce at ${host}: ${found}.`,
      currency === null
        ? `The shop's currency could not be read; prices are read as ${expected}.`
        : `The shop sells in ${currency}.`,
      canWrite
        ? 'The API key may create orders.'
        : 'Whether the API key may create orders could not be confirmed; it needs Read/Write permission.',
    ];
    return { ok: true, message: notes.join(' ') };
  } catch (error) {
    context.signal.throwIfAborted();
    const failure = requestFailure(error, context.settings);
    if (!(failure instanceof ConnectorError)) throw failure;
    return { ok: false, reason: failure.reason === 'source' ? 'format' : failure.reason, message: failure.message };
  }
}

/** WooCommerce → Settings → General → Currency; null when the key may not read settings. */
async function shopCurrency(context: WooContext): Promise<string | null> {
  const answer = await wooRequest(context, { path: 'settings/general/woocommerce_currency' });
  if (answer.status !== 200 || !isObject(answer.json)) return null;
  const value = text(answer.json, 'value');
  return value !== null && /^[A-Z]{3}$/.test(value) ? value : null;
}

/**
 * True when an empty orders batch is accepted, the refusal when the key may not write, false when the answer says
 * neither.
 */
async function mayWrite(context: WooContext): Promise<boolean | ConnectorError> {
  const answer = await wooRequest(context, { method: 'POST', path: 'orders/batch', body: {} });
  if (answer.status >= 200 && answer.status < 300) return true;
  if (answer.status === 401 || answer.status === 403) return answerFailure(answer, context.settings, { write: true });
  return false;
}
