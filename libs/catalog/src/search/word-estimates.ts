import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '#platform';
import { bucketsFor, SAMPLE_BUCKETS } from './search-sampling.js';
import { wordsProbeStatement } from './search-statement.js';

/** How long a probe's answer stands: a word's share of the catalog changes slowly, and only the sample rides on it. */
const ESTIMATE_TTL_MS = 5 * 60_000;
/** Distinct words remembered per process; the oldest is forgotten first. */
const MAX_REMEMBERED = 10_000;

/**
 * How many sample buckets a search for some words reads (search-sampling.ts), from the live offers those words
 * match, estimated by counting the matches in the first bucket alone (wordsProbeStatement) and scaling by 32. A
 * count, not the planner's guess: words that occur together (a colour and a noun, the bigrams of one Chinese word)
 * are estimated as they are, not as if independent. Answers are remembered for five minutes per process, so a busy
 * word costs one probe in five minutes; nothing else depends on them (a cursor carries its first page's sample).
 */
@Injectable()
export class WordEstimates {
  private readonly remembered = new Map<string, { buckets: number; until: number }>();

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async sampleBuckets(words: string | undefined): Promise<number> {
    if (words === undefined) return SAMPLE_BUCKETS;
    const now = Date.now();
    const known = this.remembered.get(words);
    if (known && known.until > now) return known.buckets;
    const statement = wordsProbeStatement(words, this.config.searchExactOffers);
    const [row] = (await this.dataSource.query(statement.sql, statement.params)) as [{ in_first_bucket: number }];
    const buckets = bucketsFor(row.in_first_bucket * SAMPLE_BUCKETS, this.config.searchExactOffers);
    this.remembered.delete(words);
    if (this.remembered.size >= MAX_REMEMBERED) this.remembered.delete(this.remembered.keys().next().value!);
    this.remembered.set(words, { buckets, until: now + ESTIMATE_TTL_MS });
    return buckets;
  }
}
