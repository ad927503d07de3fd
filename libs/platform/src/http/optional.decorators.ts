import { ValidateBy, ValidateIf } from 'class-validator';
import { NOT_NULL_CONSTRAINT } from './validation.js';

/**
 * The field may be left out; when it is sent, null is refused ("must not be null") and any other
 * value checked. Souk's DTOs use this instead of class-validator's IsOptional, which lets null
 * through to columns that cannot hold it (the lint rules say so).
 */
export function Omittable(): PropertyDecorator {
  const checkWhenSent = ValidateIf((_object: object, value: unknown) => value !== undefined);
  const notNull = ValidateBy({
    name: NOT_NULL_CONSTRAINT,
    validator: { validate: (value: unknown) => value !== null, defaultMessage: () => 'must not be null' },
  });
  return (target, key) => {
    checkWhenSent(target, key);
    notNull(target, key);
  };
}

/** The field may be left out or null (which clears it); any other value is checked. Document it `nullable: true`. */
export function Nullable(): PropertyDecorator {
  return ValidateIf((_object: object, value: unknown) => value !== null && value !== undefined);
}
