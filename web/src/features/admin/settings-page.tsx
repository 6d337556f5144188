import { Save } from 'lucide-react';
import { type FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import { isApiError, messageOf } from '../../api/client';
import { useSaveSettings, useSettings } from '../../api/platform';
import type { FieldError } from '../../api/types';
import { Button } from '../../components/button';
import { Switch } from '../../components/controls';
import { ErrorSummary, ErrorText, Field, focusFirstInvalid } from '../../components/field';
import { PageHeader } from '../../components/page';
import { ErrorState, Skeleton } from '../../components/states';
import { useToast } from '../../components/toast';
import { Checks, errorsFor } from '../../lib/validate';
import {
  FIELDS,
  type FormValues,
  parseDomains,
  SECTIONS,
  type SettingField,
  toForm,
  toPatch,
} from './settings-fields';

function check(form: FormValues): FieldError[] {
  const checks = new Checks();
  for (const f of FIELDS) {
    const value = form[f.path];
    if (f.kind === 'int')
      checks.integer(
        f.path,
        String(value).trim() === '' ? Number.NaN : Number(value),
        f.min ?? 0,
        f.max ?? 1e9,
      );
    if (f.kind === 'money' && !/^\d{1,16}(\.\d{1,2})?$/.test(String(value).trim()))
      checks.add(f.path, 'Use an amount such as 0.50 (at most 2 decimals)');
    if (f.kind === 'domains')
      parseDomains(String(value)).forEach((d, i) => {
        if (!/^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(d))
          checks.add(`${f.path}[${i}]`, `${d} is not a domain such as spam.example`);
      });
  }
  return checks.errors;
}

function SettingInput({
  field,
  value,
  errors,
  onChange,
}: {
  field: SettingField;
  value: string | boolean;
  errors: FieldError[];
  onChange: (value: string | boolean) => void;
}) {
  if (field.kind === 'bool')
    return (
      <div className="field setting-bool">
        <Switch label={field.label} showLabel checked={Boolean(value)} onChange={onChange} />
        {field.hint && <span className="hint">{field.hint}</span>}
        <ErrorText errors={errors} />
      </div>
    );
  return (
    <Field
      label={field.label}
      hint={field.hint}
      errors={errors}
      className={field.kind === 'domains' ? 'span-2' : undefined}
    >
      {(control) =>
        field.kind === 'domains' ? (
          <textarea
            {...control}
            className="textarea mono"
            rows={4}
            placeholder={'spam.example\nscam.example'}
            value={String(value)}
            onChange={(e) => onChange(e.target.value)}
          />
        ) : (
          <div className="input-group">
            <input
              {...control}
              className="input num"
              inputMode={field.kind === 'money' ? 'decimal' : 'numeric'}
              value={String(value)}
              onChange={(e) => onChange(e.target.value)}
            />
            {field.suffix && <span className="addon">{field.suffix}</span>}
          </div>
        )
      }
    </Field>
  );
}

export function SettingsPage() {
  const settings = useSettings();
  const save = useSaveSettings();
  const toast = useToast();
  const [form, setForm] = useState<FormValues | null>(null);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (settings.data && form === null) setForm(toForm(settings.data));
  }, [settings.data, form]);

  const patch = useMemo(
    () => (form && settings.data ? toPatch(form, settings.data) : {}),
    [form, settings.data],
  );
  const dirty = Object.keys(patch).length > 0;

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!form || !settings.data) return;
    const found = check(form);
    setErrors(found);
    if (found.length) return focusFirstInvalid(formRef.current);
    save.mutate(patch, {
      onSuccess: (saved) => {
        setForm(toForm(saved));
        toast('Settings saved');
      },
      onError: (e) => {
        if (isApiError(e) && e.errors.length) {
          setErrors(e.errors);
          focusFirstInvalid(formRef.current);
        } else toast(messageOf(e), 'error');
      },
    });
  }

  const known = new Set(FIELDS.map((f) => f.path));
  const orphans = errors.filter((e) => !known.has(e.field.replace(/\[\d+\]$/, '')));

  return (
    <>
      <PageHeader
        title="Platform settings"
        description="Rules for every ad account on this platform. Changes apply within seconds."
      />
      {settings.error ? (
        <ErrorState error={settings.error} onRetry={() => settings.refetch()} />
      ) : !form ? (
        <div className="stack">
          <Skeleton height={180} radius={14} />
          <Skeleton height={180} radius={14} />
        </div>
      ) : (
        <form ref={formRef} className="stack settings-form" onSubmit={onSubmit} noValidate>
          <ErrorSummary title="The settings were not saved" errors={orphans} />
          {SECTIONS.map((section) => (
            <section
              key={section.id}
              className="card settings-section"
              aria-labelledby={`settings-${section.id}`}
            >
              <div className="settings-intro">
                <h2 id={`settings-${section.id}`}>{section.title}</h2>
                <p className="muted">{section.description}</p>
              </div>
              <div className="settings-fields">
                {section.fields.map((field) => (
                  <SettingInput
                    key={field.path}
                    field={field}
                    value={form[field.path] ?? ''}
                    errors={errorsFor(errors, field.path)}
                    onChange={(value) => setForm((f) => ({ ...f, [field.path]: value }))}
                  />
                ))}
              </div>
            </section>
          ))}
          <div className={`save-bar${dirty ? ' dirty' : ''}`}>
            <span className="hint" aria-live="polite">
              {dirty
                ? `Unsaved changes: ${Object.keys(patch).join(', ').replaceAll('_', ' ')}`
                : 'All changes saved'}
            </span>
            <Button
              disabled={!dirty || save.isPending}
              onClick={() => {
                if (settings.data) setForm(toForm(settings.data));
                setErrors([]);
              }}
            >
              Discard
            </Button>
            <Button
              type="submit"
              variant="primary"
              icon={<Save size={16} aria-hidden />}
              disabled={!dirty}
              loading={save.isPending}
            >
              Save changes
            </Button>
          </div>
        </form>
      )}
    </>
  );
}
