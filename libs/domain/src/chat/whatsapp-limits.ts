/**
 * Limits of WhatsApp Cloud API interactive messages. Lengths are in characters; Souk measures
 * UTF-16 code units (fitText), never fewer than code points, so either reading is met.
 *
 * Sources:
 * - List messages:
 *   https://developers.facebook.com/documentation/business-messaging/whatsapp/messages/interactive-list-messages
 *   (button 20, body 4096, header 60, footer 60, row id 200, row title 24, row description 72,
 *   up to 10 sections and 10 rows for all sections combined). Section title 24 and "required when
 *   there is more than one section": Cloud API section object, as in Meta's WhatsApp Node.js SDK
 *   reference https://whatsapp.github.io/WhatsApp-Nodejs-SDK/api-reference/types/SectionObject and
 *   whatsapp-api-js https://whatsappapijs.web.app/classes/messages.ListSection.html.
 * - Reply buttons:
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/messages/interactive-reply-buttons-messages
 *   (up to 3 buttons, id 256, label 20 and unique, body 1024, footer 60); text header 60:
 *   https://whatsapp.github.io/WhatsApp-Nodejs-SDK/api-reference/types/HeaderObject
 * - Multi-product messages: https://developers.facebook.com/docs/whatsapp/guides/interactive-messages/
 *   (up to 30 items); 1 to 10 sections:
 *   https://whatsapp.github.io/WhatsApp-Nodejs-SDK/api-reference/types/ActionObject;
 *   header required for product_list, body 1024, footer 60: Cloud API interactive object
 *   (https://developer.cequens.com/reference/sending-product-message restates it).
 */
export const LIST_MESSAGE_LIMITS = {
  bodyText: 4096,
  headerText: 60,
  footerText: 60,
  buttonLabel: 20,
  sections: 10,
  rowsTotal: 10,
  sectionTitle: 24,
  rowId: 200,
  rowTitle: 24,
  rowDescription: 72,
} as const;

export const REPLY_BUTTONS_LIMITS = {
  bodyText: 1024,
  headerText: 60,
  footerText: 60,
  buttons: 3,
  buttonId: 256,
  buttonTitle: 20,
} as const;

export const MULTI_PRODUCT_MESSAGE_LIMITS = {
  headerText: 60,
  bodyText: 1024,
  footerText: 60,
  sections: 10,
  productsTotal: 30,
  sectionTitle: 24,
} as const;
