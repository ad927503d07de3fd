import type { z } from 'zod';
import type { FieldError } from '#platform';

/** Zod issues as field errors under a prefix: `settings.url: must be an http or https URL`. */
export function zodFieldErrors(error: z.ZodError, prefix: string): FieldError[] {
  return error.issues.map((issue) => ({
    field: [prefix, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
}
