import { Global, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { MetricsController } from './metrics.controller.js';
import { MetricsRegistry } from './metrics.registry.js';
import { registerProcessMetrics } from './process-metrics.js';
import { stopWorkContext } from '../work/work-context.js';

/** The process's metrics: the registry every instrument registers in, and with the api role their endpoint. */
@Global()
@Module({})
export class MetricsModule implements OnApplicationShutdown {
  private readonly stopProcessMetrics: () => void;

  constructor(registry: MetricsRegistry) {
    this.stopProcessMetrics = registerProcessMetrics(registry);
  }

  static forRoot({ api }: { api: boolean }): DynamicModule {
    return {
      module: MetricsModule,
      providers: [MetricsRegistry],
      exports: [MetricsRegistry],
      controllers: api ? [MetricsController] : [],
    };
  }

  onApplicationShutdown(): void {
    this.stopProcessMetrics();
    stopWorkContext();
  }
}
