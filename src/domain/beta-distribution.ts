import { beta, type RandomSource } from './random.js';

/**
 * The Beta distribution's tail and quantiles, for exact Thompson sampling split at a quantile:
 * with q the (1 − ε) quantile, a draw is from the body (X ≤ q) with probability 1 − ε and from the
 * tail (X > q) with probability ε, and the mixture is exactly Beta(α, β). The body bounds what an
 * exploring ad can bid, so the auction can skip it unless the tail was drawn.
 *
 * Regularized incomplete beta by Lentz's continued fraction (Numerical Recipes §6.4), log-gamma by
 * the Lanczos approximation (g = 7, 9 terms; relative error < 1e-13 for positive arguments).
 */
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const z = x - 1;
  let sum = LANCZOS[0] as number;
  for (let i = 1; i < 9; i++) sum += (LANCZOS[i] as number) / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

const TINY = 1e-300;

function continuedFraction(a: number, b: number, x: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 1000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return h;
}

function logBetaFunction(a: number, b: number): number {
  return logGamma(a) + logGamma(b) - logGamma(a + b);
}

/** P(X > x) for X ~ Beta(a, b), accurate in the upper tail (no 1 − I cancellation). */
export function betaUpperTail(x: number, a: number, b: number, logB = logBetaFunction(a, b)): number {
  if (x <= 0) return 1;
  if (x >= 1) return 0;
  const logFront = a * Math.log(x) + b * Math.log1p(-x) - logB;
  if (x < (a + 1) / (a + b + 2)) return 1 - (Math.exp(logFront) * continuedFraction(a, b, x)) / a;
  return (Math.exp(logFront) * continuedFraction(b, a, 1 - x)) / b;
}

/**
 * The x with P(X > x) = p for X ~ Beta(a, b) (0 < p < 1): Newton on log P, kept in a bisection
 * bracket; `guess` (e.g. the previous quantile of a slightly different posterior) speeds it up.
 */
export function betaUpperQuantile(p: number, a: number, b: number, guess?: number): number {
  if (p >= 1) return 0;
  if (p <= 0) return 1;
  const logB = logBetaFunction(a, b);
  const target = Math.log(p);
  let lo = 0;
  let hi = 1;
  let x = guess !== undefined && guess > 0 && guess < 1 ? guess : a / (a + b);
  for (let i = 0; i < 200; i++) {
    const tail = betaUpperTail(x, a, b, logB);
    if (tail > p) lo = x;
    else hi = x;
    if (hi - lo <= 1e-15 * Math.max(x, 1e-300)) break;
    // d/dx log P(X > x) = −density / tail
    const slope = -Math.exp((a - 1) * Math.log(x) + (b - 1) * Math.log1p(-x) - logB) / tail;
    let next = x - (Math.log(tail) - target) / slope;
    if (!(next > lo && next < hi) || !Number.isFinite(next)) next = 0.5 * (lo + hi);
    if (Math.abs(next - x) <= 1e-15 * x) {
      x = next;
      break;
    }
    x = next;
  }
  return x;
}

/** Beta(a, b) conditioned on X ≤ q (by rejection: for a small tail, about one draw). */
export function betaBelow(random: RandomSource, a: number, b: number, q: number): number {
  for (;;) {
    const x = beta(random, a, b);
    if (x <= q) return x;
  }
}

/**
 * Beta(a, b) conditioned on X > q, where P(X > q) = tail: by inversion, F(X) uniform on (1 − tail, 1).
 */
export function betaAbove(random: RandomSource, a: number, b: number, tail: number): number {
  const v = 1 - random.float(); // (0, 1]
  return betaUpperQuantile(tail * v, a, b);
}
