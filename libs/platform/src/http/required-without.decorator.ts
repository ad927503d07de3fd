import { ValidateBy, ValidateIf } from 'class-validator';

const absent = (value: unknown) => value === null || value === undefined;

/**
 * One of two fields is required: this one may be left out or null when `other` (a field of the same
 * object) is given; when both are missing it is refused as "is required when <other> is not given".
 * A value that is sent is checked by the decorators below this one. Document it `nullable: true`.
 */
export function RequiredWithout(other: string): PropertyDecorator {
  const checkWhenNeeded = ValidateIf(
    (object: object, value: unknown) => !absent(value) || absent((object as Record<string, unknown>)[other]),
  );
  const present = ValidateBy({
    name: 'requiredWithout',
    validator: {
      validate: (value: unknown) => !absent(value),
      defaultMessage: () => `is required when ${other} is not given`,
    },
  });
  return (target, key) => {
    checkWhenNeeded(target, key);
    present(target, key);
  };
}
