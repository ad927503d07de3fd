import { Inject, Injectable } from '@nestjs/common';
import { ApiKeyService } from '#auth';
import { APP_CONFIG, SYSTEM_ACTOR, type AppConfig } from '#platform';
import { DemoDataLoader, type DemoKeys } from '../demo/demo-data.loader.js';

export interface FirstStartOutcome {
  /** The first operator key, set only on the first start of an empty database. */
  readonly operatorKey: string | null;
  readonly demo: DemoKeys | null;
}

/** What happens once, on the first start of an empty database: the first operator key, and demo data. */
@Injectable()
export class FirstStartService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly keys: ApiKeyService,
    private readonly demo: DemoDataLoader,
  ) {}

  async run(): Promise<FirstStartOutcome> {
    const operatorKey = await this.keys.createFirstOperatorKey(SYSTEM_ACTOR, this.config.operatorKey);
    if (!operatorKey) return { operatorKey: null, demo: null };
    const demo = this.config.loadDemoData ? await this.demo.load() : null;
    return { operatorKey, demo };
  }
}
