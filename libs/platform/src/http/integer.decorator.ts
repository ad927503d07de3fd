import { ValidateBy } from 'class-validator';

export interface IntegerRange {
  readonly min: number;
  readonly max: number;
}

/** PostgreSQL's `integer`. */
export const INT4_RANGE: IntegerRange = { min: -2_147_483_648, max: 2_147_483_647 };
/** A `bigint` column as far as JavaScript numbers are exact. */
export const SAFE_INTEGER_RANGE: IntegerRange = { min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER };

/**
 * An integer that fits the column it is stored in or compared with: PostgreSQL's `integer` unless
 * another range is given. A bigger one is refused here instead of failing in the database. Souk's
 * DTOs use this instead of class-validator's IsInt (the lint rules say so).
 */
export function IsInteger(range: IntegerRange = INT4_RANGE): PropertyDecorator {
  return ValidateBy({
    name: 'isInteger',
    constraints: [range.min, range.max],
    validator: {
      validate: (value: unknown) =>
        typeof value === 'number' && Number.isInteger(value) && value >= range.min && value <= range.max,
      defaultMessage: (args) =>
        Number.isInteger(args?.value) ? `must be an integer from ${range.min} to ${range.max}` : 'must be an integer',
    },
  });
}
