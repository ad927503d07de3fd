import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger } from 'pino';

/** The logger of the request being handled (it carries the request id), for every line logged on its behalf. */
export const requestLogContext = new AsyncLocalStorage<Logger>();
