import { Inject, Injectable } from '@nestjs/common';
import { ApiKeyService } from '#auth';
import { APP_CONFIG, SYSTEM_ACTOR, type AppConfig } from '#platform';

export interface FirstStartOutcome {
  /** The first operator key, set only on the first start of an empty database. */
  readonly operatorKey: string | null;
}

/**
 * What happens once, on the first start of an empty database: the first operator key. (main.ts loads the demo data
 * after it, in demo mode.)
 */
@Injectable()
export class FirstStartService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly keys: ApiKeyService,
  ) {}

  async run(): Promise<FirstStartOutcome> {
    return { operatorKey: await this.keys.createFirstOperatorKey(SYSTEM_ACTOR, this.config.operatorKey) };
  }
}
