import type { ReactNode } from 'react';

interface Option<T extends string | number> {
  value: T;
  label: ReactNode;
  sublabel?: ReactNode;
  disabled?: boolean;
}

/** A radio group that looks like a segmented control. */
export function Segmented<T extends string | number>({
  name,
  value,
  options,
  onChange,
  label,
  block = false,
}: {
  name: string;
  value: T;
  options: Option<T>[];
  onChange: (value: T) => void;
  label: string;
  /** Fill the row with equal-width options. */
  block?: boolean;
}) {
  return (
    <div className={`segmented${block ? ' block' : ''}`} role="radiogroup" aria-label={label}>
      {options.map((o) => (
        <label key={String(o.value)}>
          <input
            type="radio"
            name={name}
            value={String(o.value)}
            checked={o.value === value}
            disabled={o.disabled}
            onChange={() => onChange(o.value)}
          />
          {o.label}
          {o.sublabel && <small>{o.sublabel}</small>}
        </label>
      ))}
    </div>
  );
}

/** Checkboxes as pills; the group's label comes from the surrounding FieldGroup legend. */
export function CheckPills<T extends string>({
  values,
  options,
  onChange,
}: {
  values: readonly T[];
  options: { value: T; label: ReactNode; disabled?: boolean }[];
  onChange: (values: T[]) => void;
}) {
  return (
    <div className="checks">
      {options.map((o) => (
        <label className="check-pill" key={o.value}>
          <input
            type="checkbox"
            checked={values.includes(o.value)}
            disabled={o.disabled}
            onChange={(e) =>
              onChange(e.target.checked ? [...values, o.value] : values.filter((v) => v !== o.value))
            }
          />
          {o.label}
        </label>
      ))}
    </div>
  );
}

/** Radio options as cards with an icon and a description. */
export function OptionCards<T extends string>({
  name,
  value,
  options,
  onChange,
}: {
  name: string;
  value: T;
  options: { value: T; label: string; description: string; icon?: ReactNode }[];
  onChange: (value: T) => void;
}) {
  return (
    <div className="option-cards">
      {options.map((o) => (
        <label className="option-card" key={o.value}>
          <input
            type="radio"
            name={name}
            value={o.value}
            checked={o.value === value}
            onChange={() => onChange(o.value)}
          />
          {o.icon && (
            <span className="icon-tile" aria-hidden>
              {o.icon}
            </span>
          )}
          <span>
            <strong>{o.label}</strong>
            <span>{o.description}</span>
          </span>
        </label>
      ))}
    </div>
  );
}

export function Switch({
  checked,
  onChange,
  label,
  disabled,
  showLabel = false,
}: {
  checked: boolean;
  onChange: (checked: boolean) => void;
  label: string;
  disabled?: boolean;
  showLabel?: boolean;
}) {
  return (
    <label className="switch">
      <input
        type="checkbox"
        role="switch"
        checked={checked}
        aria-checked={checked}
        disabled={disabled}
        aria-label={showLabel ? undefined : label}
        onChange={(e) => onChange(e.target.checked)}
      />
      <span className="track" aria-hidden />
      {showLabel && <span>{label}</span>}
    </label>
  );
}
