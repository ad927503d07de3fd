/**
 * An interactive message that cannot be built within the Cloud API's rules without changing what it
 * means: an id too long or repeated (ids must come back unchanged in the reply), a required part
 * missing or empty.
 */
export class WhatsAppPayloadError extends Error {
  constructor(
    message: string,
    /** Where in the builder's input, e.g. "sections[1].rows[0].id". */
    readonly field: string,
  ) {
    super(message);
    this.name = 'WhatsAppPayloadError';
  }
}
