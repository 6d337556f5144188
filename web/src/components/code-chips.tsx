import { X } from 'lucide-react';
import type { ControlProps } from './field';

interface CodeChipsProps {
  control: ControlProps;
  values: string[];
  options: { code: string; name: string }[];
  popular?: string[];
  /** Options under headings instead of one list (e.g. interests by category). */
  groups?: { label: string; codes: string[] }[];
  onChange: (values: string[]) => void;
  placeholder: string;
  nameOf: (code: string) => string;
}

/** A multi-select as chips: pick from a list (popular choices first), remove with the chip's ×. */
export function CodeChips({
  control,
  values,
  options,
  popular = [],
  groups,
  onChange,
  placeholder,
  nameOf,
}: CodeChipsProps) {
  const available = options.filter((o) => !values.includes(o.code));
  const popularOptions = popular.flatMap((code) => available.filter((o) => o.code === code));
  return (
    <div className="code-chips">
      {values.length > 0 && (
        <ul className="chips" aria-label="Selected">
          {values.map((code) => (
            <li key={code} className="chip selected">
              {nameOf(code)}
              <button
                type="button"
                aria-label={`Remove ${nameOf(code)}`}
                onClick={() => onChange(values.filter((v) => v !== code))}
              >
                <X size={12} aria-hidden />
              </button>
            </li>
          ))}
        </ul>
      )}
      <select
        {...control}
        className="select"
        value=""
        onChange={(e) => e.target.value && onChange([...values, e.target.value])}
      >
        <option value="">{placeholder}</option>
        {popularOptions.length > 0 && (
          <optgroup label="Popular">
            {popularOptions.map((o) => (
              <option key={`p-${o.code}`} value={o.code}>
                {o.name}
              </option>
            ))}
          </optgroup>
        )}
        {groups ? (
          groups.map((group) => (
            <optgroup key={group.label} label={group.label}>
              {available
                .filter((o) => group.codes.includes(o.code))
                .map((o) => (
                  <option key={o.code} value={o.code}>
                    {o.name}
                  </option>
                ))}
            </optgroup>
          ))
        ) : (
          <optgroup label="All">
            {available.map((o) => (
              <option key={o.code} value={o.code}>
                {o.name}
              </option>
            ))}
          </optgroup>
        )}
      </select>
    </div>
  );
}
