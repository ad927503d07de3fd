/**
 * Draws conversation entries the way WhatsApp shows them on a phone. Pure DOM building: every
 * text from a message goes in as a text node, never as markup. Taps are handed to `actions`.
 *
 * Entries come from the sandbox: `direction: "out"` is a message the business sent (its send
 * request body, its last status), `direction: "in"` one the user sent (the webhook's message).
 */

const URL_PATTERN = /https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]]/g;
const FORMAT_PATTERN = /(\*[^*\n]+\*|_[^_\n]+_|~[^~\n]+~|```[^`]+```)/g;

const SVG = 'http://www.w3.org/2000/svg';

/** Material icons as inline SVG: the page must not depend on an emoji font being installed. */
const ICONS = {
  bag:
    'M18 6h-2c0-2.21-1.79-4-4-4S8 3.79 8 6H6c-1.1 0-2 .9-2 2v12c0 1.1.9 2 2 2h12c1.1 0 2-.9 2-2V8' +
    'c0-1.1-.9-2-2-2zm-6-2c1.1 0 2 .9 2 2h-4c0-1.1.9-2 2-2zm6 16H6V8h2v2c0 .55.45 1 1 1s1-.45 1-1V8h4v2' +
    'c0 .55.45 1 1 1s1-.45 1-1V8h2v12z',
  cart:
    'M7 18c-1.1 0-1.99.9-1.99 2S5.9 22 7 22s2-.9 2-2-.9-2-2-2zM1 2v2h2l3.6 7.59-1.35 2.45' +
    'c-.16.28-.25.61-.25.96 0 1.1.9 2 2 2h12v-2H7.42c-.14 0-.25-.11-.25-.25l.03-.12.9-1.63h7.45' +
    'c.75 0 1.41-.41 1.75-1.03l3.58-6.49A1 1 0 0 0 20 4H5.21l-.94-2H1zm16 16c-1.1 0-1.99.9-1.99 2' +
    's.89 2 1.99 2 2-.9 2-2-.9-2-2-2z',
  clock:
    'M11.99 2C6.47 2 2 6.48 2 12s4.47 10 9.99 10C17.52 22 22 17.52 22 12S17.52 2 11.99 2zM12 20' +
    'c-4.42 0-8-3.58-8-8s3.58-8 8-8 8 3.58 8 8-3.58 8-8 8zm.5-13H11v6l5.25 3.15.75-1.23-4.5-2.67z',
  list: 'M3 13h2v-2H3v2zm0 4h2v-2H3v2zm0-8h2V7H3v2zm4 4h14v-2H7v2zm0 4h14v-2H7v2zM7 7v2h14V7H7z',
  reply: 'M10 9V5l-7 7 7 7v-4.1c5 0 8.5 1.6 11 5.1-1-5-4-10-11-11z',
  open:
    'M19 19H5V5h7V3H5c-1.11 0-2 .9-2 2v14c0 1.1.89 2 2 2h14c1.1 0 2-.9 2-2v-7h-2v7zM14 3v2h3.59' +
    'l-9.83 9.83 1.41 1.41L19 6.41V10h2V3h-7z',
  pin:
    'M12 2C8.13 2 5 5.13 5 9c0 5.25 7 13 7 13s7-7.75 7-13c0-3.87-3.13-7-7-7zm0 9.5' +
    'a2.5 2.5 0 0 1 0-5 2.5 2.5 0 0 1 0 5z',
};

export function icon(name, size = 18) {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('width', String(size));
  svg.setAttribute('height', String(size));
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('class', `icon icon-${name}`);
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('fill', 'currentColor');
  path.setAttribute('d', ICONS[name]);
  svg.append(path);
  return svg;
}

export function element(tag, className, ...children) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** WhatsApp's formatting (*bold*, _italic_, ~strike~, ```mono```) and clickable links. */
export function richText(value) {
  const text = String(value);
  const fragment = document.createDocumentFragment();
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    fragment.append(formatted(text.slice(last, match.index)));
    const link = element('a', null, match[0]);
    link.href = match[0];
    link.target = '_blank';
    link.rel = 'noopener noreferrer';
    fragment.append(link);
    last = match.index + match[0].length;
  }
  fragment.append(formatted(text.slice(last)));
  return fragment;
}

function formatted(text) {
  const fragment = document.createDocumentFragment();
  for (const part of text.split(FORMAT_PATTERN)) {
    if (part === '') continue;
    if (/^```[\s\S]+```$/.test(part)) fragment.append(element('code', null, part.slice(3, -3)));
    else if (/^\*.+\*$/.test(part)) fragment.append(element('strong', null, part.slice(1, -1)));
    else if (/^_.+_$/.test(part)) fragment.append(element('em', null, part.slice(1, -1)));
    else if (/^~.+~$/.test(part)) fragment.append(element('s', null, part.slice(1, -1)));
    else fragment.append(document.createTextNode(part));
  }
  return fragment;
}

export function formatMoney(amount, currency) {
  const value = Number(amount);
  try {
    return new Intl.NumberFormat(navigator.language || 'en', { style: 'currency', currency }).format(value);
  } catch {
    return `${value.toFixed(2)} ${currency}`;
  }
}

function clock(iso) {
  const date = new Date(iso);
  return `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
}

export function image(url, className) {
  if (!url) return element('div', `${className} placeholder`, icon('bag', 28));
  const img = element('img', className);
  img.alt = '';
  img.loading = 'lazy';
  img.referrerPolicy = 'no-referrer';
  img.src = url;
  img.addEventListener('error', () => img.replaceWith(element('div', `${className} placeholder`, icon('bag', 28))), {
    once: true,
  });
  return img;
}

/** One line that says what a message is, for quotes of it: plain text, as WhatsApp quotes. */
export function summaryOf(entry) {
  return plain(describe(entry));
}

function plain(text) {
  return String(text)
    .replace(/([*_~])([^*_~\n]+)\1/g, '$2')
    .replace(/\s+/g, ' ')
    .trim();
}

function describe(entry) {
  const message = entry.message;
  if (entry.direction === 'out') {
    if (entry.templateText) return entry.templateText;
    if (message.type === 'text') return message.text?.body ?? '';
    if (message.type === 'interactive')
      return message.interactive?.body?.text ?? message.interactive?.header?.text ?? 'Products';
    if (message.type === 'image') return message.image?.caption ?? 'Photo';
    return message.type;
  }
  if (message.type === 'text') return message.text.body;
  if (message.type === 'interactive')
    return message.interactive.button_reply?.title ?? message.interactive.list_reply?.title ?? '';
  if (message.type === 'order') return 'Cart';
  return message.type;
}

function ticksFor(entry, deliveryState) {
  if (entry.direction === 'out') {
    const marks = {
      sent: ['✓', 'sent'],
      delivered: ['✓✓', 'delivered'],
      read: ['✓✓', 'read'],
      failed: ['!', 'failed'],
    }[entry.status];
    if (!marks) return null;
    const ticks = element('span', `ticks ${marks[1]}`, marks[0]);
    ticks.title = `Status reported to the business: ${marks[1]}`;
    ticks.dataset.status = entry.status;
    return ticks;
  }
  const marks = {
    pending: [icon('clock', 12), 'pending'],
    delivered: ['✓✓', 'delivered'],
    failed: ['!', 'failed'],
    'no-webhook-url': ['!', 'failed'],
  }[deliveryState ?? 'pending'];
  const ticks = element('span', `ticks ${marks[1]}`, marks[0]);
  ticks.title =
    deliveryState === 'delivered'
      ? 'The business received it'
      : deliveryState === 'pending' || !deliveryState
        ? 'Sending to the business'
        : 'The business did not receive it';
  ticks.dataset.delivery = deliveryState ?? 'pending';
  return ticks;
}

function meta(entry, deliveryState) {
  return element('span', 'bubble-meta', clock(entry.at), ticksFor(entry, deliveryState));
}

function quote(context) {
  if (!context) return null;
  return element('blockquote', 'quote', element('strong', null, context.who), context.text);
}

function header(interactive) {
  const head = interactive?.header;
  if (!head) return null;
  if (head.type === 'text') return element('div', 'bubble-header', richText(head.text));
  if (head.type === 'image') return image(head.image?.link, 'bubble-image');
  return element('div', 'bubble-header', head.type === 'video' ? 'Video' : 'Document');
}

function textParts(interactive) {
  return [
    interactive?.body?.text ? element('div', 'bubble-body', richText(interactive.body.text)) : null,
    interactive?.footer?.text ? element('div', 'bubble-footer', interactive.footer.text) : null,
  ];
}

function priceLine(product) {
  if (!product?.price) return element('div', 'product-price', 'Price not available');
  return element(
    'div',
    'product-price',
    formatMoney(product.price.amount, product.price.currency),
    product.regularPrice
      ? element('del', null, formatMoney(product.regularPrice.amount, product.regularPrice.currency))
      : null,
  );
}

export function productCard(product, retailerId) {
  return element(
    'div',
    'product-card',
    image(product?.imageUrl, 'product-thumb'),
    element(
      'div',
      'product-info',
      element('div', 'product-title', product?.title ?? retailerId),
      priceLine(product),
      product && product.availability !== 'in stock' ? element('div', 'product-stock', product.availability) : null,
    ),
  );
}

function action(label, onTap, iconName) {
  const button = element('button', 'action', icon(iconName), label);
  button.type = 'button';
  button.addEventListener('click', onTap);
  return button;
}

/** The bubble and buttons of a message the business sent. */
function businessMessage(entry, view) {
  const message = entry.message;
  const parts = [quote(view.contextOf(message.context?.message_id))];
  const tail = [];
  const below = [];
  const interactive = message.interactive;
  switch (message.type) {
    case 'text':
      parts.push(element('div', 'bubble-body', richText(message.text.body)));
      break;
    case 'image':
      parts.push(
        image(message.image.link, 'bubble-image'),
        message.image.caption ? element('div', 'bubble-body', richText(message.image.caption)) : null,
      );
      break;
    case 'template':
      parts.push(element('div', 'bubble-body', richText(entry.templateText ?? message.template.name)));
      break;
    case 'interactive':
      if (interactive.type === 'product') {
        const id = interactive.action.product_retailer_id;
        const product = view.product(id);
        parts.push(productCard(product, id), ...textParts(interactive));
        below.push(action('View', () => view.openProduct(entry, id), 'bag'));
        break;
      }
      parts.push(header(interactive), ...textParts(interactive));
      if (interactive.type === 'button') {
        for (const button of interactive.action.buttons)
          below.push(action(button.reply.title, () => view.tapButton(entry, button.reply), 'reply'));
      } else if (interactive.type === 'list') {
        const open = element('button', 'list-button', icon('list'), interactive.action.button);
        open.type = 'button';
        open.addEventListener('click', () => view.openList(entry));
        tail.push(open);
      } else if (interactive.type === 'product_list') {
        below.push(action('View items', () => view.openProductList(entry), 'bag'));
      } else if (interactive.type === 'cta_url') {
        const link = element('a', 'action', icon('open'), interactive.action.parameters.display_text);
        link.href = interactive.action.parameters.url;
        link.target = '_blank';
        link.rel = 'noopener noreferrer';
        below.push(link);
      }
      break;
    case 'location':
      parts.push(
        element(
          'div',
          'bubble-body',
          icon('pin', 16),
          ` ${message.location.name ?? `${message.location.latitude}, ${message.location.longitude}`}`,
        ),
      );
      break;
    default:
      parts.push(element('div', 'bubble-body', `[${message.type}]`));
  }
  return { bubble: parts, tail, below };
}

/** The bubble of a message the user sent. */
function userMessage(entry, view) {
  const message = entry.message;
  const parts = [quote(view.contextOf(message.context?.id))];
  if (message.type === 'text') parts.push(element('div', 'bubble-body', richText(message.text.body)));
  if (message.type === 'interactive') {
    const reply = message.interactive.button_reply ?? message.interactive.list_reply;
    parts.push(element('div', 'bubble-body', reply.title));
    if (message.interactive.list_reply?.description)
      parts.push(element('div', 'bubble-footer', message.interactive.list_reply.description));
  }
  if (message.type === 'order') {
    const items = message.order.product_items;
    const count = items.reduce((sum, item) => sum + Number(item.quantity), 0);
    const totals = new Map();
    for (const item of items)
      totals.set(
        item.currency,
        (totals.get(item.currency) ?? 0) + Math.round(Number(item.item_price) * 100) * Number(item.quantity),
      );
    const total = [...totals].map(([currency, cents]) => formatMoney(cents / 100, currency)).join(' + ');
    parts.push(
      element(
        'div',
        'order-summary',
        element('span', 'cart-icon', icon('cart', 28)),
        element(
          'div',
          null,
          element('div', 'product-title', `${count} item${count === 1 ? '' : 's'}`),
          element('div', 'product-price', `${total} (estimated total)`),
        ),
      ),
    );
    if (message.order.text) parts.push(element('div', 'bubble-body', message.order.text));
  }
  return { bubble: parts, tail: [], below: [] };
}

/** The list item of one entry; `view` gives catalog lookups, quotes, delivery states and the tap handlers. */
export function renderEntry(entry, view) {
  if (entry.direction === 'out' && entry.status === 'failed') {
    const error = entry.errors?.[0];
    const item = element(
      'li',
      'system-notice',
      `A message from ${view.businessName} was not delivered${error ? `: (#${error.code}) ${error.title}` : ''}`,
    );
    item.dataset.wamid = entry.wamid;
    return item;
  }
  const fromBusiness = entry.direction === 'out';
  const { bubble, tail, below } = fromBusiness ? businessMessage(entry, view) : userMessage(entry, view);
  const box = element('div', 'bubble', ...bubble, meta(entry, view.deliveryState(entry.wamid)), ...tail);
  const item = element(
    'li',
    `message ${fromBusiness ? 'from-business' : 'from-user'}`,
    box,
    below.length > 0 ? element('div', 'actions', ...below) : null,
  );
  item.dataset.wamid = entry.wamid;
  return item;
}
