import { Shuffle } from 'lucide-react';
import { useInterests } from '../../api/hooks';
import type { AgeGroup, FieldError, OperatingSystem, Viewer, ViewerGender } from '../../api/types';
import { Button } from '../../components/button';
import { CodeChips } from '../../components/code-chips';
import { Field } from '../../components/field';
import { Skeleton } from '../../components/states';
import { AGE_GROUPS, OPERATING_SYSTEMS } from '../../lib/labels';
import { COUNTRIES, LANGUAGES, POPULAR_COUNTRIES } from '../../lib/regions';
import { Checks, errorsFor } from '../../lib/validate';

/** A test viewer as the form holds it: '' means "not sent" (the engine then matches "everyone" lists only). */
export interface ViewerForm {
  id: string;
  country: string;
  language: string;
  age_group: AgeGroup | '';
  gender: ViewerGender | '';
  os: OperatingSystem | '';
  interests: string[];
}

export const VIEWER_GENDERS: { value: ViewerGender; label: string }[] = [
  { value: 'GENDER_FEMALE', label: 'Woman' },
  { value: 'GENDER_MALE', label: 'Man' },
  { value: 'GENDER_OTHER', label: 'Other' },
  { value: 'GENDER_UNKNOWN', label: 'Unknown' },
];

export function newViewerId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(4));
  return `test-viewer-${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** Ready-made viewers that match the demo's creators. */
export const VIEWER_PRESETS: { label: string; viewer: Omit<ViewerForm, 'id'> }[] = [
  {
    label: 'Runner in France',
    viewer: {
      country: 'FR',
      language: 'fr',
      age_group: 'AGE_25_34',
      gender: 'GENDER_FEMALE',
      os: 'IOS',
      interests: ['fitness.running'],
    },
  },
  {
    label: 'Foodie in the US',
    viewer: {
      country: 'US',
      language: 'en',
      age_group: 'AGE_35_44',
      gender: 'GENDER_MALE',
      os: 'ANDROID',
      interests: ['food'],
    },
  },
  {
    label: 'Skincare fan in Spain',
    viewer: {
      country: 'ES',
      language: 'es',
      age_group: 'AGE_18_24',
      gender: 'GENDER_FEMALE',
      os: 'ANDROID',
      interests: ['beauty.skincare'],
    },
  },
];

export function defaultViewer(): ViewerForm {
  const preset = VIEWER_PRESETS[0];
  return { id: newViewerId(), ...(preset ? preset.viewer : emptyViewer()) };
}

function emptyViewer(): Omit<ViewerForm, 'id'> {
  return { country: '', language: '', age_group: '', gender: '', os: '', interests: [] };
}

/** The API's viewer rules (id 1–128 characters, up to 100 interests), checked before sending. */
export function checkViewer(v: ViewerForm): FieldError[] {
  const checks = new Checks();
  checks.required('viewer.id', v.id, 'Give the test viewer an id');
  if (v.id.length > 128) checks.add('viewer.id', 'At most 128 characters');
  if (v.interests.length > 100) checks.add('viewer.interests', 'At most 100 interests');
  return checks.errors;
}

export function viewerToApi(v: ViewerForm): Viewer {
  return {
    id: v.id.trim(),
    ...(v.country && { country: v.country }),
    ...(v.language && { language: v.language }),
    ...(v.age_group && { age_group: v.age_group }),
    ...(v.gender && { gender: v.gender }),
    ...(v.os && { os: v.os }),
    ...(v.interests.length > 0 && { interests: v.interests }),
  };
}

/** "FR · 25–34 · Woman · iOS · Running" */
export function describeViewer(v: ViewerForm, interestName: (id: string) => string = (id) => id): string {
  const parts = [
    v.country,
    AGE_GROUPS.find((a) => a.value === v.age_group)?.label,
    VIEWER_GENDERS.find((g) => g.value === v.gender)?.label,
    OPERATING_SYSTEMS.find((o) => o.value === v.os)?.label,
    ...v.interests.map(interestName),
  ].filter(Boolean);
  return parts.length ? parts.join(' · ') : 'No attributes';
}

function Select<T extends string>({
  label,
  value,
  options,
  onChange,
  errors,
  anyLabel = 'Not sent',
}: {
  label: string;
  value: T | '';
  options: { value: T; label: string }[];
  onChange: (value: T | '') => void;
  errors?: FieldError[];
  anyLabel?: string;
}) {
  return (
    <Field label={label} errors={errors}>
      {(control) => (
        <select
          {...control}
          className="select"
          value={value}
          onChange={(e) => onChange(e.target.value as T | '')}
        >
          <option value="">{anyLabel}</option>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

const popularCountries = POPULAR_COUNTRIES.flatMap((code) => COUNTRIES.filter((c) => c.code === code));

/** The viewer attributes the host sends with a feed request: presets, id, country, age, gender, OS, interests. */
export function ViewerFields({
  value,
  onChange,
  errors = [],
  compact = false,
}: {
  value: ViewerForm;
  onChange: (value: ViewerForm) => void;
  errors?: FieldError[];
  /** One column (the feed demo's side panel). */
  compact?: boolean;
}) {
  const interests = useInterests();
  const set = (patch: Partial<ViewerForm>) => onChange({ ...value, ...patch });
  const parents = (interests.data ?? []).filter((i) => i.parent_id === null);
  const interestName = (id: string) => (interests.data ?? []).find((i) => i.id === id)?.name ?? id;
  return (
    <div className={`viewer-fields${compact ? ' compact' : ''}`}>
      <fieldset className="viewer-presets">
        <legend className="visually-hidden">Presets</legend>
        {VIEWER_PRESETS.map((p) => (
          <button
            key={p.label}
            type="button"
            className="chip"
            aria-pressed={
              JSON.stringify({ ...value, id: undefined }) === JSON.stringify({ ...p.viewer, id: undefined })
            }
            onClick={() => set(p.viewer)}
          >
            {p.label}
          </button>
        ))}
      </fieldset>
      <Field label="Viewer id" errors={errorsFor(errors, 'viewer.id')} className="viewer-id">
        {(control) => (
          <div className="input-group">
            <input
              {...control}
              className="input mono"
              value={value.id}
              maxLength={128}
              autoComplete="off"
              spellCheck={false}
              onChange={(e) => set({ id: e.target.value })}
            />
            <Button
              className="addon-button"
              iconOnly
              aria-label="New viewer id"
              title="New viewer id (fresh frequency caps)"
              icon={<Shuffle size={15} />}
              onClick={() => set({ id: newViewerId() })}
            />
          </div>
        )}
      </Field>
      <Field label="Country" errors={errorsFor(errors, 'viewer.country')}>
        {(control) => (
          <select
            {...control}
            className="select"
            value={value.country}
            onChange={(e) => set({ country: e.target.value })}
          >
            <option value="">Not sent</option>
            <optgroup label="Popular">
              {popularCountries.map((c) => (
                <option key={`p-${c.code}`} value={c.code}>
                  {c.name}
                </option>
              ))}
            </optgroup>
            <optgroup label="All">
              {COUNTRIES.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
            </optgroup>
          </select>
        )}
      </Field>
      <Select
        label="Age group"
        value={value.age_group}
        options={AGE_GROUPS}
        onChange={(age_group) => set({ age_group })}
        errors={errorsFor(errors, 'viewer.age_group')}
      />
      <Select
        label="Gender"
        value={value.gender}
        options={VIEWER_GENDERS}
        onChange={(gender) => set({ gender })}
        errors={errorsFor(errors, 'viewer.gender')}
      />
      <Select
        label="Operating system"
        value={value.os}
        options={OPERATING_SYSTEMS}
        onChange={(os) => set({ os })}
        errors={errorsFor(errors, 'viewer.os')}
      />
      <Select
        label="Language"
        value={value.language}
        options={LANGUAGES.map((l) => ({ value: l.code, label: l.name }))}
        onChange={(language) => set({ language })}
        errors={errorsFor(errors, 'viewer.language')}
      />
      <Field
        label="Interests"
        className="viewer-interests"
        hint={value.interests.length ? undefined : 'None sent'}
        errors={errorsFor(errors, 'viewer.interests')}
      >
        {(control) =>
          interests.isLoading ? (
            <Skeleton height={38} />
          ) : (
            <CodeChips
              control={control}
              values={value.interests}
              options={(interests.data ?? []).map((i) => ({ code: i.id, name: i.name }))}
              groups={parents.map((p) => ({
                label: p.name,
                codes: [p.id, ...(interests.data ?? []).filter((c) => c.parent_id === p.id).map((c) => c.id)],
              }))}
              nameOf={interestName}
              placeholder="Add an interest…"
              onChange={(list) => set({ interests: list })}
            />
          )
        }
      </Field>
    </div>
  );
}
