export const SEND_FAULTS = ['throughput', 'pair-rate', 'undeliverable', 'server-error', 'unavailable'] as const;

/**
 * Faults a send can meet, as the Cloud API shows them:
 * - `throughput`: 400, code 130429 (the number's messages-per-second limit), nothing sent.
 * - `pair-rate`: 400, code 131056 (too many messages to the same user), nothing sent.
 * - `undeliverable`: accepted with a wamid, then a `failed` status with code 131026.
 * - `server-error`: 500, code 131000 (something went wrong), nothing sent.
 * - `unavailable`: 503, code 2 (service temporarily unavailable), nothing sent.
 */
export type SendFault = (typeof SEND_FAULTS)[number];

export interface FaultPlan {
  /** The share (0..1) of valid sends that meet a fault. */
  readonly rate: number;
  /** Relative weights; without it every kind is equally likely. */
  readonly kinds?: Partial<Record<SendFault, number>>;
  /** Makes the draws repeatable; without it they use Math.random. */
  readonly seed?: number;
}

export function isSendFault(value: unknown): value is SendFault {
  return (SEND_FAULTS as readonly unknown[]).includes(value);
}

/** Checks a plan that came from outside (JSON, environment); throws a TypeError saying what is wrong. */
export function parseFaultPlan(value: unknown): FaultPlan {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new TypeError('A fault plan must be an object.');
  const plan = value as Record<string, unknown>;
  const unknown = Object.keys(plan).filter((key) => !['rate', 'kinds', 'seed'].includes(key));
  if (unknown.length > 0) throw new TypeError(`Unknown fault plan field: ${unknown.join(', ')}.`);
  if (typeof plan.rate !== 'number' || !(plan.rate >= 0 && plan.rate <= 1))
    throw new TypeError('rate must be a number from 0 to 1.');
  if (plan.seed !== undefined && (typeof plan.seed !== 'number' || !Number.isFinite(plan.seed)))
    throw new TypeError('seed must be a number.');
  if (plan.kinds !== undefined) {
    if (typeof plan.kinds !== 'object' || plan.kinds === null || Array.isArray(plan.kinds))
      throw new TypeError('kinds must be an object.');
    for (const [kind, weight] of Object.entries(plan.kinds)) {
      if (!isSendFault(kind)) throw new TypeError(`Unknown fault ${kind}; the faults are ${SEND_FAULTS.join(', ')}.`);
      if (typeof weight !== 'number' || !Number.isFinite(weight) || weight < 0)
        throw new TypeError(`The weight of ${kind} must be a number of at least 0.`);
    }
  }
  return value as FaultPlan;
}

/** Draws the fault of each valid send: the queued ones first (failNext), then by the plan's rate. */
export class FaultPicker {
  private readonly queued: SendFault[] = [];
  private random: () => number = Math.random;
  private weights: [SendFault, number][] = [];
  private total = 0;
  private current: FaultPlan = { rate: 0 };

  constructor(plan: FaultPlan = { rate: 0 }) {
    this.setPlan(plan);
  }

  get plan(): FaultPlan {
    return this.current;
  }

  setPlan(plan: FaultPlan): void {
    this.current = parseFaultPlan(plan);
    this.random = plan.seed === undefined ? Math.random : mulberry32(plan.seed);
    const kinds = plan.kinds ?? Object.fromEntries(SEND_FAULTS.map((kind) => [kind, 1]));
    this.weights = Object.entries(kinds).filter(([, weight]) => (weight ?? 0) > 0) as [SendFault, number][];
    this.total = this.weights.reduce((sum, [, weight]) => sum + weight, 0);
  }

  failNext(kind: SendFault, times = 1): void {
    if (!isSendFault(kind))
      throw new TypeError(`Unknown fault ${String(kind)}; the faults are ${SEND_FAULTS.join(', ')}.`);
    for (let n = 0; n < times; n++) this.queued.push(kind);
  }

  /** Queued faults not used yet. */
  pending(): readonly SendFault[] {
    return [...this.queued];
  }

  pick(): SendFault | null {
    const queued = this.queued.shift();
    if (queued) return queued;
    if (this.total === 0 || this.current.rate === 0 || this.random() >= this.current.rate) return null;
    let roll = this.random() * this.total;
    for (const [kind, weight] of this.weights) {
      roll -= weight;
      if (roll < 0) return kind;
    }
    return this.weights.at(-1)![0];
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
