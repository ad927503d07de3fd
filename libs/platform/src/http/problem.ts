import { HttpException, HttpStatus } from '@nestjs/common';

/** One wrong field in a request: its path (`countries[1]`, `address.city`) and what is wrong. */
export interface FieldError {
  readonly field: string;
  readonly message: string;
}

/** An RFC 9457 problem details object; extension members go beside the standard ones. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
const TYPE_BASE = 'https://souk.dev/problems/';

/**
 * An error that becomes a problem+json answer. `type` is a short slug under the project's
 * problem namespace (`validation`, `conflict`, ...), documented in docs/errors.md.
 */
export class ProblemException extends HttpException {
  constructor(
    status: HttpStatus,
    readonly problemType: string,
    readonly title: string,
    readonly detail?: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super({ title, detail }, status);
  }

  toProblem(): ProblemDetails {
    return {
      type: TYPE_BASE + this.problemType,
      title: this.title,
      status: this.getStatus(),
      ...(this.detail ? { detail: this.detail } : {}),
      ...this.extensions,
    };
  }

  static validation(errors: FieldError[], detail = 'The request has invalid fields.'): ProblemException {
    return new ProblemException(HttpStatus.BAD_REQUEST, 'validation', 'Invalid request', detail, { errors });
  }

  static conflict(detail: string, field?: string): ProblemException {
    return new ProblemException(
      HttpStatus.CONFLICT,
      'conflict',
      'Conflict',
      detail,
      field ? { errors: [{ field, message: detail }] } : {},
    );
  }

  static notFound(what: string): ProblemException {
    return new ProblemException(HttpStatus.NOT_FOUND, 'not-found', 'Not found', `${what} was not found.`);
  }

  static unprocessable(errors: FieldError[], detail: string): ProblemException {
    return new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY, 'unprocessable', 'Unprocessable request', detail, {
      errors,
    });
  }
}

export function problemTypeUri(slug: string): string {
  return TYPE_BASE + slug;
}
