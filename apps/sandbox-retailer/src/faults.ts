export const FAULT_KINDS = [
  'server-error',
  'timeout-before',
  'timeout-after',
  'slow',
  'rate-limited',
  'rejected',
] as const;

/**
 * - `server-error`: 500 and 503 in turn, nothing created.
 * - `timeout-before`: holds the request `hangMs` without creating, then 504.
 * - `timeout-after`: creates the order (or finds it), then holds the answer `hangMs` and answers 504.
 * - `slow`: waits `slowMs`, then answers normally.
 * - `rate-limited`: 429 with Retry-After, nothing created.
 * - `rejected`: 422 problem+json, the order refused for good.
 */
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultPlan {
  /** The share (0..1) of order-creation requests that fail. */
  readonly rate: number;
  /** Relative weights. Without it, every kind but `rejected` is equally likely. */
  readonly kinds?: Partial<Record<FaultKind, number>>;
  /** Default 300. */
  readonly slowMs?: number;
  /** How long a timeout fault holds the request before answering 504. Default 30000. */
  readonly hangMs?: number;
  /** Default 1; may be fractional. */
  readonly retryAfterSeconds?: number;
  /** Makes the draws repeatable; without it they use Math.random. */
  readonly seed?: number;
}

// `rejected` is a permanent failure, so a plan draws it only when it lists it.
const DEFAULT_WEIGHTS: Record<FaultKind, number> = {
  'server-error': 1,
  'timeout-before': 1,
  'timeout-after': 1,
  slow: 1,
  'rate-limited': 1,
  rejected: 0,
};

export function isFaultKind(value: unknown): value is FaultKind {
  return (FAULT_KINDS as readonly unknown[]).includes(value);
}

/** Checks a plan that came from outside (JSON, environment); throws a TypeError that says what is wrong. */
export function parseFaultPlan(value: unknown): FaultPlan {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new TypeError('A fault plan must be an object.');
  const plan = value as Record<string, unknown>;
  const known = ['rate', 'kinds', 'slowMs', 'hangMs', 'retryAfterSeconds', 'seed'];
  const unknown = Object.keys(plan).filter((key) => !known.includes(key));
  if (unknown.length > 0) throw new TypeError(`Unknown fault plan field: ${unknown.join(', ')}.`);
  const number = (key: string, max = Number.MAX_SAFE_INTEGER): void => {
    const field = plan[key];
    if (field !== undefined && (typeof field !== 'number' || !Number.isFinite(field) || field < 0 || field > max)) {
      throw new TypeError(`${key} must be a number from 0 to ${max}.`);
    }
  };
  if (plan.rate === undefined) throw new TypeError('rate is required.');
  number('rate', 1);
  number('slowMs');
  number('hangMs');
  number('retryAfterSeconds');
  number('seed');
  if (plan.kinds !== undefined) {
    if (typeof plan.kinds !== 'object' || plan.kinds === null || Array.isArray(plan.kinds))
      throw new TypeError('kinds must be an object.');
    for (const [kind, weight] of Object.entries(plan.kinds)) {
      if (!isFaultKind(kind))
        throw new TypeError(`Unknown fault kind ${kind}; the kinds are ${FAULT_KINDS.join(', ')}.`);
      if (typeof weight !== 'number' || !Number.isFinite(weight) || weight < 0)
        throw new TypeError(`The weight of ${kind} must be a number of at least 0.`);
    }
  }
  return value as FaultPlan;
}

/** Draws the fault, if any, for each order-creation request. */
export class FaultPicker {
  readonly slowMs: number;
  readonly hangMs: number;
  readonly retryAfterSeconds: number;
  private readonly random: () => number;
  private readonly weights: [FaultKind, number][];
  private readonly total: number;

  constructor(readonly plan: FaultPlan) {
    this.slowMs = plan.slowMs ?? 300;
    this.hangMs = plan.hangMs ?? 30_000;
    this.retryAfterSeconds = plan.retryAfterSeconds ?? 1;
    this.random = plan.seed === undefined ? Math.random : mulberry32(plan.seed);
    this.weights = Object.entries(plan.kinds ?? DEFAULT_WEIGHTS).filter(([, weight]) => weight > 0) as [
      FaultKind,
      number,
    ][];
    this.total = this.weights.reduce((sum, [, weight]) => sum + weight, 0);
  }

  pick(): FaultKind | null {
    if (this.total === 0 || this.random() >= this.plan.rate) return null;
    let roll = this.random() * this.total;
    for (const [kind, weight] of this.weights) {
      roll -= weight;
      if (roll < 0) return kind;
    }
    return this.weights[this.weights.length - 1]![0];
  }
}

/** A small seeded PRNG (Mulberry32), enough to make a fault sequence repeatable. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
