import type { components } from './souk-api.js';

type Schemas = components['schemas'];

/**
 * Names for the bodies and answers of the channel API (`/v1/channel/...`), the part of Souk a chat
 * front end uses with its channel key. They are the generated schemas; the client's calls give them
 * already, these are for a front end's own functions and state.
 */
export type SearchResult = Schemas['SearchResultView'];
export type SearchHit = Schemas['SearchHitView'];
/**
 * The best offer of a search hit: `offerId` is what goes in the cart and, as `product_retailer_id`, in WhatsApp product
 * messages.
 */
export type SearchOffer = Schemas['SearchOfferView'];
export type Facets = Schemas['FacetsView'];
export type CategoryLevel = Schemas['CategoryLevelView'];
/** A product with every offer the channel may show, best first. */
export type Product = Schemas['ProductView'];
export type ProductOffer = Schemas['ProductOfferView'];
export type ProductShare = Schemas['ProductShareView'];
export type ResolvedMessage = Schemas['ResolvedMessageView'];
export type Cart = Schemas['CartView'];
export type CartLine = Schemas['CartLineView'];
export type CartLineBody = Schemas['CartLineBody'];
export type CheckoutBody = Schemas['CheckoutBody'];
/** Who ordered: a name and an email or a phone (E.164), or both. */
export type Customer = Schemas['CustomerBody'];
export type Address = Schemas['AddressBody'];
export type Order = Schemas['OrderView'];
export type RetailerOrder = Schemas['RetailerOrderView'];
export type Money = Schemas['MoneyView'];
export type Channel = Schemas['ChannelView'];
/** The answer that makes a catalog feed token: the token and the feed URLs, shown only then. */
export type ChannelFeedToken = Schemas['ChannelFeedTokenView'];
export type WebhookDelivery = Schemas['WebhookDeliveryView'];
export type UserEventBody = Schemas['RecordUserEventBody'];
