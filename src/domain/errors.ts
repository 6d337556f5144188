/**
 * Every error Kindling can return, declared once (code → HTTP status and title).
 * The API renders them as RFC 9457 problem+json with `type` = https://kindling.dev/errors/<kebab-code>.
 */
export const ERROR_CATALOGUE = {
  // Request shape
  VALIDATION_FAILED: { status: 400, title: 'The request is invalid' },
  MALFORMED_JSON: { status: 400, title: 'The request body is not valid JSON' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'The request body must be application/json' },
  BODY_TOO_LARGE: { status: 413, title: 'The request body is too large' },
  INVALID_CURSOR: { status: 400, title: 'The pagination cursor is invalid' },
  // Access
  UNAUTHENTICATED: { status: 401, title: 'A valid bearer token is required' },
  FORBIDDEN: { status: 403, title: 'This token may not do this' },
  NOT_FOUND: { status: 404, title: 'Not found' },
  ROUTE_NOT_FOUND: { status: 404, title: 'No such endpoint' },
  METHOD_NOT_ALLOWED: { status: 405, title: 'Method not allowed' },
  RATE_LIMITED: { status: 429, title: 'Too many requests' },
  IDEMPOTENCY_KEY_REUSED: {
    status: 422,
    title: 'This Idempotency-Key was already used with a different request',
  },
  IDEMPOTENCY_KEY_IN_USE: { status: 409, title: 'A request with this Idempotency-Key is still in progress' },
  // Creators, posts, authorizations
  HANDLE_TAKEN: { status: 409, title: 'Another creator already uses this handle' },
  POST_CREATOR_MISMATCH: { status: 409, title: 'The post belongs to another creator' },
  CAPTION_LOCKED: { status: 409, title: 'The caption is locked while the post is authorized for ads' },
  POST_NOT_ELIGIBLE: { status: 422, title: 'This post cannot be authorized for ads' },
  AUTHORIZATION_REVOKED: { status: 409, title: 'The authorization was revoked' },
  AUTHORIZATION_NOT_EXTENDABLE: { status: 409, title: 'The authorization cannot be extended' },
  AUTH_CODE_MALFORMED: { status: 400, title: 'The authorization code is mistyped (bad checksum or length)' },
  AUTH_CODE_NOT_FOUND: { status: 422, title: 'No authorization has this code' },
  AUTH_CODE_EXPIRED: { status: 422, title: 'The authorization has expired; ask the creator to extend it' },
  AUTH_CODE_REVOKED: { status: 422, title: 'The creator revoked this authorization' },
  AUTH_CODE_ALREADY_BOUND: { status: 409, title: 'The code was already redeemed by another ad account' },
  AUTH_CODE_POST_UNAVAILABLE: { status: 422, title: 'The authorized post is no longer available' },
  // Campaigns, ad groups, ads
  INVALID_STATE: { status: 409, title: 'The resource is not in a state that allows this' },
  BUDGET_RULE: { status: 422, title: 'The budget breaks a budget rule' },
  SPARK_POST_NOT_AVAILABLE: { status: 422, title: 'The post is not available to this ad account' },
  AD_LIMIT_REACHED: { status: 422, title: 'The ad account has reached its Spark ad limit' },
  REVIEW_ALREADY_DECIDED: { status: 409, title: 'The review was already decided' },
  // Delivery and events
  TRACKING_TOKEN_INVALID: { status: 400, title: 'The tracking token is invalid' },
  // Server
  SERVICE_UNAVAILABLE: { status: 503, title: 'The service is temporarily unavailable' },
  INTERNAL: { status: 500, title: 'Internal error' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

/** A problem with one field of the input. `field` is a dotted path (`targeting.age_groups[1]`). */
export interface FieldError {
  field: string;
  code: string;
  message: string;
}

export interface KindlingErrorOptions {
  detail?: string;
  errors?: FieldError[];
  /** Seconds a client should wait (429, 503). */
  retryAfterSeconds?: number;
  /** Extra members of the problem document (snake_case). */
  extensions?: Record<string, unknown>;
}

/** The one error type that crosses layers; the API maps it to problem+json. */
export class KindlingError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly detail: string;
  readonly errors: FieldError[];
  readonly retryAfterSeconds: number | undefined;
  readonly extensions: Record<string, unknown>;

  constructor(code: ErrorCode, options: KindlingErrorOptions = {}) {
    const spec = ERROR_CATALOGUE[code];
    super(options.detail ?? spec.title);
    this.name = 'KindlingError';
    this.code = code;
    this.status = spec.status;
    this.detail = options.detail ?? spec.title;
    this.errors = options.errors ?? [];
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.extensions = options.extensions ?? {};
  }
}

export function errorTypeUri(code: string): string {
  return `https://kindling.dev/errors/${code.toLowerCase().replaceAll('_', '-')}`;
}

/** Shorthand for a 400 naming the fields that are wrong. */
export function validationError(errors: FieldError[], detail?: string): KindlingError {
  const first = errors[0];
  return new KindlingError('VALIDATION_FAILED', {
    errors,
    detail: detail ?? (first ? `${first.field}: ${first.message}` : 'The request is invalid'),
  });
}

export function notFound(what: string, id: string): KindlingError {
  return new KindlingError('NOT_FOUND', { detail: `${what} ${id} was not found` });
}

/** Collects field errors and throws them all at once. */
export class FieldErrors {
  readonly list: FieldError[] = [];
  add(field: string, code: string, message: string): this {
    this.list.push({ field, code, message });
    return this;
  }
  get isEmpty(): boolean {
    return this.list.length === 0;
  }
  throwIfAny(detail?: string): void {
    if (this.list.length > 0) throw validationError(this.list, detail);
  }
}
