import { collectDefaultMetrics, Registry } from 'prom-client';

/** The process's metrics; Nest injects it by this class. */
export class MetricsRegistry extends Registry {
  constructor() {
    super();
    // Process and Node.js metrics, among them the event-loop delay percentiles (nodejs_eventloop_lag_*).
    collectDefaultMetrics({ register: this, eventLoopMonitoringPrecision: 10 });
  }
}
