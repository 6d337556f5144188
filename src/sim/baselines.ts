import type { EngineDeps, PacingPolicy } from '../delivery/engine.js';
import { newPacingState, UPDATE_INTERVAL_MS } from '../delivery/pacing.js';
import type { PacingMode } from '../domain/enums.js';

/**
 * The runs of one simulation, on the same traffic: the scenario as configured, then baselines that
 * differ in one thing only: every ad group fast, every ad group smooth (Kindling's controller),
 * plain probabilistic throttling (LinkedIn KDD'14: the pass rate moves ±10 % a minute depending
 * on whether spend is under or over the traffic-proportional allocation), and random choice among
 * the eligible ads instead of the auction.
 */
export type VariantName = 'configured' | 'fast' | 'smooth' | 'throttling' | 'random';

export interface Variant {
  name: VariantName;
  label: string;
  /** Pacing mode forced on every ad group (null: as in the scenario). */
  pacing: PacingMode | null;
  engine: Pick<EngineDeps, 'pacingPolicy' | 'selection'>;
}

/** LinkedIn's constants: start at 10 %, ±10 % per minute; a floor lets a throttled group recover. */
const THROTTLE_START = 0.1;
const THROTTLE_STEP = 0.1;
const THROTTLE_FLOOR = 0.001;

/** Plain probabilistic throttling: no model of what a pass rate buys, only ±10 % steps. */
export const throttlingPolicy: PacingPolicy = (state, input) => {
  const { now, spent, budget } = input;
  if (!state || state.day !== input.day) {
    return { ...newPacingState(input.day, now, spent, null), passRate: THROTTLE_START };
  }
  if (spent >= budget) return { ...state, passRate: 0, lastUpdateAt: now, spendAtLastUpdate: spent };
  if (now - state.lastUpdateAt < UPDATE_INTERVAL_MS) return state;
  const allocation = budget * input.trafficShare(now);
  const passRate =
    spent <= allocation
      ? Math.min(1, Math.max(THROTTLE_FLOOR, state.passRate) * (1 + THROTTLE_STEP))
      : Math.max(THROTTLE_FLOOR, state.passRate * (1 - THROTTLE_STEP));
  return { ...state, passRate, lastUpdateAt: now, spendAtLastUpdate: spent };
};

export const VARIANTS: Record<VariantName, Variant> = {
  configured: { name: 'configured', label: 'as configured (auction)', pacing: null, engine: {} },
  fast: { name: 'fast', label: 'all PACING_MODE_FAST', pacing: 'PACING_MODE_FAST', engine: {} },
  smooth: { name: 'smooth', label: 'all PACING_MODE_SMOOTH', pacing: 'PACING_MODE_SMOOTH', engine: {} },
  throttling: {
    name: 'throttling',
    label: 'all plain throttling (±10 %/min)',
    pacing: 'PACING_MODE_SMOOTH',
    engine: { pacingPolicy: throttlingPolicy },
  },
  random: {
    name: 'random',
    label: 'random choice among eligible ads',
    pacing: null,
    engine: { selection: 'random' },
  },
};

export const ALL_VARIANTS: VariantName[] = ['configured', 'fast', 'smooth', 'throttling', 'random'];
