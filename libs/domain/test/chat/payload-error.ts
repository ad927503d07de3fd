import { WhatsAppPayloadError } from '#domain';

/** The WhatsAppPayloadError that `build` throws; fails the test when it throws nothing or something else. */
export function payloadError(build: () => unknown): WhatsAppPayloadError {
  try {
    build();
  } catch (error) {
    expect(error).toBeInstanceOf(WhatsAppPayloadError);
    return error as WhatsAppPayloadError;
  }
  throw new Error('expected a WhatsAppPayloadError');
}
