import { ValidationPipe, type ArgumentMetadata, type PipeTransform, type ValidationError } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { ProblemException, type FieldError } from './problem.js';

/** Flattens class-validator's nested errors into one entry per wrong field, with a dotted path. */
export function toFieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? (/^\d+$/.test(error.property) ? `${parent}[${error.property}]` : `${parent}.${error.property}`) : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({
      field,
      message: message === `property ${error.property} should not exist` ? 'is not a known field' : message.replace(new RegExp(`^${escape(error.property)} `), ''),
    }));
    return [...own, ...toFieldErrors(error.children ?? [], field)];
  });
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
    stopAtFirstError: true,
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
