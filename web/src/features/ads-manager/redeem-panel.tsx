import { CircleAlert, CircleCheck, KeyRound } from 'lucide-react';
import { type FormEvent, useId, useState } from 'react';
import { useRedeemCodes } from '../../api/advertiser';
import { isApiError, messageOf } from '../../api/client';
import type { FieldError, RedeemResult } from '../../api/types';
import { Button } from '../../components/button';
import { ErrorText } from '../../components/field';
import { useAdAccount } from '../../session/session';

const MAX_CODES = 20;

/** Codes as pasted: one per line, or separated by spaces, commas or semicolons. */
export function parseCodes(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\s,;]+/)
        .map((c) => c.trim())
        .filter(Boolean),
    ),
  ];
}

/** Paste one or several creators' codes; each one's result (added, already there, or why not). */
export function RedeemPanel({ onRedeemed }: { onRedeemed?: (postIds: string[]) => void }) {
  const { account } = useAdAccount();
  const redeem = useRedeemCodes(account.id);
  const [text, setText] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [results, setResults] = useState<{ code: string; result: RedeemResult }[]>([]);
  const id = useId();

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const codes = parseCodes(text);
    if (codes.length === 0)
      return setErrors([{ field: 'auth_codes', code: 'REQUIRED', message: 'Paste at least one code' }]);
    if (codes.length > MAX_CODES)
      return setErrors([
        { field: 'auth_codes', code: 'TOO_MANY', message: `Add at most ${MAX_CODES} codes at a time` },
      ]);
    setErrors([]);
    redeem.mutate(codes, {
      onSuccess: ({ data }) => {
        const lines = data.map((result) => ({ code: codes[result.index] ?? '', result }));
        setResults(lines);
        const failed = lines.filter((l) => l.result.status === 'FAILED').map((l) => l.code);
        setText(failed.join('\n'));
        const added = lines.flatMap((l) => (l.result.spark_post ? [l.result.spark_post.post.id] : []));
        if (added.length) onRedeemed?.(added);
      },
      onError: (e) => {
        setResults([]);
        setErrors(
          isApiError(e) && e.errors.length
            ? e.errors
            : [{ field: 'auth_codes', code: 'FAILED', message: messageOf(e) }],
        );
      },
    });
  }

  return (
    <form className="redeem" onSubmit={onSubmit} noValidate>
      <div className="field">
        <label htmlFor={id}>Creator codes</label>
        <div className="redeem-row">
          <textarea
            id={id}
            className="textarea mono"
            rows={2}
            placeholder="#KD-…  (paste one or several, one per line)"
            value={text}
            spellCheck={false}
            aria-invalid={errors.length > 0 || undefined}
            aria-describedby={`${id}-hint${errors.length ? ` ${id}-error` : ''}`}
            onChange={(e) => setText(e.target.value)}
          />
          <Button
            type="submit"
            variant="primary"
            loading={redeem.isPending}
            icon={<KeyRound size={16} aria-hidden />}
          >
            Add to library
          </Button>
        </div>
        <ErrorText id={`${id}-error`} errors={errors} />
        <div className="hint" id={`${id}-hint`}>
          Up to {MAX_CODES} at a time. A mistyped code is told apart from an expired or revoked one.
        </div>
      </div>
      {results.length > 0 && (
        <ul className="redeem-results" aria-live="polite">
          {results.map(({ code, result }) => (
            <li key={`${result.index}-${code}`} className={result.status === 'FAILED' ? 'failed' : 'ok'}>
              {result.status === 'FAILED' ? (
                <CircleAlert size={16} aria-hidden />
              ) : (
                <CircleCheck size={16} aria-hidden />
              )}
              <span className="mono code">
                {code.length > 18 ? `${code.slice(0, 8)}…${code.slice(-4)}` : code}
              </span>
              <span>
                {result.status === 'FAILED'
                  ? (result.error?.detail ?? result.error?.title ?? 'Could not be redeemed')
                  : `${result.status === 'ALREADY_REDEEMED' ? 'Already in your library' : 'Added'}: @${result.spark_post?.creator.handle} · “${result.spark_post?.post.caption}”`}
              </span>
            </li>
          ))}
        </ul>
      )}
    </form>
  );
}
