import { useInterests } from '../../../api/hooks';
import type { FieldError } from '../../../api/types';
import { CodeChips } from '../../../components/code-chips';
import { CheckPills, Segmented } from '../../../components/controls';
import { Field, FieldGroup } from '../../../components/field';
import { Skeleton } from '../../../components/states';
import { AGE_GROUPS, GENDERS, OPERATING_SYSTEMS } from '../../../lib/labels';
import { COUNTRIES, countryName, LANGUAGES, languageName, POPULAR_COUNTRIES } from '../../../lib/regions';
import { errorsFor } from '../../../lib/validate';
import type { Draft } from './draft';

type AdGroupDraft = Draft['adGroup'];

/** Targeting: empty lists mean everyone, as in the API. */
export function AudienceFields({
  group,
  set,
  errors,
}: {
  group: AdGroupDraft;
  set: (patch: Partial<AdGroupDraft>) => void;
  errors: FieldError[];
}) {
  const interests = useInterests();
  const parents = (interests.data ?? []).filter((i) => i.parent_id === null);
  const childrenOf = (id: string) => (interests.data ?? []).filter((i) => i.parent_id === id);
  const interestName = (id: string) => (interests.data ?? []).find((i) => i.id === id)?.name ?? id;
  return (
    <div className="stack">
      <div className="grid-2">
        <Field
          label="Countries"
          hint={group.countries.length ? undefined : 'Everywhere'}
          errors={errorsFor(errors, 'targeting.countries')}
        >
          {(control) => (
            <CodeChips
              control={control}
              values={group.countries}
              options={COUNTRIES}
              popular={POPULAR_COUNTRIES}
              nameOf={countryName}
              placeholder="Add a country…"
              onChange={(countries) => set({ countries })}
            />
          )}
        </Field>
        <Field
          label="Languages"
          hint={group.languages.length ? undefined : 'Any language'}
          errors={errorsFor(errors, 'targeting.languages')}
        >
          {(control) => (
            <CodeChips
              control={control}
              values={group.languages}
              options={LANGUAGES}
              nameOf={languageName}
              placeholder="Add a language…"
              onChange={(languages) => set({ languages })}
            />
          )}
        </Field>
      </div>
      <FieldGroup
        legend="Age"
        hint={group.ageGroups.length ? undefined : 'All ages 18+'}
        errors={errorsFor(errors, 'targeting.age_groups')}
      >
        <CheckPills
          values={group.ageGroups}
          options={AGE_GROUPS}
          onChange={(ageGroups) => set({ ageGroups })}
        />
      </FieldGroup>
      <div className="grid-2">
        <FieldGroup legend="Gender" errors={errorsFor(errors, 'targeting.gender')}>
          <Segmented
            name="gender"
            label="Gender"
            value={group.gender}
            onChange={(gender) => set({ gender })}
            options={GENDERS}
          />
        </FieldGroup>
        <FieldGroup
          legend="Operating system"
          hint={group.operatingSystems.length ? undefined : 'All devices'}
          errors={errorsFor(errors, 'targeting.operating_systems')}
        >
          <CheckPills
            values={group.operatingSystems}
            options={OPERATING_SYSTEMS}
            onChange={(operatingSystems) => set({ operatingSystems })}
          />
        </FieldGroup>
      </div>
      <Field
        label="Interests"
        hint="A category also reaches viewers of its sub-categories. None: no interest filter."
        errors={errorsFor(errors, 'targeting.interest_category_ids')}
      >
        {(control) =>
          interests.isLoading ? (
            <Skeleton height={38} />
          ) : (
            <CodeChips
              control={control}
              values={group.interests}
              options={(interests.data ?? []).map((i) => ({
                code: i.id,
                name: i.parent_id ? i.name : `${i.name} (all)`,
              }))}
              groups={parents.map((p) => ({
                label: p.name,
                codes: [p.id, ...childrenOf(p.id).map((c) => c.id)],
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
