import { toRfc3339 } from '../domain/time.js';
import type { MediaKitView } from './media-kit.js';

/**
 * The media kit as a server-rendered page that previews well when shared (Open Graph and Twitter
 * card tags). Every value from a creator or the host is escaped; the page loads nothing but itself.
 */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

const compact = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 });
const percent = (share: number) => `${(share * 100).toFixed(1)}%`;
const LABELS: Record<string, string> = {
  AGE_13_17: '13–17',
  AGE_18_24: '18–24',
  AGE_25_34: '25–34',
  AGE_35_44: '35–44',
  AGE_45_54: '45–54',
  AGE_55_100: '55+',
  GENDER_FEMALE: 'Women',
  GENDER_MALE: 'Men',
  GENDER_OTHER: 'Other',
  GENDER_UNKNOWN: 'Unknown',
};

/** Only http(s) URLs go into src/href attributes. */
function safeUrl(url: string | null): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.toString() : null;
  } catch {
    return null;
  }
}

export function mediaKitDescription(kit: MediaKitView): string {
  const parts = [
    `${compact.format(kit.followers)} followers`,
    `${compact.format(kit.averageViews)} average views`,
  ];
  if (kit.engagementRate) parts.push(`${kit.engagementRate}% engagement`);
  return kit.headline ? `${kit.headline} · ${parts.join(' · ')}` : parts.join(' · ');
}

function bars(title: string, rows: { label: string; share: number }[]): string {
  if (rows.length === 0) return '';
  const items = rows
    .slice(0, 6)
    .map(
      (r) =>
        `<li><span>${escapeHtml(r.label)}</span><span class="bar"><i style="width:${Math.min(100, Math.max(0, r.share * 100)).toFixed(1)}%"></i></span><b>${percent(r.share)}</b></li>`,
    )
    .join('');
  return `<section class="card"><h3>${escapeHtml(title)}</h3><ul class="bars">${items}</ul></section>`;
}

function audienceBlock(
  name: string,
  a: NonNullable<MediaKitView['audience']['followers' | 'viewers']>,
): string {
  return [
    bars(
      `${name}: countries`,
      a.countries.map((c) => ({ label: c.code, share: c.share })),
    ),
    bars(
      `${name}: age`,
      a.age_groups.map((x) => ({ label: LABELS[x.age] ?? x.age, share: x.share })),
    ),
    bars(
      `${name}: gender`,
      a.genders.map((x) => ({ label: LABELS[x.gender] ?? x.gender, share: x.share })),
    ),
  ].join('');
}

export function renderMediaKitPage(kit: MediaKitView, pageUrl: string): string {
  const title = `${kit.displayName} (@${kit.handle}) · Media kit`;
  const description = mediaKitDescription(kit);
  const avatar = safeUrl(kit.avatarUrl);
  const meta = [
    `<meta name="description" content="${escapeHtml(description)}">`,
    `<meta property="og:type" content="profile">`,
    `<meta property="og:title" content="${escapeHtml(title)}">`,
    `<meta property="og:description" content="${escapeHtml(description)}">`,
    `<meta property="og:url" content="${escapeHtml(pageUrl)}">`,
    `<meta property="profile:username" content="${escapeHtml(kit.handle)}">`,
    avatar ? `<meta property="og:image" content="${escapeHtml(avatar)}">` : '',
    `<meta name="twitter:card" content="summary">`,
    `<meta name="twitter:title" content="${escapeHtml(title)}">`,
    `<meta name="twitter:description" content="${escapeHtml(description)}">`,
    avatar ? `<meta name="twitter:image" content="${escapeHtml(avatar)}">` : '',
    `<link rel="canonical" href="${escapeHtml(pageUrl)}">`,
  ]
    .filter(Boolean)
    .join('\n    ');
  const stat = (value: string, label: string) =>
    `<div class="stat"><b>${escapeHtml(value)}</b><span>${escapeHtml(label)}</span></div>`;
  const posts = kit.topPosts
    .map(
      (p) =>
        `<li class="card"><p>${escapeHtml(p.caption.length > 140 ? `${p.caption.slice(0, 139)}…` : p.caption)}</p><small>${compact.format(p.views)} views · ${compact.format(p.likes)} likes · ${compact.format(p.comments)} comments · ${compact.format(p.shares)} shares</small></li>`,
    )
    .join('');
  const brands = kit.sparkAds.brands
    .map(
      (b) =>
        `<li>${escapeHtml(b.name)} <small>since ${new Date(b.since).toISOString().slice(0, 7)}</small></li>`,
    )
    .join('');
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>${escapeHtml(title)}</title>
    ${meta}
    <style>
      :root { color-scheme: light dark; --accent: #ff5a36; --muted: #6b7280; }
      * { box-sizing: border-box; }
      body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; background: Canvas; color: CanvasText; }
      main { max-width: 760px; margin: 0 auto; padding: 32px 20px 64px; }
      header { display: flex; gap: 16px; align-items: center; }
      header img { width: 72px; height: 72px; border-radius: 50%; object-fit: cover; }
      h1 { margin: 0; font-size: 1.6rem; } h2 { margin: 32px 0 12px; font-size: 1.1rem; } h3 { margin: 0 0 8px; font-size: .95rem; }
      .muted, small, .stat span { color: var(--muted); }
      .stats { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 12px; margin-top: 24px; }
      .stat, .card { border: 1px solid color-mix(in srgb, CanvasText 12%, transparent); border-radius: 12px; padding: 14px 16px; }
      .stat b { display: block; font-size: 1.5rem; color: var(--accent); }
      .grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(220px, 1fr)); gap: 12px; }
      ul { list-style: none; margin: 0; padding: 0; } .posts { display: grid; gap: 12px; } .posts p { margin: 0 0 6px; }
      .bars li { display: grid; grid-template-columns: 70px 1fr 52px; gap: 8px; align-items: center; font-size: .9rem; }
      .bar { height: 8px; background: color-mix(in srgb, CanvasText 8%, transparent); border-radius: 4px; overflow: hidden; }
      .bar i { display: block; height: 100%; background: var(--accent); }
      footer { margin-top: 40px; font-size: .8rem; color: var(--muted); }
    </style>
  </head>
  <body>
    <main>
      <header>
        ${avatar ? `<img src="${escapeHtml(avatar)}" alt="">` : ''}
        <div><h1>${escapeHtml(kit.displayName)}</h1><div class="muted">@${escapeHtml(kit.handle)}${kit.region ? ` · ${escapeHtml(kit.region)}` : ''}</div>
        ${kit.headline ? `<p>${escapeHtml(kit.headline)}</p>` : ''}</div>
      </header>
      <div class="stats">
        ${stat(compact.format(kit.followers), 'followers')}
        ${stat(compact.format(kit.averageViews), `average views (last ${kit.postsCounted} posts)`)}
        ${stat(kit.engagementRate ? `${kit.engagementRate}%` : '–', 'engagement rate')}
        ${stat(compact.format(kit.sparkAds.extraReach), 'extra reach from Spark ads')}
      </div>
      ${kit.audience.followers || kit.audience.viewers ? '<h2>Audience</h2><div class="grid">' : ''}
      ${kit.audience.followers ? audienceBlock('Followers', kit.audience.followers) : ''}
      ${kit.audience.viewers ? audienceBlock('Viewers', kit.audience.viewers) : ''}
      ${kit.audience.followers || kit.audience.viewers ? '</div>' : ''}
      ${posts ? `<h2>Top posts</h2><ul class="posts">${posts}</ul>` : ''}
      ${brands ? `<h2>Brands worked with</h2><ul>${brands}</ul>` : ''}
      <footer>Live data, updated ${escapeHtml(toRfc3339(kit.generatedAt))} · Kindling media kit</footer>
    </main>
  </body>
</html>
`;
}

export function renderNotFoundPage(): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>Media kit not found</title></head>
<body style="font: 16px/1.5 system-ui, sans-serif; max-width: 560px; margin: 64px auto; padding: 0 20px">
<h1>No media kit here</h1><p>This creator has not published a media kit, or the link is wrong.</p></body></html>
`;
}
