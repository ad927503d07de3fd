import { Type } from 'class-transformer';
import { ValidateBy, ValidateNested } from 'class-validator';

/**
 * A nested DTO, or with `each` an array of them, checked field by field. Use it instead of
 * class-validator's ValidateNested, which takes an array where one object belongs (and an array
 * inside an array) and then finds nothing to check in it (the lint rules say so).
 */
export function Nested(type: () => new () => object, options: { each?: boolean } = {}): PropertyDecorator {
  const each = options.each ?? false;
  const isObject = ValidateBy(
    {
      name: 'isNestedObject',
      validator: {
        validate: (value: unknown) => typeof value === 'object' && value !== null && !Array.isArray(value),
        defaultMessage: () => (each ? 'must hold objects' : 'must be an object'),
      },
    },
    { each },
  );
  return (target, key) => {
    Type(type)(target, key);
    ValidateNested({ each })(target, key);
    isObject(target, key);
  };
}
