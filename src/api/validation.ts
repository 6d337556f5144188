import { FormatRegistry, type TSchema } from '@sinclair/typebox';
import { TypeCompiler, type ValueError } from '@sinclair/typebox/compiler';
import { Value } from '@sinclair/typebox/value';
import type { FastifySchemaCompiler } from 'fastify';
import type { FieldError } from '../domain/errors.js';

// TypeBox validates formats only when told how; these are the ones our schemas use.
if (!FormatRegistry.Has('date-time')) {
  FormatRegistry.Set(
    'date-time',
    (v) =>
      /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i.test(v) &&
      !Number.isNaN(Date.parse(v.replace(' ', 'T'))),
  );
}
if (!FormatRegistry.Has('uri')) {
  FormatRegistry.Set('uri', (v) => {
    try {
      return Boolean(new URL(v).protocol);
    } catch {
      return false;
    }
  });
}
if (!FormatRegistry.Has('email')) FormatRegistry.Set('email', (v) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v));
if (!FormatRegistry.Has('date'))
  FormatRegistry.Set('date', (v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v)));

/** `/targeting/countries/0` → `targeting.countries[0]` (how our problem documents name fields). */
export function pointerToField(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part), '');
}

function fieldErrorOf(error: ValueError): FieldError {
  const field = pointerToField(error.path) || '(body)';
  const schema = error.schema as TSchema & { errorMessage?: string };
  // "Expected required property" is reported on the missing property's own path.
  const isMissing = error.value === undefined;
  return {
    field,
    code: isMissing ? 'REQUIRED' : error.message === 'Unexpected property' ? 'UNKNOWN_FIELD' : 'INVALID',
    message: schema.errorMessage ?? (isMissing ? 'is required' : error.message),
  };
}

/** Keeps the first error for each field: unions report one error per branch. */
export function collectFieldErrors(errors: Iterable<ValueError>): FieldError[] {
  const seen = new Map<string, FieldError>();
  for (const error of errors) {
    const fe = fieldErrorOf(error);
    if (!seen.has(fe.field)) seen.set(fe.field, fe);
  }
  return [...seen.values()];
}

export class SchemaValidationError extends Error {
  constructor(
    readonly part: string,
    readonly fieldErrors: FieldError[],
  ) {
    super(fieldErrors.map((e) => `${e.field}: ${e.message}`).join('; '));
  }
}

/**
 * Value.Convert reads "1.5" and "1e2" as 1 and "0x10" as 16; a number whose text is not exactly the
 * number stays text, so the check refuses it instead of serving another page size than asked.
 */
function convertText(schema: TSchema, value: unknown): unknown {
  // Value.Convert may convert an object in place: keep the text as sent.
  const sent = isPlainObject(value) ? { ...value } : null;
  const converted = Value.Convert(schema, value);
  if (!sent || !isPlainObject(converted)) return converted;
  const out: Record<string, unknown> = { ...converted };
  for (const [key, v] of Object.entries(out)) {
    const original = sent[key];
    if (typeof v === 'number' && typeof original === 'string' && String(v) !== original) out[key] = original;
  }
  return out;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Fastify validator compiler using TypeBox's compiler. Bodies are checked as sent (a string is
 * never a number); querystrings and path parameters are converted from text first.
 */
export const validatorCompiler: FastifySchemaCompiler<TSchema> = ({ schema, httpPart }) => {
  const check = TypeCompiler.Compile(schema);
  return (value: unknown) => {
    const candidate = httpPart === 'body' ? value : convertText(schema, value);
    if (check.Check(candidate)) return { value: candidate };
    return {
      error: new SchemaValidationError(httpPart ?? 'body', collectFieldErrors(check.Errors(candidate))),
    };
  };
};
