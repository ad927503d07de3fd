import type { z } from 'zod';
import type { FieldError } from '#platform';

/**
 * Zod issues as field errors under a prefix: `settings.url: must be an http or https URL`. A key the
 * schema does not know is one error per key (`settings.colour: is not a known field`), as for
 * unknown fields of a request body.
 */
export function zodFieldErrors(error: z.ZodError, prefix: string): FieldError[] {
  return error.issues.flatMap((issue) => {
    const path = [prefix, ...issue.path.map(String)];
    if (issue.code === 'unrecognized_keys')
      return issue.keys.map((key) => ({ field: [...path, key].join('.'), message: 'is not a known field' }));
    return [{ field: path.join('.'), message: issue.message }];
  });
}
