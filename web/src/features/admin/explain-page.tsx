import { Microscope, Search } from 'lucide-react';
import { type FormEvent, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { isApiError, messageOf } from '../../api/client';
import { useExplain, usePlatformAdAccounts } from '../../api/platform';
import type { DecisionRequest, ExplainEntry, FieldError, Placement } from '../../api/types';
import { Badge } from '../../components/badge';
import { Button } from '../../components/button';
import { Segmented, Switch } from '../../components/controls';
import { type Column, DataTable } from '../../components/data-table';
import { ErrorSummary, Field, FieldGroup, focusFirstInvalid } from '../../components/field';
import { PageHeader } from '../../components/page';
import { EmptyState } from '../../components/states';
import { formatMicros, OUTCOMES, readableDetail, reasonLabel, sortExplain } from '../../lib/explain';
import { formatInteger, formatMoney } from '../../lib/format';
import { ctaLabel, PLACEMENTS } from '../../lib/labels';
import { Checks, errorsFor } from '../../lib/validate';
import { checkViewer, defaultViewer, ViewerFields, type ViewerForm, viewerToApi } from './viewer-fields';

type Scope = 'matched' | 'account' | 'groups';

interface ExplainForm {
  viewer: ViewerForm;
  placement: Placement;
  scope: Scope;
  adAccountId: string;
  adGroupIds: string;
  startPosition: string;
  organicCount: string;
  postIds: string;
  dryRun: boolean;
}

const splitIds = (text: string) =>
  text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);

/** The API's rules for this request, checked before it is sent. */
function check(form: ExplainForm): FieldError[] {
  const checks = new Checks();
  checks.errors.push(...checkViewer(form.viewer));
  checks.integer(
    'page.start_position',
    form.startPosition.trim() === '' ? Number.NaN : Number(form.startPosition),
    0,
    1_000_000,
  );
  const ids = splitIds(form.postIds);
  if (ids.length === 0) checks.integer('page.organic_post_ids', Number(form.organicCount), 0, 200);
  if (ids.length > 200) checks.add('page.organic_post_ids', 'At most 200 posts');
  if (form.scope === 'account' && !form.adAccountId)
    checks.add('explain.ad_account_id', 'Choose an ad account');
  if (form.scope === 'groups') {
    const groups = splitIds(form.adGroupIds);
    if (groups.length === 0) checks.add('explain.ad_group_ids', 'Paste at least one ad group id (adg_…)');
    if (groups.length > 100) checks.add('explain.ad_group_ids', 'At most 100 ad groups');
  }
  return checks.errors;
}

function toRequest(form: ExplainForm): DecisionRequest {
  const ids = splitIds(form.postIds);
  return {
    viewer: viewerToApi(form.viewer),
    placement: form.placement,
    page: {
      start_position: Number(form.startPosition),
      organic_post_ids: ids.length
        ? ids
        : Array.from({ length: Number(form.organicCount) }, (_, i) => `explain-organic-${i + 1}`),
    },
    explain:
      form.scope === 'account'
        ? { ad_account_id: form.adAccountId }
        : form.scope === 'groups'
          ? { ad_group_ids: splitIds(form.adGroupIds) }
          : true,
    dry_run: form.dryRun,
  };
}

/** What a served ad pays per billing unit, in words. */
const PRICE_UNITS: Record<string, string> = {
  CPM: 'per 1,000 impressions',
  OCPM: 'per 1,000 impressions',
  CPC: 'per click',
  CPV: 'per 6-second view',
};

/** Admin: why did (or didn't) each ad group serve to this viewer, on this page, right now. */
export function ExplainPage() {
  const accounts = usePlatformAdAccounts();
  const explain = useExplain();
  const [form, setForm] = useState<ExplainForm>(() => ({
    viewer: defaultViewer(),
    placement: 'IN_FEED',
    scope: 'matched',
    adAccountId: '',
    adGroupIds: '',
    startPosition: '0',
    organicCount: '6',
    postIds: '',
    dryRun: true,
  }));
  const [errors, setErrors] = useState<FieldError[]>([]);
  const formRef = useRef<HTMLFormElement>(null);
  const resultsRef = useRef<HTMLElement>(null);
  const set = (patch: Partial<ExplainForm>) => setForm((f) => ({ ...f, ...patch }));

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const found = check(form);
    setErrors(found);
    if (found.length) return focusFirstInvalid(formRef.current);
    explain.mutate(toRequest(form), {
      onSuccess: () =>
        requestAnimationFrame(() =>
          resultsRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' }),
        ),
      onError: (e) => {
        if (isApiError(e) && e.errors.length) {
          setErrors(e.errors);
          focusFirstInvalid(formRef.current);
        }
      },
    });
  }

  const known = ['viewer.', 'page.', 'explain.', 'placement'];
  const orphans = errors.filter((e) => !known.some((k) => e.field.startsWith(k)));
  const result = explain.data;
  const rows = sortExplain(result?.explain?.ad_groups ?? []);

  const columns: Column<ExplainEntry>[] = [
    {
      key: 'outcome',
      header: 'Outcome',
      render: (e) => (
        <Badge tone={OUTCOMES[e.outcome].tone} dot>
          {OUTCOMES[e.outcome].label}
        </Badge>
      ),
    },
    {
      key: 'reason',
      header: 'Reason',
      primary: true,
      render: (e) => (
        <div className="explain-reason" data-reason={e.reason}>
          <strong>{reasonLabel(e.reason)}</strong>
          <div className="hint">{readableDetail(e.detail, e.currency)}</div>
          {e.ads && e.ads.length > 0 && (
            <ul className="explain-list explain-ads" aria-label="Why each ad cannot serve">
              {e.ads.map((a) => (
                <li key={a.ad_id} data-reason={a.reason}>
                  <span>
                    <strong>{a.ad_name}</strong> <span className="hint mono">{a.post_id}</span>
                  </span>
                  <span>{reasonLabel(a.reason)}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
      ),
    },
    {
      key: 'account',
      header: 'Ad account · campaign',
      render: (e) => (
        <div title={`${e.ad_account_id} · ${e.campaign_id}`}>
          <div>{e.ad_account_name}</div>
          <div className="hint">{e.campaign_name}</div>
        </div>
      ),
    },
    {
      key: 'names',
      header: 'Ad group · ad',
      render: (e) => (
        <div title={[e.ad_group_id, e.ad_id].filter(Boolean).join(' · ')}>
          <div>{e.adgroup_name}</div>
          <div className="hint">
            {e.ad_name === null ? (
              'the whole ad group'
            ) : (
              <>
                {e.ad_name} · <span className="mono">{e.post_id}</span>
              </>
            )}
          </div>
        </div>
      ),
    },
    {
      key: 'price',
      header: 'Bid · price',
      align: 'end',
      render: (e) => (
        <div className="num">
          <div>
            {formatMoney(e.bid, e.currency)} <span className="hint">{e.billing_event}</span>
          </div>
          {e.price !== null && (
            <div className="hint" title={`${e.charge_micros ?? 0} µ per billing event`}>
              pays {formatMoney(e.price, e.currency)} {PRICE_UNITS[e.billing_event] ?? ''}
            </div>
          )}
        </div>
      ),
    },
    {
      key: 'ecpm',
      header: 'eCPM',
      align: 'end',
      render: (e) => (
        <span className="num">{e.ecpm_micros === null ? '—' : formatMicros(e.ecpm_micros, e.currency)}</span>
      ),
    },
    {
      key: 'score',
      header: 'Score',
      align: 'end',
      render: (e) => <span className="num">{e.score === null ? '—' : formatInteger(e.score)}</span>,
    },
  ];

  return (
    <>
      <PageHeader
        title="Delivery explain"
        description="Ask for one page of a test viewer’s feed and see every ad group’s outcome: served, lost the auction, or filtered, and why."
        actions={
          <Link className="btn" to="/admin/feed">
            Open the feed demo
          </Link>
        }
      />
      <div className="explain-layout">
        <form
          ref={formRef}
          className="card explain-form"
          onSubmit={onSubmit}
          noValidate
          aria-labelledby="explain-form-title"
        >
          <h2 id="explain-form-title" className="visually-hidden">
            Test request
          </h2>
          <ErrorSummary title="The request was refused" errors={orphans} />
          <section className="explain-section" aria-labelledby="explain-viewer-title">
            <h3 id="explain-viewer-title">Test viewer</h3>
            <ViewerFields value={form.viewer} onChange={(viewer) => set({ viewer })} errors={errors} />
          </section>
          <section className="explain-section" aria-labelledby="explain-page-title">
            <h3 id="explain-page-title">The page</h3>
            <div className="explain-grid">
              <FieldGroup legend="Placement" errors={errorsFor(errors, 'placement')}>
                <Segmented
                  name="placement"
                  label="Placement"
                  value={form.placement}
                  onChange={(placement) => set({ placement })}
                  options={PLACEMENTS.map((p) => ({ value: p.value, label: p.label }))}
                />
              </FieldGroup>
              <Field
                label="Start position"
                hint="Of the page’s first item (0 = top)."
                errors={errorsFor(errors, 'page.start_position')}
              >
                {(control) => (
                  <input
                    {...control}
                    className="input num"
                    inputMode="numeric"
                    value={form.startPosition}
                    onChange={(e) => set({ startPosition: e.target.value })}
                  />
                )}
              </Field>
              <Field label="Organic posts" errors={errorsFor(errors, 'page.organic_post_ids')}>
                {(control) => (
                  <input
                    {...control}
                    className="input num"
                    inputMode="numeric"
                    value={form.organicCount}
                    disabled={splitIds(form.postIds).length > 0}
                    onChange={(e) => set({ organicCount: e.target.value })}
                  />
                )}
              </Field>
              <Field label="Post ids on the page" optional hint="Their ads step aside (POST_ON_PAGE).">
                {(control) => (
                  <input
                    {...control}
                    className="input mono"
                    placeholder="ana-legday, leo-crepes"
                    value={form.postIds}
                    onChange={(e) => set({ postIds: e.target.value })}
                  />
                )}
              </Field>
            </div>
          </section>
          <section className="explain-section" aria-labelledby="explain-scope-title">
            <h3 id="explain-scope-title">What to explain</h3>
            <div className="explain-grid">
              <FieldGroup
                legend="Ad groups"
                className="span-2"
                hint="Scoped to an account or ad groups, it also lists those targeting kept out."
              >
                <Segmented
                  name="scope"
                  label="Ad groups"
                  block
                  value={form.scope}
                  onChange={(scope) => set({ scope })}
                  options={[
                    { value: 'matched', label: 'All matched' },
                    { value: 'account', label: 'By account' },
                    { value: 'groups', label: 'By ad group' },
                  ]}
                />
              </FieldGroup>
              {form.scope === 'account' && (
                <Field
                  label="Ad account"
                  className="span-2"
                  errors={errorsFor(errors, 'explain.ad_account_id')}
                >
                  {(control) => (
                    <select
                      {...control}
                      className="select"
                      value={form.adAccountId}
                      onChange={(e) => set({ adAccountId: e.target.value })}
                    >
                      <option value="">Choose…</option>
                      {(accounts.data ?? []).map((a) => (
                        <option key={a.id} value={a.id}>
                          {a.name}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
              )}
              {form.scope === 'groups' && (
                <Field
                  label="Ad group ids"
                  className="span-2"
                  hint="One per line or separated by commas."
                  errors={errorsFor(errors, 'explain.ad_group_ids')}
                >
                  {(control) => (
                    <textarea
                      {...control}
                      className="textarea mono"
                      rows={2}
                      placeholder="adg_01…"
                      value={form.adGroupIds}
                      onChange={(e) => set({ adGroupIds: e.target.value })}
                    />
                  )}
                </Field>
              )}
            </div>
          </section>
          <div className="explain-submit">
            <Switch label="Dry run" showLabel checked={form.dryRun} onChange={(dryRun) => set({ dryRun })} />
            <p className="hint">
              {form.dryRun
                ? 'Decides exactly as the feed would, then leaves no trace: no budget reserved, no frequency counted, no tracking token issued.'
                : 'A real decision: an ad that wins reserves its expected cost (released if no impression follows) and counts toward this viewer’s frequency cap. Use a test viewer id.'}
            </p>
            <Button
              type="submit"
              variant="primary"
              icon={<Search size={16} aria-hidden />}
              loading={explain.isPending}
            >
              Explain this page
            </Button>
          </div>
        </form>
        <section ref={resultsRef} className="explain-results stack" aria-labelledby="explain-results-title">
          <h2 id="explain-results-title" className="visually-hidden">
            Results
          </h2>
          <p role="status" className="visually-hidden">
            {result
              ? `${result.ads.length} ${result.ads.length === 1 ? 'ad' : 'ads'} served; ${rows.length} ad groups explained`
              : ''}
          </p>
          {explain.isError && !(isApiError(explain.error) && explain.error.errors.length) ? (
            <div className="callout red" role="alert">
              <span>{messageOf(explain.error)}</span>
            </div>
          ) : null}
          {!result ? (
            <div className="card">
              <EmptyState icon={<Microscope size={22} />} title="Describe a viewer, then explain">
                Every ad group targeting matches gets a line: its outcome, the reason, its eCPM and auction
                score.
              </EmptyState>
            </div>
          ) : (
            <>
              <section className="kpis explain-kpis" aria-label="Summary">
                <div className="card kpi">
                  <span className="label">Matched by targeting</span>
                  <span className="value">{formatInteger(result.explain?.matched_by_targeting ?? 0)}</span>
                </div>
                <div className="card kpi">
                  <span className="label">Ads served</span>
                  <span className="value">{formatInteger(result.ads.length)}</span>
                </div>
                <div className="card kpi">
                  <span className="label">Ad groups explained</span>
                  <span className="value">{formatInteger(rows.length)}</span>
                </div>
                <div className="card kpi">
                  <span className="label">Decision seed</span>
                  <span className="value mono small-value">{result.decision_seed}</span>
                </div>
              </section>
              {result.ads.length > 0 && (
                <ul className="served-list">
                  {result.ads.map((ad) => (
                    <li key={ad.ad_id} className="card">
                      <img className="poster" src={ad.post.media_url} alt="" />
                      <div>
                        <strong>
                          {ad.advertiser.name} · @{ad.creator.handle}
                        </strong>
                        <div className="hint">
                          Slot {ad.slot.index_in_page} of the page (session position{' '}
                          {ad.slot.session_position}) ·{' '}
                          {ad.call_to_action ? ctaLabel(ad.call_to_action) : 'no button'} · {ad.billing_event}
                          {result.dry_run ? ' · dry run: nothing reserved or recorded' : ''}
                        </div>
                      </div>
                    </li>
                  ))}
                </ul>
              )}
              <DataTable
                caption="Outcome of each ad group"
                columns={columns}
                rows={rows}
                rowKey={(e) => `${e.ad_group_id}-${e.ad_id ?? ''}-${e.reason}`}
                isLoading={false}
                empty={
                  <EmptyState title="No ad group matched this viewer">
                    Scope the explanation to an ad account or ad groups to see which targeting keeps them out.
                  </EmptyState>
                }
              />
            </>
          )}
        </section>
      </div>
    </>
  );
}
