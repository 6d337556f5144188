/**
 * Dayparting as the API spells it: 336 characters of 0/1, 7 days × 48 half hours, Monday 00:00
 * first, in the ad account's time zone. All on (or all off) means "always".
 */
export const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;
export const SLOTS_PER_DAY = 48;
export const CELLS = DAYS.length * SLOTS_PER_DAY;

export const ALWAYS = '1'.repeat(CELLS);

export function cellIndex(day: number, slot: number): number {
  return day * SLOTS_PER_DAY + slot;
}

export function slotLabel(slot: number): string {
  const h = Math.floor(slot / 2);
  const m = slot % 2 === 0 ? '00' : '30';
  return `${String(h).padStart(2, '0')}:${m}`;
}

/** A grid where `on(day, slot)` decides each cell. */
export function build(on: (day: number, slot: number) => boolean): string {
  let out = '';
  for (let day = 0; day < DAYS.length; day++)
    for (let slot = 0; slot < SLOTS_PER_DAY; slot++) out += on(day, slot) ? '1' : '0';
  return out;
}

export const PRESETS: { id: string; label: string; grid: string }[] = [
  { id: 'always', label: 'All the time', grid: ALWAYS },
  { id: 'daytime', label: 'Daytime 8–22', grid: build((_d, s) => s >= 16 && s < 44) },
  { id: 'evenings', label: 'Evenings 18–24', grid: build((_d, s) => s >= 36) },
  { id: 'business', label: 'Weekdays 9–18', grid: build((d, s) => d < 5 && s >= 18 && s < 36) },
  { id: 'weekends', label: 'Weekends', grid: build((d) => d >= 5) },
];

export function isAlways(grid: string): boolean {
  return !grid.includes('0') || !grid.includes('1');
}

/** What the API expects: null for "always". */
export function toApi(grid: string): string | null {
  return isAlways(grid) ? null : grid;
}

export function fromApi(value: string | null | undefined): string {
  return value && value.length === CELLS ? value : ALWAYS;
}

/** "Runs 98 of 168 hours a week" or "Runs all the time". */
export function summary(grid: string): string {
  if (isAlways(grid)) return 'Runs all the time';
  const on = [...grid].filter((c) => c === '1').length / 2;
  const preset = PRESETS.find((p) => p.grid === grid);
  return `${preset ? `${preset.label}: ` : ''}runs ${on % 1 === 0 ? on : on.toFixed(1)} of 168 hours a week`;
}
