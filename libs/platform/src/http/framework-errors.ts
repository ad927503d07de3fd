import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ProblemException } from './problem.js';
import { ProblemFilter } from './problem.filter.js';

/**
 * For Fastify's `frameworkErrors` option: the errors its router raises before any hook runs, for a
 * path segment over `maxParamLength` or a path that is not valid percent-encoding. Fastify's own
 * answer is JSON that quotes the whole path; this one is a problem that quotes nothing.
 */
export function answerFrameworkErrors(
  maxParamLength: number,
): (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => void {
  const filter = new ProblemFilter();
  return (error, request, reply) => {
    void reply.header('x-request-id', request.id);
    filter.send(problemFor(error, maxParamLength), request, reply, { echoUrl: false });
  };
}

function problemFor(error: FastifyError, maxParamLength: number): unknown {
  switch (error.code) {
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return new ProblemException(
        414,
        'uri-too-long',
        'URI too long',
        `A path segment is longer than ${maxParamLength} characters.`,
      );
    case 'FST_ERR_BAD_URL':
      return new ProblemException(400, 'bad-request', 'Bad request', 'The path is not valid percent-encoded UTF-8.');
    default:
      return error;
  }
}
