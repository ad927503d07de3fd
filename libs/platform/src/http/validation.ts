import { ValidationPipe, type ArgumentMetadata, type PipeTransform, type ValidationError } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { ProblemException, type FieldError } from './problem.js';

/** The constraint of the shared optional decorators that refuses null; it outranks the others. */
export const NOT_NULL_CONSTRAINT = 'isNotNull';

/**
 * Flattens class-validator's nested errors into one entry per wrong field, with a dotted path.
 * Every check of a property runs, and the one reported is the first in reading order: the
 * decorator written on top, by convention the type check ("must be an integer" rather than "must
 * not be greater than 999" for "2"). Nested objects are looked into only when their property
 * passed its own checks.
 */
export function toFieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent
      ? /^\d+$/.test(error.property)
        ? `${parent}[${error.property}]`
        : `${parent}.${error.property}`
      : error.property;
    const check = firstInReadingOrder(error.constraints ?? {});
    if (check === undefined) return toFieldErrors(error.children ?? [], field);
    return [
      {
        field,
        message: READABLE[check] ?? error.constraints![check]!.replace(new RegExp(`^${escape(error.property)} `), ''),
      },
    ];
  });
}

const READABLE: Record<string, string> = {
  whitelistValidation: 'is not a known field',
  nestedValidation: 'must be an object',
};

/**
 * class-validator runs a property's decorators bottom-up and records each failure in that order,
 * so the top one is recorded last; nested validation is recorded after them all, wherever it is.
 */
function firstInReadingOrder(constraints: Record<string, string>): string | undefined {
  const names = Object.keys(constraints);
  const own = names.filter((name) => name !== 'nestedValidation');
  return names.includes(NOT_NULL_CONSTRAINT) ? NOT_NULL_CONSTRAINT : (own.at(-1) ?? names[0]);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The global pipe: bodies and queries are validated against their DTOs; unknown fields are refused. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => ProblemException.validation(toFieldErrors(errors)),
  });
}

/** For `@Param('retailerId', ParseId)`: an id that is not a UUID is a validation problem naming that parameter. */
export const ParseId: PipeTransform<unknown, string> = {
  transform(value: unknown, metadata: ArgumentMetadata): string {
    if (typeof value === 'string' && isUUID(value, 'all')) return value;
    throw ProblemException.validation([{ field: metadata.data ?? 'id', message: 'must be a UUID' }]);
  },
};
