import { toWellFormed } from './well-formed.js';

/** A phone number that cannot be used in a wa.me link. */
export class InvalidPhoneNumberError extends Error {
  constructor(
    message: string,
    readonly input: string,
  ) {
    super(message);
    this.name = 'InvalidPhoneNumberError';
  }
}

const SEPARATORS = /[\s\-.()]/g;

/**
 * The digits wa.me wants: the full international number without '+', e.g. "+1 (555) 123-4567" ->
 * "15551234567". Spaces, dashes, dots, parentheses and one leading '+' are removed.
 *
 * @throws InvalidPhoneNumberError unless 8 to 15 digits remain (E.164 allows at most 15), or when
 *   the number starts with 0: country codes never do, so it is a national number without one.
 */
export function clickToChatDigits(phoneNumber: string): string {
  const digits = phoneNumber.trim().replace(/^\+/, '').replace(SEPARATORS, '');
  if (!/^[0-9]{8,15}$/.test(digits)) {
    throw new InvalidPhoneNumberError(
      `phone number "${phoneNumber}" must have 8 to 15 digits in international format`,
      phoneNumber,
    );
  }
  if (digits.startsWith('0')) {
    throw new InvalidPhoneNumberError(
      `phone number "${phoneNumber}" starts with 0; write it with its country code`,
      phoneNumber,
    );
  }
  return digits;
}

/** `https://wa.me/<digits>?text=<text>`: opens a chat with the number, the text ready to send. */
export function clickToChatLink(phoneNumber: string, text: string): string {
  const link = `https://wa.me/${clickToChatDigits(phoneNumber)}`;
  // encodeURIComponent throws on an unpaired surrogate; U+FFFD is what the user would see anyway.
  return text === '' ? link : `${link}?text=${encodeURIComponent(toWellFormed(text))}`;
}
