import { Global, Module, type DynamicModule } from '@nestjs/common';
import { MetricsController } from './metrics.controller.js';
import { MetricsRegistry } from './metrics.registry.js';

/** The process's metrics: the registry every instrument registers in, and with the api role their endpoint. */
@Global()
@Module({})
export class MetricsModule {
  static forRoot({ api }: { api: boolean }): DynamicModule {
    return {
      module: MetricsModule,
      providers: [MetricsRegistry],
      exports: [MetricsRegistry],
      controllers: api ? [MetricsController] : [],
    };
  }
}
