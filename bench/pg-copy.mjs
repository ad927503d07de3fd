// COPY TO STDOUT / FROM STDIN with a plain `pg` client, without pg-copy-streams: two small
// "submittable" queries (objects with submit(); pg's Client drives them with the protocol
// messages of the COPY sub-protocol). Both respect backpressure on the socket and the file.
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';

class CopySubmittable {
  constructor(text) {
    this.text = text;
    this.rowCount = null;
    this.promise = new Promise((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
  }

  submit(connection) {
    connection.query(this.text);
  }

  handleCommandComplete(message) {
    const match = /^COPY (\d+)/.exec(message.text ?? '');
    if (match) this.rowCount = Number(match[1]);
  }

  handleError(error) {
    this.failed = true;
    this.reject(error);
  }

  // Messages that a COPY never gets; pg's Client may still call these on a stray message.
  handleRowDescription() {}
  handleDataRow() {}
  handlePortalSuspended() {}
  handleEmptyQuery() {}
  handleCopyInResponse(connection) {
    connection.sendCopyFail('unexpected COPY FROM');
  }
  handleCopyData() {}
}

/** `COPY (...) TO STDOUT` into a file. Resolves with the row count. */
export class CopyToFile extends CopySubmittable {
  constructor(text, path) {
    super(text);
    this.out = createWriteStream(path);
    this.out.on('error', (error) => this.reject(error));
  }

  handleCopyData(message, connection) {
    // The chunk is a view into the parser's buffer, which is reused: copy it before queueing it.
    if (!this.out.write(Buffer.from(message.chunk)) && !this.paused) {
      // Stop reading the socket until the file has caught up.
      this.paused = true;
      connection.stream.pause();
      this.out.once('drain', () => this.resume(connection));
    }
  }

  resume(connection) {
    if (!this.paused) return;
    this.paused = false;
    connection.stream.resume();
  }

  handleReadyForQuery(connection) {
    // The socket may still be paused for the file: the next query needs it flowing.
    this.resume(connection);
    this.out.end(() => this.resolve(this.rowCount));
  }

  handleError(error) {
    this.out.destroy();
    super.handleError(error);
  }
}

/** `COPY ... FROM STDIN` from a file. Resolves with the row count once the server has committed. */
export class CopyFromFile extends CopySubmittable {
  constructor(text, path) {
    super(text);
    this.path = path;
  }

  handleCopyInResponse(connection) {
    void this.pump(connection).catch((error) => {
      connection.sendCopyFail(String(error?.message ?? error));
    });
  }

  async pump(connection) {
    const input = createReadStream(this.path, { highWaterMark: 256 * 1024 });
    for await (const chunk of input) {
      if (this.failed) {
        input.destroy();
        return;
      }
      connection.sendCopyFromChunk(chunk);
      if (connection.stream.writableNeedDrain) await once(connection.stream, 'drain');
    }
    connection.endCopyFrom();
  }

  handleReadyForQuery() {
    this.resolve(this.rowCount);
  }
}

/** Runs a submittable COPY on a connected pg.Client. */
export function runCopy(client, copy) {
  client.query(copy);
  return copy.promise;
}
