import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '#platform';
import { bucketsFor, SAMPLE_BUCKETS } from './search-sampling.js';
import { wordsProbeStatement } from './search-statement.js';

/** How long a probe's answer stands: a word's share of the catalog changes slowly, and only the sample rides on it. */
const ESTIMATE_TTL_MS = 5 * 60_000;
/** Distinct words remembered per process; the oldest is forgotten first. */
const MAX_REMEMBERED = 10_000;

/** What a search for some words needs to know of them before it runs. */
export interface WordsEstimate {
  /** Sample buckets to read (search-sampling.ts). */
  readonly buckets: number;
  /** The tsquery the words make (search-sql.ts wordsQuery), as text. */
  readonly tsquery: string;
}

/**
 * How many sample buckets a search for some words reads (search-sampling.ts), from the live offers those words
 * match, estimated by counting the matches in the first bucket alone (wordsProbeStatement) and scaling by 32. A
 * count, not the planner's guess: words that occur together (a colour and a noun, the bigrams of one Chinese word)
 * are estimated as they are, not as if independent. The same read makes the words' tsquery, which the search then
 * passes as a constant. Answers are remembered for five minutes per process, so a busy word costs one probe in five
 * minutes; nothing else depends on them (a cursor carries its first page's sample).
 */
@Injectable()
export class WordEstimates {
  private readonly remembered = new Map<string, WordsEstimate & { until: number }>();

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async estimate(words: string): Promise<WordsEstimate> {
    const now = Date.now();
    const known = this.remembered.get(words);
    if (known && known.until > now) return known;
    const statement = wordsProbeStatement(words, this.config.searchExactOffers);
    const [row] = (await this.dataSource.query(statement.sql, statement.params)) as [
      { in_first_bucket: number; query: string },
    ];
    const estimate = {
      buckets: bucketsFor(row.in_first_bucket * SAMPLE_BUCKETS, this.config.searchExactOffers),
      tsquery: row.query,
    };
    this.remembered.delete(words);
    if (this.remembered.size >= MAX_REMEMBERED) this.remembered.delete(this.remembered.keys().next().value!);
    this.remembered.set(words, { ...estimate, until: now + ESTIMATE_TTL_MS });
    return estimate;
  }
}
