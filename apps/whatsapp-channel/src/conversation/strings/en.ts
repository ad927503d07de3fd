import type { Strings } from './strings.js';

export const en: Strings = {
  welcome: (name, shop) =>
    `Hi${name ? ` ${name}` : ''}! Welcome to ${shop}. Type what you are looking for, or tap a button.`,
  buttonSearch: 'Search',
  buttonCategories: 'Categories',
  buttonCart: 'My cart',
  askSearch: 'What are you looking for? Type a word, for example "headphones".',
  results: (query, total) => `${total} for "${query}". Tap the button to see them.`,
  categoryResults: (category, total) => `${total} in ${category}.`,
  resultsButton: 'View products',
  resultsSection: 'Products',
  moreRow: 'More results',
  moreRowDescription: 'Show the next products',
  catalogRow: 'View in the catalog',
  catalogRowDescription: 'Add several to a cart at once',
  catalogHeader: 'Products',
  catalogBody: 'Open a product, add what you want to your cart and send the cart.',
  noResults: (query) => `I found nothing for "${query}". Try another word, or tap Categories.`,
  shopsCount: (count) => `at ${count} shops`,
  variantsCount: (count) => `${count} variants`,
  offersCount: (count) => (count === 1 ? '1 product' : `${count} products`),
  productCard: (title, price, retailer, offers) => `*${title}*\n${price} at ${retailer}${offers ? `\n${offers}` : ''}`,
  buttonAdd: 'Add to cart',
  buttonOtherOffers: 'Other offers',
  buttonChooseVariant: 'Choose a variant',
  buttonBack: 'Back',
  otherOffers: (title) => `Offers for ${title}. Choose one to add it to your cart.`,
  otherOffersButton: 'View offers',
  availability: (value) =>
    ({ in_stock: 'In stock', out_of_stock: 'Out of stock', preorder: 'Pre-order', backorder: 'Backorder' })[value] ??
    value,
  productGone: 'That product is no longer available. Type another search.',
  added: (title, items, total) =>
    `Added ${title} to your cart. Your cart: ${items === 1 ? '1 item' : `${items} items`}, ${total}.`,
  buttonCheckout: 'Check out',
  buttonViewCart: 'View cart',
  buttonContinue: 'Keep shopping',
  cartEmpty: 'Your cart is empty. Type what you are looking for.',
  cartHeader: 'Your cart',
  cartLine: (quantity, title, total) => `${quantity} × ${title} — ${total}`,
  cartLineUnavailable: (title) => `${title} — no longer available`,
  cartLineIssue: (issue) =>
    ({ price_changed: 'price changed', insufficient_stock: 'not enough stock', unavailable: 'unavailable' })[issue] ??
    issue,
  subtotal: (amount) => `Subtotal: ${amount}`,
  total: (amount) => `*Total: ${amount}*`,
  buttonChange: 'Change cart',
  changeWhich: 'Which item do you want to change?',
  changeButton: 'Choose item',
  lineRow: (quantity) => `${quantity} in cart`,
  lineActions: (quantity, title) => `${quantity} × ${title}. What do you want to do?`,
  buttonMore: 'One more',
  buttonLess: 'One less',
  buttonRemove: 'Remove',
  categoriesBody: 'Choose a category.',
  categoriesButton: 'Categories',
  categoryRowDescription: (count) => (count === 1 ? '1 product' : `${count} products`),
  noCategories: 'There are no categories to show yet. Type what you are looking for.',
  askName: 'Checkout: what name should the order be in?',
  askLine1: 'Where should we deliver? Send the street and house number.',
  askPostalCode: 'And the postal code?',
  askCity: 'And the city?',
  askCountry: 'Which country? Send its two-letter code, for example NL or BE.',
  badCountry: 'I did not recognise that country code. Send two letters, for example NL.',
  askEmail: 'Your email address, for the receipt? Tap Skip to order without one.',
  badEmail: 'That does not look like an email address. Send it again, or tap Skip.',
  buttonSkip: 'Skip',
  summary: (cart, name, address, contact) =>
    `*Your order*\n\n${cart}\n\nFor: ${name}\nDeliver to: ${address}\n${contact}`,
  buttonPlace: 'Place order',
  buttonChangeAddress: 'Change address',
  buttonCancel: 'Cancel',
  cancelled: 'OK, nothing was ordered. Your cart is kept.',
  cartNotReady: 'Something in your cart changed. Look at your cart, then check out again.',
  placed: (reference, parts) =>
    `Thank you! Your order ${reference} is placed${parts > 1 ? ` with ${parts} shops` : ''}.` +
    ' I will message you here when it is confirmed and shipped.',
  pricesChanged: (changes) => `Something changed since you looked:\n${changes}\nPlease check the new summary.`,
  priceChange: (title, was, now) => `${title}: now ${now} (was ${was})`,
  unavailableChange: (title) => `${title}: no longer available, removed from your cart`,
  stockChange: (title, left) => `${title}: only ${left} left`,
  cannotShip: (detail) => `This order cannot be delivered there: ${detail} Send another address.`,
  staleSummary: 'That summary is out of date; here is the current one.',
  help:
    'Type what you are looking for to search. Tap Categories to browse, My cart to see your cart. ' +
    'Say "stop" to stop, "hi" to start again.',
  stopped: 'OK, I stopped. Say "hi" whenever you want to shop again.',
  hint: 'Sorry, I did not understand that. Type what you are looking for, or "help".',
  unsupported: 'I can only read text and taps. Type what you are looking for, or "help".',
  tryAgainShortly: 'The shop is busy right now. I have your message and will answer it shortly.',
  gaveUp: 'Sorry, something went wrong with your last message. Please try again.',
  orderUpdate: {
    accepted: (retailer, reference) => `${retailer} confirmed your order ${reference}.`,
    refused: (retailer, reference, reason) =>
      `${retailer} could not take your order ${reference}${reason ? `: ${reason}` : ''}.` +
      ' You will not be charged for it.',
    shipped: (retailer, reference, tracking) =>
      `${retailer} shipped your order ${reference}.${tracking ? ` Track it: ${tracking}` : ''}`,
    delivered: (retailer, reference) => `Your order ${reference} from ${retailer} was delivered. Enjoy!`,
    cancelled: (retailer, reference, reason) =>
      `Your order ${reference} from ${retailer} was cancelled${reason ? `: ${reason}` : ''}.`,
    failed: (retailer, reference) =>
      `We could not pass your order ${reference} on to ${retailer}. We are looking into it.`,
    refunded: (retailer, reference, amount) => `${retailer} refunded ${amount} for your order ${reference}.`,
  },
};
