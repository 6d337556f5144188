import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import {
  ERROR_CATALOGUE,
  type ErrorCode,
  errorTypeUri,
  type FieldError,
  KindlingError,
} from '../domain/errors.js';
import { SchemaValidationError } from './validation.js';

/** RFC 9457 problem document, as every error leaves the API. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  instance?: string;
  request_id?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export function problemOf(error: KindlingError, request?: FastifyRequest): Problem {
  return {
    type: errorTypeUri(error.code),
    title: ERROR_CATALOGUE[error.code].title,
    status: error.status,
    detail: error.detail,
    code: error.code,
    ...(request && { instance: request.url.split('?')[0], request_id: String(request.id) }),
    ...(error.errors.length > 0 && { errors: error.errors }),
    ...error.extensions,
  };
}

/** Body-level problems still name where they are, so clients can always read `errors[].field`. */
function bodyProblem(code: ErrorCode, detail: string, field = '(body)'): KindlingError {
  return new KindlingError(code, { detail, errors: [{ field, code, message: detail }] });
}

/** Maps anything thrown while handling a request to a KindlingError. */
export function toKindlingError(error: unknown): KindlingError {
  if (error instanceof KindlingError) return error;
  if (error instanceof SchemaValidationError) return fromSchemaError(error);
  const fe = error as FastifyError;
  if (fe && typeof fe === 'object') {
    switch (fe.code) {
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
        return bodyProblem('MALFORMED_JSON', `the body is not valid JSON: ${fe.message}`);
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return bodyProblem('MALFORMED_JSON', 'the body is empty; send a JSON object');
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return bodyProblem('BODY_TOO_LARGE', fe.message);
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return bodyProblem('UNSUPPORTED_MEDIA_TYPE', fe.message, 'Content-Type');
      case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
        return bodyProblem('VALIDATION_FAILED', fe.message, 'Content-Length');
    }
    if (fe.statusCode === 400 && fe instanceof SyntaxError) {
      return bodyProblem('MALFORMED_JSON', `the body is not valid JSON: ${fe.message}`);
    }
    if (fe.statusCode === 413) return bodyProblem('BODY_TOO_LARGE', fe.message);
    if (fe.statusCode === 415) return bodyProblem('UNSUPPORTED_MEDIA_TYPE', fe.message, 'Content-Type');
  }
  return new KindlingError('INTERNAL', {
    detail: 'an unexpected error occurred; it has been logged with this request id',
  });
}

function fromSchemaError(error: SchemaValidationError): KindlingError {
  const where =
    error.part === 'querystring' ? 'query parameter' : error.part === 'params' ? 'path parameter' : 'field';
  const first = error.fieldErrors[0];
  return new KindlingError('VALIDATION_FAILED', {
    detail: first ? `${where} ${first.field}: ${first.message}` : 'the request is invalid',
    errors: error.fieldErrors,
  });
}

export function sendProblem(
  reply: FastifyReply,
  request: FastifyRequest,
  error: KindlingError,
): FastifyReply {
  if (error.retryAfterSeconds !== undefined) reply.header('Retry-After', String(error.retryAfterSeconds));
  const rate = error.extensions.rate_limit as { limit: number; remaining: number; reset: number } | undefined;
  if (rate) {
    reply.header('RateLimit-Limit', String(rate.limit));
    reply.header('RateLimit-Remaining', String(rate.remaining));
    reply.header('RateLimit-Reset', String(rate.reset));
  }
  return reply.code(error.status).type('application/problem+json').send(problemOf(error, request));
}
