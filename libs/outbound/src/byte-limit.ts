import { Transform, pipeline, type Readable } from 'node:stream';

/** An answer longer than the most Souk reads of it. */
export class ResponseTooLargeError extends Error {
  readonly code = 'ERR_RESPONSE_TOO_LARGE';

  constructor(readonly maxBytes: number) {
    super(`the answer is larger than ${describeBytes(maxBytes)}, the most Souk reads`);
    this.name = 'ResponseTooLargeError';
  }
}

/**
 * The body, failing with ResponseTooLargeError once more than `maxBytes` came through. Destroying
 * the result destroys the body, and an error of the body comes out of the result.
 */
export function limitBytes(body: Readable, maxBytes: number): Readable {
  let seen = 0;
  const limited = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      if (seen > maxBytes) done(new ResponseTooLargeError(maxBytes));
      else done(null, chunk);
    },
  });
  // The callback only keeps pipeline from throwing: the error reaches whoever reads `limited`.
  return pipeline(body, limited, () => undefined);
}

export function describeBytes(bytes: number): string {
  const mib = bytes / (1024 * 1024);
  if (mib >= 1 && Number.isInteger(mib)) return `${mib} MiB`;
  const kib = bytes / 1024;
  if (kib >= 1 && Number.isInteger(kib)) return `${kib} KiB`;
  return `${bytes} bytes`;
}
