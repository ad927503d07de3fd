import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { Gauge, type Registry } from 'prom-client';

/**
 * The event-loop delay (p50, p99 and max since the last scrape, as prom-client's default metrics name them), CPU time
 * and memory. Written here rather than taken from prom-client's default metrics, whose monitor and GC observer cannot
 * be stopped: this one is started with the application and stopped with it. Returns the stop.
 */
export function registerProcessMetrics(registry: Registry): () => void {
  const delay: IntervalHistogram = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const lag = (name: string, help: string, read: () => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        this.set(read() / 1e9);
      },
    });
  lag('nodejs_eventloop_lag_p50_seconds', 'The median event-loop delay since the last scrape.', () =>
    delay.percentile(50),
  );
  lag('nodejs_eventloop_lag_p99_seconds', 'The 99th percentile event-loop delay since the last scrape.', () =>
    delay.percentile(99),
  );
  lag('nodejs_eventloop_lag_max_seconds', 'The longest event-loop delay since the last scrape.', () => {
    const max = delay.max;
    // The maximum is read last of the three: reading it starts the next interval.
    delay.reset();
    return max;
  });
  new Gauge({
    name: 'process_cpu_seconds_total',
    help: 'CPU time of the process, user and system.',
    registers: [registry],
    collect() {
      const { user, system } = process.cpuUsage();
      this.set((user + system) / 1e6);
    },
  });
  new Gauge({
    name: 'nodejs_memory_bytes',
    help: 'Memory of the process: resident set, V8 heap used and total, external.',
    labelNames: ['kind'],
    registers: [registry],
    collect() {
      const memory = process.memoryUsage();
      this.set({ kind: 'rss' }, memory.rss);
      this.set({ kind: 'heap_used' }, memory.heapUsed);
      this.set({ kind: 'heap_total' }, memory.heapTotal);
      this.set({ kind: 'external' }, memory.external);
    },
  });
  return () => delay.disable();
}
