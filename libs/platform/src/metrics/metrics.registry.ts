import { Registry } from 'prom-client';

/** The process's metrics; Nest injects it by this class. */
export class MetricsRegistry extends Registry {}
