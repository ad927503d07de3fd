import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { parseProductRef, productShareText, clickToChatLink } from '#domain';
import { ProblemException } from '#platform';
import { retailerVisibleToChannel } from '../visibility/visible-offers.js';
import { ProductService } from '../products/product.service.js';
import type { ChannelContext } from '../visibility/channel-context.js';
import { SearchService } from './search.service.js';
import { CategoryLevelView, ProductShareView, ResolvedMessageView, StorefrontRetailerView } from './browse.dto.js';

/** Browsing what a channel may see: the category tree a level at a time, a retailer's storefront, share links. */
@Injectable()
export class BrowseService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly search: SearchService,
    private readonly products: ProductService,
  ) {}

  /**
   * The children of `parent` (the roots without one) with the visible products under each; empty categories are left
   * out.
   */
  async categoryLevel(channel: ChannelContext, parent: number | undefined): Promise<CategoryLevelView> {
    let parentView: { id: number; name: string; path: string; parentId: number | null } | null = null;
    if (parent !== undefined) {
      [parentView] = (await this.dataSource.query(
        `SELECT id, name, path, parent_id AS "parentId" FROM category WHERE id = $1`,
        [parent],
      )) as [typeof parentView];
      if (!parentView) throw ProblemException.notFound(`Category ${parent}`);
    }
    const facets = await this.search.facets(channel, { category: parent });
    return Object.assign(new CategoryLevelView(), {
      parent: parentView,
      total: facets.total,
      own: facets.own,
      categories: facets.category,
    });
  }

  /** The retailer, when the channel may see it; else 404, as for a retailer that does not exist. */
  async storefrontRetailer(channel: ChannelContext, retailerId: string): Promise<StorefrontRetailerView> {
    const [retailer] = (await this.dataSource.query(
      `SELECT r.id, r.name, r.slug, r.countries AS "shipsTo"
         FROM retailer_directory r WHERE r.id = $1 AND ${retailerVisibleToChannel('$2')}`,
      [retailerId, channel.id],
    )) as StorefrontRetailerView[];
    if (!retailer) throw ProblemException.notFound(`Retailer ${retailerId}`);
    return Object.assign(new StorefrontRetailerView(), retailer);
  }

  /** A click-to-chat link to the channel's WhatsApp number whose prefilled message names the product. */
  async share(channel: ChannelContext, productId: string): Promise<ProductShareView> {
    if (!channel.whatsappNumber) {
      throw ProblemException.conflict(
        'The channel has no whatsappNumber; an operator sets it on the channel first.',
        'whatsappNumber',
      );
    }
    const product = await this.products.get(productId, {
      currency: channel.currency,
      channelId: channel.id,
      locale: channel.locale,
    });
    const text = productShareText(product.id, product.title);
    return Object.assign(new ProductShareView(), {
      productId: product.id,
      text,
      link: clickToChatLink(channel.whatsappNumber, text),
    });
  }

  /** The product a user's message refers to (the ref token of a share link), when the channel may see it. */
  async resolve(channel: ChannelContext, message: string): Promise<ResolvedMessageView> {
    const productId = parseProductRef(message);
    if (productId === null) throw ProblemException.notFound('A product reference in the message');
    const product = await this.products.get(productId, {
      currency: channel.currency,
      channelId: channel.id,
      locale: channel.locale,
    });
    return Object.assign(new ResolvedMessageView(), { productId: product.id, product });
  }
}
