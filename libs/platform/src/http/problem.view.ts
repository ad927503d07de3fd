import { applyDecorators } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiProperty,
  ApiPropertyOptional,
  ApiResponse,
  ApiSchema,
  getSchemaPath,
} from '@nestjs/swagger';
import type { ApiSchemaOptions } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE } from './problem.js';

export class FieldErrorView {
  @ApiProperty({ description: "The field's path: `slug`, `address.city`, `lines[1]`, `Idempotency-Key`." })
  field: string;
  @ApiProperty({ description: 'What is wrong with it.' }) message: string;
}

// ApiSchema's options type lists only name and description, but every member is copied into the
// schema: additionalProperties lets a client read a type's own members (`changes`, `currentStatus`).
const openToExtensions = { additionalProperties: true } as ApiSchemaOptions;

/** An RFC 9457 problem, as every error answer carries it (docs/errors.md). */
@ApiSchema(openToExtensions)
export class ProblemView {
  @ApiProperty({ description: 'https://souk.dev/problems/<slug>: branch on this.' }) type: string;
  @ApiProperty({ description: 'A short, fixed summary of the type.' }) title: string;
  @ApiProperty({ description: 'The HTTP status code.' }) status: number;
  @ApiPropertyOptional({ description: 'What went wrong in this request, for people.' }) detail?: string;
  @ApiPropertyOptional({ description: 'The request path, with its query string.' }) instance?: string;
  @ApiPropertyOptional({ description: 'The request id, to quote when reporting a problem.' }) requestId?: string;
  @ApiPropertyOptional({ type: [FieldErrorView], description: 'One entry per wrong field.' })
  errors?: FieldErrorView[];
}

/** Documents an error answer of a route as an application/problem+json Problem. */
export function ApiProblemResponse(status: number, description: string): MethodDecorator {
  return applyDecorators(
    ApiExtraModels(ProblemView),
    ApiResponse({
      status,
      description,
      content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemView) } } },
    }),
  );
}
