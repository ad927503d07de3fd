import { Global, Module, type DynamicModule } from '@nestjs/common';
import { OutboundPolicy } from '#outbound';
import type { AppConfig } from './app-config.js';

export const APP_CONFIG = Symbol('APP_CONFIG');

/**
 * Makes the validated configuration injectable everywhere as APP_CONFIG, and the outbound policy
 * (where requests on someone else's behalf may go, with the operator's SOUK_OUTBOUND_ALLOW) as
 * OutboundPolicy: one policy, so one pair of connection-checking agents, for the process.
 */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ConfigModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: OutboundPolicy, useValue: new OutboundPolicy({ allow: config.outboundAllow }) },
      ],
      exports: [APP_CONFIG, OutboundPolicy],
    };
  }
}
