export interface PeekedStream {
  /** At least the bytes asked for, or the whole stream when it is shorter. */
  readonly head: Buffer;
  /** Every byte of the stream, head first. */
  readonly chunks: AsyncGenerator<Buffer>;
  /** Ends the underlying stream (a Readable is destroyed) when it will not be read to the end. */
  close(): Promise<void>;
}

/** Reads the first bytes of a byte stream without losing them, to sniff its format and encoding. */
export async function peekBytes(source: AsyncIterable<Uint8Array>, minBytes: number): Promise<PeekedStream> {
  const iterator = source[Symbol.asyncIterator]();
  const parts: Buffer[] = [];
  let size = 0;
  let finished = false;
  async function close(): Promise<void> {
    if (finished) return;
    finished = true;
    await iterator.return?.();
  }
  try {
    while (size < minBytes) {
      const next = await iterator.next();
      if (next.done) {
        finished = true;
        break;
      }
      const chunk = Buffer.from(next.value);
      parts.push(chunk);
      size += chunk.length;
    }
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }
  const head = Buffer.concat(parts);
  async function* chunks(): AsyncGenerator<Buffer> {
    try {
      if (head.length > 0) yield head;
      while (!finished) {
        const next = await iterator.next();
        if (next.done) finished = true;
        else yield Buffer.from(next.value);
      }
    } finally {
      await close();
    }
  }
  return { head, chunks: chunks(), close };
}
