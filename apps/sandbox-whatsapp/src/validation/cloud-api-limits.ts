/**
 * The Cloud API's documented limits for the messages the sandbox checks, in characters (code
 * points). Sources: Meta's pages on text, media, interactive reply buttons, list messages,
 * single- and multi-product messages and CTA URL buttons; section titles as Meta's section object
 * (required when a message has more than one section). `libs/domain/src/chat/whatsapp-limits.ts`
 * holds the same numbers for Souk's own builders; this copy is the remote end's, kept apart on
 * purpose so that a wrong number on one side is caught by the other.
 */
export const TEXT_LIMITS = { body: 4096 } as const;

export const MEDIA_LIMITS = { caption: 1024 } as const;

export const BUTTON_LIMITS = { body: 1024, headerText: 60, footer: 60, buttons: 3, id: 256, title: 20 } as const;

export const LIST_LIMITS = {
  body: 4096,
  headerText: 60,
  footer: 60,
  button: 20,
  sections: 10,
  rowsTotal: 10,
  sectionTitle: 24,
  rowId: 200,
  rowTitle: 24,
  rowDescription: 72,
} as const;

export const PRODUCT_LIMITS = { body: 1024, footer: 60 } as const;

export const PRODUCT_LIST_LIMITS = {
  headerText: 60,
  body: 1024,
  footer: 60,
  sections: 10,
  productsTotal: 30,
  sectionTitle: 24,
} as const;

export const CTA_URL_LIMITS = { body: 1024, headerText: 60, footer: 60, displayText: 20 } as const;

/** `biz_opaque_callback_data`, echoed in status callbacks. */
export const CALLBACK_DATA_LIMIT = 512;
