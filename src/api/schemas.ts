import { Kind, type TSchema, Type, TypeRegistry } from '@sinclair/typebox';
import { ERROR_CATALOGUE } from '../domain/errors.js';

/** Shared TypeBox schemas: one definition of money, time, lists and problems for every route. */

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const Money = Type.String({
  pattern: '^\\d{1,16}(\\.\\d{1,6})?$',
  description: 'A decimal amount in the ad account currency, with at most the currency’s decimal places.',
  examples: ['40.00'],
  errorMessage: 'must be a decimal string such as "40.00"',
});

export const Timestamp = Type.String({
  format: 'date-time',
  description: 'RFC 3339. Inputs without an offset are read in the ad account time zone where one applies.',
  examples: ['2026-12-01T08:00:00Z'],
  errorMessage: 'must be a date-time such as 2026-12-01T08:00:00Z',
});

export const Id = (prefix: string, example: string) =>
  Type.String({
    pattern: `^${prefix}_[0-9A-HJKMNP-TV-Z]{26}$`,
    examples: [example],
    errorMessage: `must be a ${prefix}_… id`,
  });

/** Ids supplied by the host app: printable, no slashes, up to 128 characters. */
export const HostId = Type.String({
  minLength: 1,
  maxLength: 128,
  pattern: '^[A-Za-z0-9._:@-]+$',
  errorMessage: 'must be 1–128 characters of letters, digits and . _ : @ -',
});

export const PageQuery = {
  limit: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 500, description: 'Page size (default 50, max 500).' }),
  ),
  cursor: Type.Optional(
    Type.String({ maxLength: 512, description: 'The next_cursor of the previous page.' }),
  ),
};

export const ListOf = <T extends TSchema>(item: T) =>
  Type.Object({
    data: Type.Array(item),
    next_cursor: Type.Union([Type.String(), Type.Null()], {
      description: 'Pass as ?cursor= for the next page; null at the end.',
    }),
  });

export const FieldErrorSchema = Type.Object({
  field: Type.String({ examples: ['budget'] }),
  code: Type.String({ examples: ['BELOW_MINIMUM'] }),
  message: Type.String(),
});

export const ProblemSchema = Type.Object(
  {
    type: Type.String({ examples: ['https://kindling.dev/errors/validation-failed'] }),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    code: Type.String({
      description: `A stable error code: ${Object.keys(ERROR_CATALOGUE).join(', ')}.`,
      examples: ['VALIDATION_FAILED'],
    }),
    instance: Type.Optional(Type.String()),
    request_id: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(FieldErrorSchema)),
  },
  { $id: 'Problem', additionalProperties: true, description: 'RFC 9457 problem details.' },
);

/** Standard error responses for a route, so the OpenAPI document lists them. */
export function errorResponses(...statuses: number[]) {
  // A reference to the one Problem component (registered by the app), not a copy per route.
  return Object.fromEntries(
    statuses.map((status) => [status, { ...Type.Ref(ProblemSchema), description: describe(status) }]),
  ) as Record<number, TSchema>;
}

function describe(status: number): string {
  switch (status) {
    case 400:
      return 'Invalid request: the problem names each field.';
    case 401:
      return 'Missing or invalid bearer token.';
    case 403:
      return 'The token’s role may not do this.';
    case 404:
      return 'Not found (or belongs to another tenant).';
    case 409:
      return 'Conflicts with the current state.';
    case 413:
      return 'Body too large.';
    case 422:
      return 'Refused by a business rule.';
    case 429:
      return 'Rate limited; see Retry-After.';
    default:
      return 'Error.';
  }
}

export const StandardErrors = [400, 401, 403, 404, 413, 429] as const;

// A compact string enum: `{ type: 'string', enum: [...] }` in the OpenAPI document (a union of
// literals would print every value as its own schema), checked by a TypeBox custom kind.
if (!TypeRegistry.Has('StringEnum')) {
  TypeRegistry.Set<{ enum: string[] }>(
    'StringEnum',
    (schema, value) => typeof value === 'string' && schema.enum.includes(value),
  );
}

/** A string enum with a readable error message. */
export const enumOf = <T extends string>(
  values: readonly T[],
  options: { description?: string; examples?: T[] } = {},
) =>
  Type.Unsafe<T>({
    [Kind]: 'StringEnum',
    type: 'string',
    enum: [...values],
    ...options,
    errorMessage: `must be one of ${values.join(', ')}`,
  });
