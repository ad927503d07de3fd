import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';

export interface ReceivedWebhook {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** A local HTTP endpoint that records what it receives and answers with the statuses it is told to. */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  private answers: number[] = [];
  private server: Server | undefined;
  private waiters: (() => void)[] = [];

  /** Statuses for the next requests, in order; after them it answers 204. */
  answerWith(...statuses: number[]): void {
    this.answers = statuses;
  }

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        this.received.push({ headers: request.headers, body });
        response.writeHead(this.answers.shift() ?? 204).end();
        for (const wake of this.waiters.splice(0)) wake();
      });
    });
    await new Promise<void>((done) => this.server?.listen(0, '127.0.0.1', done));
    return `http://127.0.0.1:${(this.server.address() as { port: number }).port}/hooks`;
  }

  /** Resolves once `count` requests have arrived, or rejects after `timeoutMs`. */
  async waitFor(count: number, timeoutMs = 20_000): Promise<ReceivedWebhook[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.received.length < count) {
      if (Date.now() > deadline) throw new Error(`expected ${count} webhooks, received ${this.received.length}`);
      await new Promise<void>((wake) => {
        this.waiters.push(wake);
        setTimeout(wake, 250);
      });
    }
    return this.received.slice(0, count);
  }

  async stop(): Promise<void> {
    await new Promise<void>((done) => (this.server ? this.server.close(() => done()) : done()));
  }
}
