import type { Micros } from '../domain/money.js';
import type { RandomSource } from '../domain/random.js';
import { MS_PER_DAY } from '../domain/time.js';
import { budgetLines } from './budget-lines.js';
import type { PacingPolicy } from './engine-types.js';
import type { FilterCode } from './explain.js';
import type { ViewerHistory } from './frequency.js';
import type { BudgetLedger, BudgetLine } from './ledger.js';
import { type TrafficCurve, UPDATE_INTERVAL_MS, updatePacing } from './pacing.js';
import type { GroupRecord } from './records.js';
import type { ZoneCache, ZoneNow } from './zone-cache.js';

/**
 * The per-group filters of a decision that depend on time, budget, pacing and the viewer:
 * schedule, dayparting, budget headroom, frequency cap and the smooth-pacing coin, with the pacing
 * controller kept up to date and the budget lines cached per group and local date.
 */
export interface FilterScope {
  now: number;
  history: ViewerHistory;
  random: RandomSource;
}

interface CachedLines {
  date: string;
  groupMode: string;
  groupBudget: Micros;
  campaignMode: string;
  campaignBudget: Micros | null;
  lines: BudgetLine[];
}

/** Receives the windows in which a smooth group's pass rate stays current (see `earlyCoin`). */
export interface PacingWindowListener {
  opened(group: GroupRecord, passRate: number, from: number, until: number): void;
  /** The group's pacing state was replaced: its window (if any) no longer holds. */
  closed(group: GroupRecord): void;
}

export class GroupFilters {
  /** Budget lines per group and local date (building them allocated 4 objects and 4 strings per group per decision). */
  private readonly linesCache = new WeakMap<GroupRecord, CachedLines>();

  constructor(
    private readonly ledger: BudgetLedger,
    private readonly zones: ZoneCache,
    private readonly traffic: TrafficCurve,
    private readonly pacingPolicy: PacingPolicy | null,
    /** Told the window [from, until) in which a smooth group's early coin is exact at `passRate`, and when it ends early. */
    private readonly window: PacingWindowListener | null = null,
  ) {}

  /** The group's budget lines on a local date (cached; callers must not modify them). */
  budgetLines(group: GroupRecord, date: string): BudgetLine[] {
    const g = group.adGroup;
    const c = group.campaign;
    const cached = this.linesCache.get(group);
    if (
      cached &&
      cached.date === date &&
      cached.groupMode === g.budgetMode &&
      cached.groupBudget === g.budgetMicros &&
      cached.campaignMode === c.budgetMode &&
      cached.campaignBudget === c.budgetMicros
    )
      return cached.lines;
    const lines = budgetLines(g, c, date);
    this.linesCache.set(group, {
      date,
      groupMode: g.budgetMode,
      groupBudget: g.budgetMicros,
      campaignMode: c.budgetMode,
      campaignBudget: c.budgetMicros,
      lines,
    });
    return lines;
  }

  /** Today's budget for pacing: the daily budget, or the lifetime remainder spread over the days left. */
  private todaysBudget(group: GroupRecord, zone: ZoneNow, lines: BudgetLine[]): Micros {
    const g = group.adGroup;
    if (g.budgetMode === 'BUDGET_MODE_DAY') return g.budgetMicros;
    const committedToday = this.ledger.committed((lines[0] as BudgetLine).key);
    const beforeToday = this.ledger.committed((lines[1] as BudgetLine).key) - committedToday;
    const end = g.scheduleEndAt ?? zone.dayEnd;
    const daysLeft = Math.max(1, Math.ceil((end - zone.dayStart) / MS_PER_DAY));
    return Math.max(0, Math.floor((g.budgetMicros - beforeToday) / daysLeft));
  }

  /** Brings the group's pacing state up to date; the unchanged cases return without allocating. */
  private pace(group: GroupRecord, zone: ZoneNow, lines: BudgetLine[], now: number): void {
    const g = group.adGroup;
    const budget = this.todaysBudget(group, zone, lines);
    const spent = this.ledger.committed((lines[0] as BudgetLine).key);
    const state = group.pacing;
    // The early returns of updatePacing, without building its input (a closure per group per decision).
    if (!this.pacingPolicy && state && state.day === zone.date) {
      if (g.pacing === 'PACING_MODE_FAST') {
        const rate = spent < budget ? 1 : 0;
        if (state.passRate !== rate) group.pacing = { ...state, passRate: rate };
        return;
      }
      if (now - state.lastUpdateAt < UPDATE_INTERVAL_MS && spent < budget) return;
    }
    this.window?.closed(group);
    // A dayparted group plans its day over its active half hours only.
    const dayFirstCell = zone.cell - (zone.cell % 48);
    const cells = g.dayparting === null ? undefined : g.dayparting.slice(dayFirstCell, dayFirstCell + 48);
    group.pacing = (this.pacingPolicy ?? updatePacing)(state, {
      mode: g.pacing,
      now,
      day: zone.date,
      budget,
      spent,
      trafficShare: (t) => this.traffic.shareOfDay(zone.dayStart, zone.dayEnd, t, cells),
    });
  }

  /** The filters that draw nothing and change nothing: schedule, dayparting, budget, frequency. */
  staticFilter(group: GroupRecord, scope: FilterScope): FilterCode | null {
    const g = group.adGroup;
    const now = scope.now;
    if (now < g.scheduleStartAt) return 'SCHEDULE_NOT_STARTED';
    if (g.scheduleEndAt !== null && now >= g.scheduleEndAt) return 'SCHEDULE_ENDED';
    const zone = this.zones.get(group.account.timeZone, now);
    if (g.dayparting !== null && g.dayparting.charCodeAt(zone.cell) !== 49) return 'OUTSIDE_DAYPARTING';
    if (this.ledger.headroom(this.budgetLines(group, zone.date)) <= 0) return 'BUDGET_EXHAUSTED';
    if (g.frequency !== null && g.frequencySchedule !== null) {
      if (scope.history.adGroupCount(g.id, now - g.frequencySchedule * MS_PER_DAY) >= g.frequency)
        return 'FREQUENCY_CAPPED';
    }
    return null;
  }

  /**
   * The pacing coin, drawn before anything else when the smooth group's pacing state is current:
   * then the controller can only keep its pass rate or drop it to 0 (budget spent), so rejecting
   * on `coin ≥ passRate` now is exact, and a throttled group costs a few reads instead of the
   * budget and frequency lookups. Null when the coin must wait for the controller.
   */
  earlyCoin(group: GroupRecord, scope: FilterScope): number | null {
    const state = group.pacing;
    if (this.pacingPolicy || !state || group.adGroup.pacing !== 'PACING_MODE_SMOOTH') return null;
    if (scope.now - state.lastUpdateAt >= UPDATE_INTERVAL_MS) return null;
    const zone = this.zones.get(group.account.timeZone, scope.now);
    if (state.day !== zone.date) return null;
    // Exact until the next update or the end of the local day, unless the state is replaced first.
    this.window?.opened(
      group,
      state.passRate,
      zone.dayStart,
      Math.min(state.lastUpdateAt + UPDATE_INTERVAL_MS, zone.dayEnd),
    );
    return scope.random.float();
  }

  /**
   * Filters that depend on time, budget, pacing and the viewer; returns null when the group may
   * take part, else why not. One pacing coin per smooth group (`coin`, or drawn here).
   */
  groupFilter(group: GroupRecord, scope: FilterScope, coin: number | null): FilterCode | null {
    const code = this.staticFilter(group, scope);
    if (code) return code;
    const zone = this.zones.get(group.account.timeZone, scope.now);
    this.pace(group, zone, this.budgetLines(group, zone.date), scope.now);
    if (group.adGroup.pacing !== 'PACING_MODE_SMOOTH') return null;
    return (coin ?? scope.random.float()) >= (group.pacing?.passRate ?? 0) ? 'PACING_THROTTLED' : null;
  }
}
