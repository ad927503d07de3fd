import { Module, type DynamicModule } from '@nestjs/common';
import { ChannelsModule } from '#channels';
import { AdminDashboardController, RetailerDashboardController } from './dashboard.controllers.js';
import { DashboardService } from './dashboard.service.js';

/**
 * The API the web console needs beyond the rest: its dashboards. The catalog, orders and
 * commission modules are passed in so that each is built once.
 */
@Module({})
export class ConsoleApiModule {
  static forRoot(options: { catalog: DynamicModule; orders: DynamicModule; commission: DynamicModule }): DynamicModule {
    return {
      module: ConsoleApiModule,
      imports: [options.catalog, options.orders, options.commission, ChannelsModule],
      providers: [DashboardService],
      controllers: [AdminDashboardController, RetailerDashboardController],
    };
  }
}
