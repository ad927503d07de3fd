import { GraphError } from '../graph-errors.js';
import type { TemplateDefinition } from '../templates.js';
import { CALLBACK_DATA_LIMIT, TEXT_LIMITS } from './cloud-api-limits.js';
import { checkInteractive, type CatalogLookup, type InteractiveType } from './interactive-validation.js';
import { checkMedia, MEDIA_TYPES, type MediaType } from './media-validation.js';
import { checkTemplate } from './template-validation.js';
import {
  arrayEntry,
  child,
  invalid,
  isFields,
  missing,
  oneOf,
  onlyKeys,
  optionalBoolean,
  optionalText,
  requiredArray,
  requiredObject,
  requiredText,
  type Fields,
} from './validation-kit.js';

export const MESSAGE_TYPES = [
  'text',
  ...MEDIA_TYPES,
  'location',
  'contacts',
  'interactive',
  'template',
  'reaction',
] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];

/** A send that passed every check, with what the sandbox needs to act on it. */
export interface CheckedSend {
  /** `to` as the request gave it: the answer's `contacts[].input`. */
  readonly to: string;
  /** `to` in digits only: the user's WhatsApp ID. */
  readonly waId: string;
  readonly type: MessageType;
  readonly interactiveType?: InteractiveType;
  readonly template?: { readonly name: string; readonly definition: TemplateDefinition | undefined };
  /** `context.message_id`: the message this one quotes. */
  readonly replyTo?: string;
  /** `biz_opaque_callback_data`, echoed in the status callbacks. */
  readonly callbackData?: string;
}

export interface SendCheckContext {
  readonly catalog: CatalogLookup;
  /** Null: every template name is allowed. */
  readonly templates: Map<string, TemplateDefinition> | null;
}

const COMMON_KEYS = ['messaging_product', 'recipient_type', 'to', 'type', 'context', 'biz_opaque_callback_data'];

/**
 * Checks the body of `POST /{version}/{phone-number-id}/messages` as the Cloud API does, throwing
 * a GraphError in Meta's shape for the first violation: 131008 for a missing required parameter,
 * 131009 for a value out of its documented rules and limits, 131051 for a type the API does not
 * have, 100 for a key it does not read, 132000/132001 for templates.
 */
export async function checkSend(body: unknown, context: SendCheckContext): Promise<CheckedSend> {
  if (!isFields(body)) throw new GraphError('invalidParameter', 'The request body must be a JSON object');
  if (body.messaging_product === undefined) throw missing('messaging_product');
  oneOf(body, 'messaging_product', '', ['whatsapp']);
  if (body.recipient_type !== undefined) oneOf(body, 'recipient_type', '', ['individual']);
  const to = requiredText(body, 'to', '');
  const waId = to.replace(/[\s+()\-.]/g, '');
  if (!/^\d{7,15}$/.test(waId))
    throw invalid(
      'to',
      `${JSON.stringify(to)} is not a phone number or WhatsApp ID ` +
        '(7 to 15 digits, optionally with +, spaces, dashes or parentheses)',
    );

  // The Cloud API sends a text message when type is left out.
  const type = body.type === undefined ? 'text' : body.type;
  if (typeof type !== 'string' || !(MESSAGE_TYPES as readonly string[]).includes(type)) {
    throw new GraphError(
      'unsupportedType',
      `type ${JSON.stringify(type)} is not a message type; the types are ${MESSAGE_TYPES.join(', ')}`,
    );
  }
  const messageType = type as MessageType;
  onlyKeys(body, '', [...COMMON_KEYS, messageType]);

  let replyTo: string | undefined;
  if (body.context !== undefined) {
    const quoted = requiredObject(body, 'context', '');
    onlyKeys(quoted, 'context', ['message_id']);
    replyTo = requiredText(quoted, 'message_id', 'context');
  }
  const callbackData = optionalText(body, 'biz_opaque_callback_data', '', CALLBACK_DATA_LIMIT);

  let interactiveType: InteractiveType | undefined;
  let template: CheckedSend['template'];
  switch (messageType) {
    case 'text': {
      const text = requiredObject(body, 'text', '');
      onlyKeys(text, 'text', ['body', 'preview_url']);
      requiredText(text, 'body', 'text', TEXT_LIMITS.body);
      optionalBoolean(text, 'preview_url', 'text');
      break;
    }
    case 'interactive':
      interactiveType = await checkInteractive(requiredObject(body, 'interactive', ''), context.catalog);
      break;
    case 'template':
      template = checkTemplate(requiredObject(body, 'template', ''), context.templates);
      break;
    case 'location':
      checkLocation(requiredObject(body, 'location', ''));
      break;
    case 'contacts':
      requiredArray(body, 'contacts', '', 1, 257, 'contacts').forEach((value, index) => {
        const contact = arrayEntry(value, child('contacts', index));
        requiredText(
          requiredObject(contact, 'name', child('contacts', index)),
          'formatted_name',
          child(child('contacts', index), 'name'),
        );
      });
      break;
    case 'reaction': {
      const reaction = requiredObject(body, 'reaction', '');
      onlyKeys(reaction, 'reaction', ['message_id', 'emoji']);
      requiredText(reaction, 'message_id', 'reaction');
      // An empty emoji takes a reaction back.
      if (typeof reaction.emoji !== 'string')
        throw reaction.emoji === undefined ? missing('reaction.emoji') : invalid('reaction.emoji', 'must be a string');
      break;
    }
    default:
      checkMedia(body, messageType as MediaType, '');
  }
  return { to, waId, type: messageType, interactiveType, template, replyTo, callbackData };
}

function checkLocation(location: Fields): void {
  onlyKeys(location, 'location', ['latitude', 'longitude', 'name', 'address']);
  for (const [key, limit] of [
    ['latitude', 90],
    ['longitude', 180],
  ] as const) {
    const value = typeof location[key] === 'string' ? Number(location[key]) : location[key];
    if (location[key] === undefined) throw missing(`location.${key}`);
    if (typeof value !== 'number' || !Number.isFinite(value) || Math.abs(value) > limit)
      throw invalid(`location.${key}`, `must be a number from -${limit} to ${limit}`);
  }
  optionalText(location, 'name', 'location');
  optionalText(location, 'address', 'location');
}
