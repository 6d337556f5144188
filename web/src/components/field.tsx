import { CircleAlert } from 'lucide-react';
import { type ReactNode, useId } from 'react';
import type { FieldError } from '../api/types';

export interface ControlProps {
  id: string;
  'aria-invalid': boolean | undefined;
  'aria-describedby': string | undefined;
}

interface FieldProps {
  label: ReactNode;
  hint?: ReactNode;
  errors?: readonly FieldError[];
  optional?: boolean;
  className?: string;
  children: (control: ControlProps) => ReactNode;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function ErrorText({ id, errors }: { id?: string; errors: readonly FieldError[] }) {
  if (errors.length === 0) return null;
  return (
    <div id={id} className="field-error">
      <CircleAlert size={14} aria-hidden />
      <span>{[...new Set(errors.map((e) => capitalize(e.message)))].join('. ')}</span>
    </div>
  );
}

/** A labelled control with its hint and its errors, wired for screen readers. */
export function Field({ label, hint, errors = [], optional, className, children }: FieldProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errors.length ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={['field', className].filter(Boolean).join(' ')}>
      <label htmlFor={id}>
        {label}
        {optional && <span className="optional"> (optional)</span>}
      </label>
      {children({ id, 'aria-invalid': errors.length > 0 || undefined, 'aria-describedby': describedBy })}
      <ErrorText id={errorId} errors={errors} />
      {hint && (
        <div id={hintId} className="hint">
          {hint}
        </div>
      )}
    </div>
  );
}

/** A group of controls (checkboxes, radios) under one legend. */
export function FieldGroup({
  legend,
  hint,
  errors = [],
  children,
  className,
}: {
  legend: ReactNode;
  hint?: ReactNode;
  errors?: readonly FieldError[];
  children: ReactNode;
  className?: string;
}) {
  const id = useId();
  return (
    <fieldset
      className={['field', className].filter(Boolean).join(' ')}
      aria-describedby={errors.length ? `${id}-error` : hint ? `${id}-hint` : undefined}
      aria-invalid={errors.length > 0 || undefined}
    >
      <legend>{legend}</legend>
      {children}
      <ErrorText id={`${id}-error`} errors={errors} />
      {hint && (
        <div id={`${id}-hint`} className="hint">
          {hint}
        </div>
      )}
    </fieldset>
  );
}

/** Errors the form has no field for, listed at the top so none is lost. */
export function ErrorSummary({ title, errors }: { title: string; errors: readonly FieldError[] }) {
  if (errors.length === 0) return null;
  return (
    <div className="callout red" role="alert">
      <CircleAlert size={18} aria-hidden />
      <div>
        <strong>{title}</strong>
        <ul>
          {errors.map((e) => (
            <li key={`${e.field}-${e.code}`}>
              {e.field && e.field !== '(body)' ? <span className="mono">{e.field}</span> : null}
              {e.field && e.field !== '(body)' ? ': ' : ''}
              {e.message}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

/** Moves focus to the first invalid control inside `root` (after a failed submit). */
export function focusFirstInvalid(root: HTMLElement | null): void {
  requestAnimationFrame(() => {
    const target = root?.querySelector<HTMLElement>(
      'input[aria-invalid="true"], select[aria-invalid="true"], textarea[aria-invalid="true"], fieldset[aria-invalid="true"] input',
    );
    target?.focus();
    target?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  });
}
