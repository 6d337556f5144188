#!/usr/bin/env node
// Writes the demo posters (web/public/demo/media/<post_id>.svg, 9:16) and creator avatars
// (web/public/demo/avatars/<creator_id>.svg) that src/seed/demo.ts points to. Icons are Lucide's
// (ISC licence), read from lucide-react so the artwork matches the app's icons.
// Run: node web/scripts/generate-demo-media.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '..', 'public', 'demo');

/** One poster per demo post: two gradient stops, a title in two lines, a tag and an icon. */
const POSTS = [
  ['ana-legday', ['#FF512F', '#DD2476'], ['LEG DAY', 'in 60 seconds'], '#legday', 'flame'],
  ['ana-run5k', ['#0F9B8E', '#2B5876'], ['SUB-25 5K', '3 drills that work'], '#running', 'timer'],
  ['ana-stretch', ['#F7971E', '#E94E77'], ['MORNING', 'STRETCH'], '#yoga', 'sunrise'],
  ['ana-shoes', ['#4776E6', '#8E54E9'], ['MY RUNNING', 'SHOES'], '#sneakers', 'footprints'],
  ['ana-vlog', ['#654EA3', '#DA4453'], ['SUNDAY', 'VLOG'], '#mealprep', 'video'],
  ['ana-plank', ['#E53935', '#7B1FA2'], ['PLANK', 'DAY 30'], '#challenge', 'activity'],
  ['leo-crepes', ['#F2994A', '#C0392B'], ['CRÊPES', 'that never tear'], '#frenchfood', 'chef-hat'],
  ['leo-espresso', ['#6F4E37', '#2C1810'], ['ESPRESSO', 'under €100'], '#coffee', 'coffee'],
  ['leo-pasta', ['#E44D26', '#F16529'], ['ONE-PAN', 'PASTA'], '#quickrecipes', 'cooking-pot'],
  ['leo-knife', ['#373B44', '#4286F4'], ['KNIFE', 'SKILLS 101'], '#knifeskills', 'utensils-crossed'],
  ['leo-bread', ['#D4A373', '#8C5A2B'], ['NO-KNEAD', 'BREAD'], '#baking', 'wheat'],
  ['mia-spf', ['#FF9966', '#FF5E62'], ['SPF', 'EVERY DAY'], '#skincare', 'sun'],
  ['mia-routine', ['#11998E', '#38B2AC'], ['5-MINUTE', 'ROUTINE'], '#routine', 'droplets'],
  ['mia-makeup', ['#C471F5', '#FA71CD'], ['SOFT', 'GLAM'], '#beauty', 'sparkles'],
  ['mia-private', ['#8E9EAB', '#5D6D7E'], ['NEW SERUM', 'draft'], '#skincare', 'droplet'],
];

const CREATORS = [
  ['ana', ['#FF7A45', '#E8452F'], 'A', 'flame'],
  ['leo', ['#F2B134', '#C8621E'], 'L', 'chef-hat'],
  ['mia', ['#FA71CD', '#A855F7'], 'M', 'sparkles'],
];

async function iconNode(name) {
  const module = await import(`lucide-react/icons/${name}`);
  return module.__iconData.node;
}

function renderIcon(node, { x, y, size, stroke, width }) {
  const scale = size / 24;
  const children = node
    .map(([tag, attrs]) => {
      const list = Object.entries(attrs)
        .filter(([key]) => key !== 'key')
        .map(([key, value]) => `${key}="${value}"`)
        .join(' ');
      return `<${tag} ${list}/>`;
    })
    .join('');
  return `<g transform="translate(${x} ${y}) scale(${scale})" fill="none" stroke="${stroke}" stroke-width="${width / scale}" stroke-linecap="round" stroke-linejoin="round">${children}</g>`;
}

const xml = (text) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
const FONT = "Inter, 'Helvetica Neue', Helvetica, Arial, sans-serif";

async function poster([, [from, to], [title, subtitle], tag, icon]) {
  const node = await iconNode(icon);
  // Fits the title in ~390 of 540 px, so a phone's 9:19.5 crop of this 9:16 poster keeps it whole.
  const titleSize = Math.min(84, Math.round(390 / (title.length * 0.8)));
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 540 960" width="540" height="960" role="img" aria-label="${xml(`${title} ${subtitle}`)}">
  <defs>
    <linearGradient id="bg" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="${from}"/>
      <stop offset="1" stop-color="${to}"/>
    </linearGradient>
    <radialGradient id="glow" cx="0.5" cy="0.5" r="0.5">
      <stop offset="0" stop-color="#fff" stop-opacity="0.45"/>
      <stop offset="1" stop-color="#fff" stop-opacity="0"/>
    </radialGradient>
    <linearGradient id="shade" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0.55" stop-color="#000" stop-opacity="0"/>
      <stop offset="1" stop-color="#000" stop-opacity="0.45"/>
    </linearGradient>
  </defs>
  <rect width="540" height="960" fill="url(#bg)"/>
  <circle cx="430" cy="150" r="260" fill="url(#glow)"/>
  <circle cx="60" cy="760" r="220" fill="url(#glow)" opacity="0.6"/>
  <g opacity="0.12" fill="#fff">
    <circle cx="90" cy="120" r="6"/><circle cx="470" cy="520" r="9"/><circle cx="140" cy="560" r="4"/>
    <circle cx="400" cy="80" r="4"/><circle cx="60" cy="330" r="8"/>
  </g>
  <circle cx="270" cy="250" r="112" fill="#fff" fill-opacity="0.16"/>
  <circle cx="270" cy="250" r="112" fill="none" stroke="#fff" stroke-opacity="0.35" stroke-width="2"/>
  ${renderIcon(node, { x: 210, y: 190, size: 120, stroke: '#fff', width: 7 })}
  <text x="270" y="470" text-anchor="middle" font-family="${FONT}" font-weight="900" font-size="${titleSize}" letter-spacing="-2" fill="#fff">${xml(title)}</text>
  <text x="270" y="540" text-anchor="middle" font-family="${FONT}" font-weight="700" font-size="44" fill="#fff" fill-opacity="0.92">${xml(subtitle)}</text>
  <rect x="${270 - (tag.length * 13 + 36) / 2}" y="585" width="${tag.length * 13 + 36}" height="48" rx="24" fill="#000" fill-opacity="0.22"/>
  <text x="270" y="617" text-anchor="middle" font-family="${FONT}" font-weight="600" font-size="24" fill="#fff">${xml(tag)}</text>
  <rect width="540" height="960" fill="url(#shade)"/>
</svg>
`;
}

async function avatar([id, [from, to], letter, icon]) {
  const node = await iconNode(icon);
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 256 256" width="256" height="256" role="img" aria-label="${id}">
  <defs>
    <linearGradient id="bg" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="${from}"/>
      <stop offset="1" stop-color="${to}"/>
    </linearGradient>
  </defs>
  <rect width="256" height="256" rx="128" fill="url(#bg)"/>
  <text x="128" y="166" text-anchor="middle" font-family="${FONT}" font-weight="800" font-size="118" fill="#fff">${letter}</text>
  <circle cx="196" cy="196" r="40" fill="#fff"/>
  ${renderIcon(node, { x: 174, y: 174, size: 44, stroke: to, width: 2.6 })}
</svg>
`;
}

mkdirSync(join(out, 'media'), { recursive: true });
mkdirSync(join(out, 'avatars'), { recursive: true });
for (const post of POSTS) writeFileSync(join(out, 'media', `${post[0]}.svg`), await poster(post));
for (const creator of CREATORS)
  writeFileSync(join(out, 'avatars', `${creator[0]}.svg`), await avatar(creator));
process.stdout.write(`wrote ${POSTS.length} posters and ${CREATORS.length} avatars to ${out}\n`);
