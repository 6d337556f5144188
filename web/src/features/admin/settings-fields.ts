import type { PlatformSettings } from '../../api/types';

export type SettingKind = 'int' | 'money' | 'bool' | 'domains';

export interface SettingField {
  /** The API's field path, as problem+json names it (`ad_load.first_ad_slot`). */
  path: string;
  label: string;
  hint?: string;
  kind: SettingKind;
  min?: number;
  max?: number;
  suffix?: string;
}

export interface SettingSection {
  id: string;
  title: string;
  description: string;
  fields: SettingField[];
}

export const SECTIONS: SettingSection[] = [
  {
    id: 'review',
    title: 'Ad review',
    description: 'New and changed ads pass the automatic rules first; the rest wait in the review queue.',
    fields: [
      {
        path: 'auto_approve_ads',
        label: 'Approve ads automatically',
        hint: 'When on, ads with an https landing page on an allowed domain are approved at once.',
        kind: 'bool',
      },
      {
        path: 'blocked_domains',
        label: 'Blocked landing-page domains',
        hint: 'One per line. Subdomains are blocked too. Ads pointing there are rejected automatically.',
        kind: 'domains',
      },
    ],
  },
  {
    id: 'ad-load',
    title: 'Ad load',
    description: 'How many ads viewers see in the feed.',
    fields: [
      {
        path: 'ad_load.first_ad_slot',
        label: 'First ad slot',
        hint: 'No ad before this position of a session (0 = first).',
        kind: 'int',
        min: 0,
        max: 100,
      },
      {
        path: 'ad_load.min_organic_between_ads',
        label: 'Organic posts between ads',
        kind: 'int',
        min: 0,
        max: 100,
      },
      {
        path: 'ad_load.max_ads_per_viewer_per_hour',
        label: 'Ads per viewer per hour',
        kind: 'int',
        min: 0,
        max: 1000,
      },
      {
        path: 'ad_load.topview_per_viewer_per_day',
        label: 'TopView ads per viewer per day',
        kind: 'int',
        min: 0,
        max: 100,
      },
    ],
  },
  {
    id: 'reserve',
    title: 'Reserve prices',
    description: 'The lowest CPM the auction accepts, per placement, in each ad account’s currency.',
    fields: [
      { path: 'reserve_cpm.IN_FEED', label: 'In-feed reserve CPM', kind: 'money', suffix: 'per 1,000' },
      { path: 'reserve_cpm.TOPVIEW', label: 'TopView reserve CPM', kind: 'money', suffix: 'per 1,000' },
    ],
  },
  {
    id: 'budgets',
    title: 'Minimum budgets',
    description:
      'In each ad account’s currency; lifetime budgets need the daily minimum for every scheduled day.',
    fields: [
      { path: 'min_campaign_budget', label: 'Campaign budget', kind: 'money' },
      { path: 'min_ad_group_daily_budget', label: 'Ad group daily budget', kind: 'money' },
    ],
  },
  {
    id: 'audience',
    title: 'Audience and privacy',
    description: 'What advertisers and creators may do and see.',
    fields: [
      { path: 'allow_minor_targeting', label: 'Allow targeting viewers aged 13–17', kind: 'bool' },
      { path: 'creators_see_spend', label: 'Show brands’ spend and targeting to creators', kind: 'bool' },
    ],
  },
  {
    id: 'limits',
    title: 'Code redemption and attribution',
    description: 'Guards against guessing codes, and how long after an ad a follow or click still counts.',
    fields: [
      {
        path: 'redemption_failures_per_window',
        label: 'Failed redemptions allowed',
        kind: 'int',
        min: 1,
        max: 10_000,
      },
      {
        path: 'redemption_window_seconds',
        label: 'Per window of',
        kind: 'int',
        min: 1,
        max: 86_400,
        suffix: 'seconds',
      },
      {
        path: 'attribution.view_window_hours',
        label: 'View attribution window',
        kind: 'int',
        min: 0,
        max: 672,
        suffix: 'hours',
      },
      {
        path: 'attribution.click_window_days',
        label: 'Click attribution window',
        kind: 'int',
        min: 0,
        max: 28,
        suffix: 'days',
      },
    ],
  },
];

export const FIELDS = SECTIONS.flatMap((s) => s.fields);

export type FormValues = Record<string, string | boolean>;

function read(settings: PlatformSettings, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], settings);
}

export function toForm(settings: PlatformSettings): FormValues {
  const out: FormValues = {};
  for (const f of FIELDS) {
    const value = read(settings, f.path);
    out[f.path] =
      f.kind === 'bool'
        ? Boolean(value)
        : f.kind === 'domains'
          ? (value as string[]).join('\n')
          : String(value ?? '');
  }
  return out;
}

export function parseDomains(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\s,]+/)
        .map((d) => d.trim().toLowerCase())
        .filter(Boolean),
    ),
  ];
}

/** The changed top-level keys, whole (the API replaces each top-level key it is sent). */
export function toPatch(form: FormValues, original: PlatformSettings): Partial<PlatformSettings> {
  const next = structuredClone(original) as unknown as Record<string, unknown>;
  for (const f of FIELDS) {
    const raw = form[f.path];
    const value =
      f.kind === 'bool'
        ? raw
        : f.kind === 'int'
          ? Number(raw)
          : f.kind === 'domains'
            ? parseDomains(String(raw))
            : String(raw).trim();
    const keys = f.path.split('.');
    let target = next;
    for (const key of keys.slice(0, -1)) target = target[key] as Record<string, unknown>;
    target[keys[keys.length - 1] as string] = value;
  }
  const patch: Record<string, unknown> = {};
  for (const key of Object.keys(next)) {
    if (JSON.stringify(next[key]) !== JSON.stringify((original as unknown as Record<string, unknown>)[key]))
      patch[key] = next[key];
  }
  return patch as Partial<PlatformSettings>;
}
