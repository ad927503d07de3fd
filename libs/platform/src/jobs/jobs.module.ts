import { Global, Module, type DynamicModule } from '@nestjs/common';
import { JobQueue } from './job-queue.js';
import { DATABASE_URL } from './jobs.tokens.js';

@Global()
@Module({})
export class JobsModule {
  static forRoot(databaseUrl: string): DynamicModule {
    return {
      module: JobsModule,
      providers: [{ provide: DATABASE_URL, useValue: databaseUrl }, JobQueue],
      exports: [JobQueue],
    };
  }
}
