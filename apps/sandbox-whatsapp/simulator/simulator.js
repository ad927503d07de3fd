/**
 * The phone simulator: one user's WhatsApp chat with the business, live from the sandbox
 * (Server-Sent Events at /_sandbox/users/{wa_id}/events). Everything the person types or taps is
 * sent as that user through POST /_sandbox/users/{wa_id}/messages, the same path as the tests'
 * userSends: a signed webhook to the channel. Opening the chat reports `read` for what it shows.
 */
import { element, formatMoney, icon, image, productCard, renderEntry, summaryOf } from './render.js';

const params = new URLSearchParams(location.search);
const waId = /^\d{7,15}$/.test(params.get('user') ?? '') ? params.get('user') : '31612345678';
const SELLABLE = new Set(['in stock', 'preorder', 'available for order']);

const state = {
  config: { businessName: 'Business', displayPhoneNumber: '', catalogId: '' },
  userName: params.get('name'),
  entries: [],
  deliveries: new Map(),
  catalog: new Map(),
  cart: new Map(),
};

const $ = (id) => document.getElementById(id);
const messages = $('messages');

async function api(path, body) {
  const response = await fetch(
    path,
    body === undefined
      ? {}
      : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
  );
  const answer = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(answer.error ?? `The sandbox answered ${response.status}.`);
  return answer;
}

function toast(text) {
  const box = $('toast');
  box.textContent = text;
  box.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => (box.hidden = true), 4000);
}

async function sendAsUser(message) {
  try {
    await api(`/_sandbox/users/${waId}/messages`, { message, ...(state.userName ? { name: state.userName } : {}) });
  } catch (error) {
    toast(error.message);
  }
}

// --- Rendering ---

const view = {
  get businessName() {
    return state.config.businessName;
  },
  product: (id) => state.catalog.get(id),
  deliveryState: (wamid) => state.deliveries.get(wamid),
  contextOf(wamid) {
    const entry = wamid && state.entries.find((candidate) => candidate.wamid === wamid);
    if (!entry) return null;
    return { who: entry.direction === 'out' ? state.config.businessName : 'You', text: summaryOf(entry) };
  },
  tapButton: (entry, reply) =>
    sendAsUser({ button_reply: { id: reply.id, title: reply.title }, context: { id: entry.wamid } }),
  openList,
  openProductList,
  openProduct,
};

function nearBottom() {
  return messages.scrollHeight - messages.scrollTop - messages.clientHeight < 80;
}

function renderAll() {
  messages.replaceChildren(...state.entries.map((entry) => renderEntry(entry, view)));
  messages.scrollTop = messages.scrollHeight;
  markReadSoon();
}

function rerender(wamid) {
  const entry = state.entries.find((candidate) => candidate.wamid === wamid);
  const current = messages.querySelector(`[data-wamid="${CSS.escape(wamid)}"]`);
  if (entry && current) current.replaceWith(renderEntry(entry, view));
}

async function append(entry) {
  const follow = nearBottom() || entry.direction === 'in';
  if (missingProducts(entry)) await loadCatalog();
  state.entries.push(entry);
  messages.append(renderEntry(entry, view));
  if (follow) messages.scrollTop = messages.scrollHeight;
  markReadSoon();
}

function missingProducts(entry) {
  const action = entry.direction === 'out' ? entry.message.interactive?.action : undefined;
  const ids = [
    action?.product_retailer_id,
    ...(action?.sections ?? []).flatMap((section) =>
      (section.product_items ?? []).map((item) => item.product_retailer_id),
    ),
  ];
  return ids.some((id) => id && !state.catalog.has(id));
}

async function loadCatalog() {
  try {
    const catalog = await api('/_sandbox/catalog');
    state.catalog = new Map(catalog.products.map((product) => [product.retailerId, product]));
  } catch (error) {
    toast(`The catalog could not be read: ${error.message}`);
  }
}

// --- Read receipts: what the open chat shows counts as read ---

let readTimer;
function markReadSoon() {
  clearTimeout(readTimer);
  readTimer = setTimeout(() => {
    if (document.visibilityState !== 'visible') return;
    if (state.entries.some((entry) => entry.direction === 'out' && entry.status === 'delivered'))
      void api(`/_sandbox/users/${waId}/read`, {}).catch(() => undefined);
  }, 400);
}
document.addEventListener('visibilitychange', markReadSoon);

// --- Sheets: list options, products, the cart ---

function openSheet(title, body, footer = []) {
  $('sheet-title').textContent = title;
  $('sheet-body').replaceChildren(...body);
  $('sheet-footer').replaceChildren(...footer);
  $('sheet-footer').hidden = footer.length === 0;
  $('sheet-layer').hidden = false;
}

function closeSheet() {
  $('sheet-layer').hidden = true;
}

$('sheet-close').addEventListener('click', closeSheet);
$('sheet-backdrop').addEventListener('click', closeSheet);
document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape') closeSheet();
});

function openList(entry) {
  const { action } = entry.message.interactive;
  const body = action.sections.flatMap((section) => [
    section.title ? element('h3', 'sheet-section-title', section.title) : null,
    ...section.rows.map((row) => {
      const button = element(
        'button',
        'sheet-row',
        element(
          'span',
          'row-text',
          element('div', 'row-title', row.title),
          row.description ? element('div', 'row-description', row.description) : null,
        ),
        element('span', 'radio'),
      );
      button.type = 'button';
      button.addEventListener('click', () => {
        closeSheet();
        void sendAsUser({
          list_reply: { id: row.id, title: row.title, ...(row.description ? { description: row.description } : {}) },
          context: { id: entry.wamid },
        });
      });
      return button;
    }),
  ]);
  openSheet(action.button, body.filter(Boolean));
}

function stepper(retailerId, onChange) {
  const product = state.catalog.get(retailerId);
  const count = element('output', null, String(state.cart.get(retailerId) ?? 0));
  const less = element('button', null, '−');
  const more = element('button', null, '+');
  less.type = more.type = 'button';
  less.setAttribute('aria-label', `Remove one ${product?.title ?? retailerId}`);
  more.setAttribute('aria-label', `Add one ${product?.title ?? retailerId}`);
  const sync = () => {
    const quantity = state.cart.get(retailerId) ?? 0;
    count.value = String(quantity);
    less.disabled = quantity === 0;
    more.disabled = !product || !SELLABLE.has(product.availability) || !product.price;
  };
  const change = (delta) => {
    const quantity = Math.max(0, (state.cart.get(retailerId) ?? 0) + delta);
    if (quantity === 0) state.cart.delete(retailerId);
    else state.cart.set(retailerId, quantity);
    sync();
    updateCartPill();
    onChange?.();
  };
  less.addEventListener('click', () => change(-1));
  more.addEventListener('click', () => change(1));
  sync();
  return element('span', 'stepper', less, count, more);
}

function productRow(retailerId, onChange) {
  const product = state.catalog.get(retailerId);
  const row = productCard(product, retailerId);
  row.className = 'product-row';
  row.querySelector('.product-info').classList.add('row-text');
  row.append(stepper(retailerId, onChange));
  return row;
}

function cartFooter() {
  const summary = element('span', null);
  const view = element('button', 'primary', '');
  view.type = 'button';
  view.addEventListener('click', openCart);
  const sync = () => {
    const { count, total } = cartTotals();
    summary.textContent = count === 0 ? 'Your cart is empty' : `${count} item${count === 1 ? '' : 's'} · ${total}`;
    view.textContent = 'View cart';
    view.disabled = count === 0;
  };
  sync();
  return { nodes: [summary, view], sync };
}

function openProductList(entry) {
  const { interactive } = entry.message;
  const footer = cartFooter();
  const body = interactive.action.sections.flatMap((section) => [
    section.title ? element('h3', 'sheet-section-title', section.title) : null,
    ...section.product_items.map((item) => productRow(item.product_retailer_id, footer.sync)),
  ]);
  openSheet(interactive.header?.text ?? 'Products', body.filter(Boolean), footer.nodes);
}

function openProduct(_entry, retailerId) {
  const product = state.catalog.get(retailerId);
  const footer = cartFooter();
  const detail = element(
    'div',
    'product-detail',
    image(product?.imageUrl, 'detail-image'),
    element(
      'div',
      'detail-text',
      element('h3', null, product?.title ?? retailerId),
      productCard(product, retailerId).querySelector('.product-price'),
      product?.description ? element('p', null, product.description.replace(/<[^>]*>/g, '')) : null,
    ),
  );
  const add = element('div', 'product-row', element('span', 'row-text', 'Quantity'), stepper(retailerId, footer.sync));
  openSheet(product?.title ?? 'Product', [detail, add], footer.nodes);
}

function cartTotals() {
  let count = 0;
  const totals = new Map();
  for (const [retailerId, quantity] of state.cart) {
    count += quantity;
    const price = state.catalog.get(retailerId)?.price;
    if (price)
      totals.set(price.currency, (totals.get(price.currency) ?? 0) + Math.round(Number(price.amount) * 100) * quantity);
  }
  return { count, total: [...totals].map(([currency, cents]) => formatMoney(cents / 100, currency)).join(' + ') };
}

function openCart() {
  const send = element('button', 'primary', 'Send cart');
  send.type = 'button';
  const summary = element('span', null);
  const sync = () => {
    const { count, total } = cartTotals();
    summary.textContent = count === 0 ? 'Your cart is empty' : `${count} item${count === 1 ? '' : 's'} · ${total}`;
    send.disabled = count === 0;
  };
  send.addEventListener('click', () => {
    const items = [...state.cart].map(([retailerId, quantity]) => ({ product_retailer_id: retailerId, quantity }));
    state.cart.clear();
    updateCartPill();
    closeSheet();
    void sendAsUser({ order: { catalog_id: state.config.catalogId, product_items: items } });
  });
  sync();
  openSheet(
    'Your cart',
    [...state.cart.keys()].map((retailerId) => productRow(retailerId, sync)),
    [summary, send],
  );
}

function updateCartPill() {
  const pill = $('cart-pill');
  const { count, total } = cartTotals();
  pill.hidden = count === 0;
  pill.replaceChildren(icon('cart', 16), ` View cart (${count}) · ${total}`);
}
$('cart-pill').addEventListener('click', openCart);

// --- Typing ---

const text = $('text');
text.addEventListener('input', () => {
  $('send').disabled = text.value.trim() === '';
  text.style.height = 'auto';
  text.style.height = `${Math.min(text.scrollHeight, 120)}px`;
});
text.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    $('composer').requestSubmit();
  }
});
$('composer').addEventListener('submit', (event) => {
  event.preventDefault();
  const body = text.value.trim();
  if (body === '') return;
  text.value = '';
  text.dispatchEvent(new Event('input'));
  void sendAsUser(body);
});

// --- Live conversation ---

/** Events are handled one at a time, in order: drawing an entry may first wait for the catalog. */
let handling = Promise.resolve();
function inOrder(handle) {
  return (event) => {
    handling = handling.then(() => handle(JSON.parse(event.data))).catch((error) => toast(error.message));
  };
}

function connect() {
  const events = new EventSource(`/_sandbox/users/${waId}/events`);
  events.addEventListener('open', () => ($('connection').textContent = 'online'));
  events.addEventListener('error', () => ($('connection').textContent = 'reconnecting…'));
  events.addEventListener(
    'snapshot',
    inOrder(async (snapshot) => {
      state.userName ??= snapshot.user?.name ?? 'Demo shopper';
      state.deliveries = new Map(Object.entries(snapshot.deliveries ?? {}));
      if (snapshot.entries.some(missingProducts)) await loadCatalog();
      state.entries = snapshot.entries;
      renderAll();
      showCaption();
    }),
  );
  events.addEventListener(
    'entry',
    inOrder(({ entry }) => append(entry)),
  );
  events.addEventListener(
    'status',
    inOrder((update) => {
      const entry = state.entries.find((candidate) => candidate.wamid === update.wamid);
      if (!entry) return;
      const order = { sent: 1, delivered: 2, read: 3, failed: 4 };
      if (entry.status && order[update.status] <= order[entry.status]) return;
      entry.status = update.status;
      if (update.errors) entry.errors = update.errors;
      rerender(update.wamid);
      markReadSoon();
    }),
  );
  events.addEventListener(
    'delivery',
    inOrder((update) => {
      state.deliveries.set(update.wamid, update.state);
      rerender(update.wamid);
    }),
  );
}

function showCaption() {
  $('caption').textContent =
    `Chatting as ${state.userName} (+${waId}) with ${state.config.businessName} (+${state.config.displayPhoneNumber})`;
}

async function start() {
  try {
    state.config = await api('/_sandbox/config');
  } catch (error) {
    toast(error.message);
  }
  $('business-name').textContent = state.config.businessName;
  $('avatar').textContent = state.config.businessName.slice(0, 1).toUpperCase();
  document.title = `${state.config.businessName} · WhatsApp phone simulator`;
  await loadCatalog();
  showCaption();
  connect();
  text.focus();
}

void start();
