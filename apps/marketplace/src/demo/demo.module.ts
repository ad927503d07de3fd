import { Module, type DynamicModule } from '@nestjs/common';
import { AuthModule } from '#auth';
import { ChannelsModule } from '#channels';
import { RetailersModule } from '#retailers';
import { DemoDataLoader } from './demo-data.loader.js';
import { DEMO_FEED_URL } from './demo-feed-url.js';

export interface DemoModuleOptions {
  /** The feature modules of the app, so that each is built once. */
  readonly integrations: DynamicModule;
  readonly catalog: DynamicModule;
  readonly commission: DynamicModule;
  /** The demo electronics feed, when the sandbox feed host serves it. */
  readonly feedUrl: string | null;
}

/** The demo data loader, in the app only in demo mode (main.ts imports this module only then). */
@Module({})
export class DemoModule {
  static forRoot(options: DemoModuleOptions): DynamicModule {
    return {
      module: DemoModule,
      imports: [options.integrations, options.catalog, options.commission, AuthModule, ChannelsModule, RetailersModule],
      providers: [DemoDataLoader, { provide: DEMO_FEED_URL, useValue: options.feedUrl }],
      exports: [DemoDataLoader],
    };
  }
}
