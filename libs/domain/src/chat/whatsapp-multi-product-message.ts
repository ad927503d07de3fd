import { MULTI_PRODUCT_MESSAGE_LIMITS as LIMITS } from './whatsapp-limits.js';
import { WhatsAppPayloadError } from './whatsapp-payload-error.js';
import {
  capGroups,
  checkedId,
  checkUnique,
  optionalFooter,
  requiredText,
  sectionTitle,
} from './whatsapp-payload-parts.js';
import type { BuiltPayload, WhatsAppInteractiveProductList } from './whatsapp-payload-types.js';

export interface ProductSectionInput {
  /** Required when more than one section is sent. */
  readonly title?: string;
  /** Ids of the products in the Meta catalog (Content ID in Commerce Manager). */
  readonly productRetailerIds: readonly string[];
}

export interface MultiProductMessageInput {
  /** Required for this message type. */
  readonly header: string;
  readonly body: string;
  readonly footer?: string;
  readonly catalogId: string;
  readonly sections: readonly ProductSectionInput[];
}

export interface MultiProductMessageDropped {
  readonly sections: number;
  readonly products: number;
}

// The Cloud API documents no length for these ids; they only have to be unchanged.
const UNLIMITED = Number.MAX_SAFE_INTEGER;

/**
 * The `interactive` object of a multi-product message (`product_list`). Texts are fitted to their
 * limits; sections past the 10th and products past the 30th in all (and sections left empty) are
 * dropped in order and counted.
 *
 * @throws WhatsAppPayloadError when the header, body or catalog id is blank, there is no product,
 *   a product id is blank or repeated, or several sections are sent and one has no title.
 */
export function multiProductMessage(
  input: MultiProductMessageInput,
): BuiltPayload<WhatsAppInteractiveProductList, MultiProductMessageDropped> {
  const header = requiredText(input.header, LIMITS.headerText, 'header');
  const catalogId = checkedId(input.catalogId, UNLIMITED, 'catalogId');
  const ids = input.sections.flatMap((section, s) =>
    section.productRetailerIds.map((id, p) => {
      const field = `sections[${s}].productRetailerIds[${p}]`;
      return { value: checkedId(id, UNLIMITED, field), field };
    }),
  );
  checkUnique(ids, 'product');
  if (ids.length === 0)
    throw new WhatsAppPayloadError('a multi-product message needs at least one product', 'sections');

  const capped = capGroups(
    input.sections.map((section) => section.productRetailerIds),
    LIMITS.sections,
    LIMITS.productsTotal,
  );
  const several = capped.kept.length > 1;
  const sections = capped.kept.map(({ index, items }) => ({
    ...sectionTitle(input.sections[index].title, LIMITS.sectionTitle, `sections[${index}].title`, several),
    product_items: items.map((id) => ({ product_retailer_id: id })),
  }));

  return {
    payload: {
      type: 'product_list',
      header: { type: 'text', text: header },
      body: { text: requiredText(input.body, LIMITS.bodyText, 'body') },
      ...optionalFooter(input.footer, LIMITS.footerText),
      action: { catalog_id: catalogId, sections },
    },
    dropped: { sections: capped.droppedGroups, products: capped.droppedItems },
  };
}
