import { Module, type DynamicModule } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthApiModule, AuthModule } from '#auth';
import { CatalogModule } from '#catalog';
import { IntegrationsModule } from '#integrations';
import type { Connector } from '#connector-sdk';
import { ChannelsApiModule, ChannelsModule } from '#channels';
import { OrdersModule } from '#orders';
import { CommissionModule } from '#commission';
import { ConsoleApiModule } from '#console';
import {
  AuditApiModule,
  AuditModule,
  ConfigModule,
  CryptoModule,
  DatabasePoolsModule,
  HealthModule,
  InstancesApiModule,
  InstancesModule,
  JobsModule,
  MetricsModule,
  LoggingModule,
  dataSourceOptions,
  type AppConfig,
} from '#platform';
import { RetailersApiModule, RetailersModule } from '#retailers';
import { INSTALLED_CONNECTORS } from './connectors.js';
import { MARKETPLACE_SCHEMA } from './database/schema.js';
import { FirstStartService } from './first-start/first-start.service.js';

export interface AppModuleOptions {
  readonly config: AppConfig;
  readonly databaseUrl: string;
  readonly encryptionKey: Buffer;
  /** Where log lines go instead of standard output (tests read them). */
  readonly logDestination?: NodeJS.WritableStream;
  /** Connectors offered besides the installed ones (tests add their own). */
  readonly extraConnectors?: readonly Connector[];
  /**
   * In demo mode, the demo's module, made from the app's feature modules (main.ts imports it only
   * then, so nothing of the demo is loaded otherwise).
   */
  readonly demo?: ((modules: FeatureModules) => DynamicModule) | null;
}

/**
 * The marketplace, composed for the roles this process serves. Every process answers health
 * checks, keeps the instance registry and can enqueue jobs; only the api role mounts the API's
 * routes, only the worker role works jobs, and only the scheduler role runs timed work.
 */
/** The feature modules a composed module (the demo's) imports, so that each is built once. */
export interface FeatureModules {
  readonly integrations: DynamicModule;
  readonly catalog: DynamicModule;
  readonly commission: DynamicModule;
}

@Module({})
export class AppModule {
  static forRoot({
    config,
    databaseUrl,
    encryptionKey,
    logDestination,
    extraConnectors = [],
    demo = null,
  }: AppModuleOptions): DynamicModule {
    const api = config.roles.has('api');
    const scheduler = config.roles.has('scheduler');
    const integrations = IntegrationsModule.forRoot({ connectors: [...INSTALLED_CONNECTORS, ...extraConnectors], api });
    const catalog = CatalogModule.forRoot({ integrations, api });
    const commission = CommissionModule.forRoot({ api });
    const orders = OrdersModule.forRoot({ api, integrations, catalog, commission });
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule.forRoot(config, logDestination),
        TypeOrmModule.forRoot(
          dataSourceOptions(databaseUrl, MARKETPLACE_SCHEMA, {
            poolSize: config.databasePools.requests,
            connectionWaitMs: config.databasePools.connectionWaitMs,
          }),
        ),
        CryptoModule.forRoot(encryptionKey),
        JobsModule.forRoot(databaseUrl),
        MetricsModule.forRoot({ api }),
        DatabasePoolsModule,
        AuditModule,
        InstancesModule,
        AuthModule,
        RetailersModule,
        ChannelsModule,
        HealthModule,
        integrations,
        catalog,
        commission,
        orders,
        ...(api
          ? [
              AuditApiModule,
              InstancesApiModule,
              AuthApiModule,
              RetailersApiModule,
              ChannelsApiModule,
              ConsoleApiModule.forRoot({ catalog, orders, commission }),
            ]
          : []),
        ...(scheduler ? [ScheduleModule.forRoot()] : []),
        ...(demo ? [demo({ integrations, catalog, commission })] : []),
      ],
      providers: [FirstStartService],
    };
  }
}
