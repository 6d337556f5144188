import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REGISTERS, ReachSketch, SPARSE_LIMIT, STANDARD_ERROR, unionOf, viewerHash } from './hyperloglog.js';

function sketchOf(ids: Iterable<string>): ReachSketch {
  const s = new ReachSketch();
  for (const id of ids) s.addViewer(id);
  return s;
}

const range = (from: number, to: number, prefix = 'v') =>
  Array.from({ length: to - from }, (_, i) => `${prefix}${from + i}`);

describe('ReachSketch', () => {
  it('counts small audiences exactly, duplicates once', () => {
    const s = sketchOf([...range(0, 700), ...range(0, 700), ...range(300, 900)]);
    expect(s.isExact).toBe(true);
    expect(s.estimate()).toBe(900);
    expect(new ReachSketch().estimate()).toBe(0);
  });

  it('switches to registers past the sparse limit and stays accurate there', () => {
    const s = sketchOf(range(0, SPARSE_LIMIT + 1));
    expect(s.isExact).toBe(false);
    expect(Math.abs(s.estimate() - (SPARSE_LIMIT + 1))).toBeLessThan(0.03 * SPARSE_LIMIT);
    expect(s.serialize()).toHaveLength(2 + REGISTERS);
  });

  it('estimates 1,000,000 viewers within 2 % (standard error 0.81 %)', () => {
    expect(STANDARD_ERROR).toBeCloseTo(0.0081, 4);
    const s = new ReachSketch();
    for (let i = 0; i < 1_000_000; i++) s.addViewer(`viewer-${i}`);
    const error = Math.abs(s.estimate() - 1_000_000) / 1_000_000;
    expect(error).toBeLessThan(0.02);
  }, 60_000);

  it('merging daily sketches equals one sketch of everyone (a union, not a sum)', () => {
    const days = [range(0, 40_000), range(20_000, 60_000), range(50_000, 90_000)];
    const merged = unionOf(days.map((d) => sketchOf(d)));
    const whole = sketchOf(days.flat());
    expect(merged.serialize()).toEqual(whole.serialize());
    const estimate = merged.estimate();
    expect(Math.abs(estimate - 90_000) / 90_000).toBeLessThan(0.03);
    expect(estimate).toBeLessThan(days.reduce((n, d) => n + d.length, 0) * 0.8);
  });

  it('serializes canonically and round-trips (sparse and dense)', () => {
    for (const n of [0, 5, SPARSE_LIMIT, 5000]) {
      const ids = range(0, n);
      const forward = sketchOf(ids);
      const backward = sketchOf([...ids].reverse());
      expect(forward.serialize()).toEqual(backward.serialize());
      const copy = ReachSketch.deserialize(forward.serialize());
      expect(copy.estimate()).toBe(forward.estimate());
      expect(copy.serialize()).toEqual(forward.serialize());
    }
    expect(() => ReachSketch.deserialize(new Uint8Array([9, 14]))).toThrow();
    // Database drivers hand back Node Buffers, often views into a shared pool (unaligned offsets).
    const small = sketchOf(range(0, 3));
    const pooled = Buffer.from(small.serialize());
    expect(pooled.byteOffset % 8 !== 0 || pooled.buffer.byteLength !== pooled.length).toBe(true);
    expect(ReachSketch.deserialize(pooled).estimate()).toBe(3);
  });

  it('state depends only on the set of viewers, whatever the merge order (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: 0, max: 3000 }), { maxLength: 900 }), {
          minLength: 1,
          maxLength: 4,
        }),
        (parts) => {
          const sketches = parts.map((p) => sketchOf(p.map((i) => `u${i}`)));
          const all = new Set(parts.flat());
          const expected = sketchOf([...all].map((i) => `u${i}`)).serialize();
          expect(unionOf(sketches).serialize()).toEqual(expected);
          expect(unionOf([...sketches].reverse()).serialize()).toEqual(expected);
          if (all.size <= SPARSE_LIMIT) expect(unionOf(sketches).estimate()).toBe(all.size);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('hashes viewers stably (sketches stored today merge with sketches stored next year)', () => {
    expect(viewerHash('viewer-1').toString(16)).toBe(viewerHash('viewer-1').toString(16));
    expect(viewerHash('viewer-1')).not.toBe(viewerHash('viewer-2'));
    // xxHash64 of "abc" with seed 0 (the reference value): stored sketches depend on it.
    expect(viewerHash('abc')).toBe(0x44bc2cf5ad770999n);
  });
});
