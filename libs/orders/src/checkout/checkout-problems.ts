import { HttpStatus } from '@nestjs/common';
import { ProblemException, type FieldError } from '#platform';

/** A line whose offer is not what the buyer was shown any more. */
export interface LineChange {
  readonly field: string;
  readonly offerId: string;
  readonly issue: 'unavailable' | 'price_changed' | 'insufficient_stock';
  readonly currency?: string;
  readonly shownPriceMinor?: string;
  readonly unitPriceMinor?: string;
  readonly stockQuantity?: number | null;
}

const MESSAGES: Record<LineChange['issue'], (change: LineChange) => string> = {
  unavailable: () => 'the offer is no longer available',
  price_changed: (change) =>
    `the price is now ${change.unitPriceMinor} ${change.currency} (minor units), not ${change.shownPriceMinor}`,
  insufficient_stock: (change) => `only ${change.stockQuantity} in stock`,
};

/** 409: prices or stock changed since the buyer saw them; nothing was created. */
export function linesChanged(changes: readonly LineChange[]): ProblemException {
  return new ProblemException(
    HttpStatus.CONFLICT,
    'lines-changed',
    'Lines changed',
    'Some lines changed since the buyer saw them; nothing was ordered. ' +
      'Show the buyer the new values, then check out again.',
    {
      errors: changes.map((change): FieldError => ({ field: change.field, message: MESSAGES[change.issue](change) })),
      changes,
    },
  );
}

/** 422: the Idempotency-Key was used before with another request. */
export function idempotencyKeyReused(): ProblemException {
  return ProblemException.unprocessable(
    [
      {
        field: 'Idempotency-Key',
        message: 'was used before with a different request; use a new key for a new checkout',
      },
    ],
    'This Idempotency-Key belongs to another checkout.',
  );
}

/** 400: the Idempotency-Key header is missing or malformed. */
export function idempotencyKeyRequired(): ProblemException {
  return ProblemException.validation([
    {
      field: 'Idempotency-Key',
      message: 'header is required: 1 to 255 visible ASCII characters, a new one per checkout (a UUID is good)',
    },
  ]);
}
