/**
 * Fixed-capacity bitsets over Uint32Array words, with in-place operations that allocate nothing:
 * the targeting index answers a decision with a handful of word-wise ANDs and ORs.
 */
export class Bitset {
  words: Uint32Array;

  constructor(capacityBits = 1024) {
    this.words = new Uint32Array(Math.max(1, Math.ceil(capacityBits / 32)));
  }

  get capacity(): number {
    return this.words.length * 32;
  }

  /**
   * Grows (never shrinks) to hold at least `bits` bits, by a quarter at least: still amortized
   * O(1) per bit, without the up to 2× slack of doubling (the index holds hundreds of bitsets).
   */
  ensure(bits: number): void {
    const needed = Math.ceil(bits / 32);
    if (needed <= this.words.length) return;
    const next = new Uint32Array(Math.max(needed, Math.ceil(this.words.length * 1.25)));
    next.set(this.words);
    this.words = next;
  }

  set(bit: number): void {
    this.ensure(bit + 1);
    (this.words as Uint32Array)[bit >>> 5] = ((this.words[bit >>> 5] as number) | (1 << (bit & 31))) >>> 0;
  }

  clear(bit: number): void {
    if (bit >>> 5 >= this.words.length) return;
    this.words[bit >>> 5] = ((this.words[bit >>> 5] as number) & ~(1 << (bit & 31))) >>> 0;
  }

  has(bit: number): boolean {
    const word = this.words[bit >>> 5];
    return word !== undefined && (word & (1 << (bit & 31))) !== 0;
  }

  /** this = other (resizing this if needed). */
  copyFrom(other: Bitset): void {
    this.ensure(other.capacity);
    this.words.set(other.words);
    this.words.fill(0, other.words.length);
  }

  fillZero(): void {
    this.words.fill(0);
  }

  /** this |= other */
  or(other: Bitset): void {
    this.ensure(other.capacity);
    const a = this.words;
    const b = other.words;
    for (let i = 0; i < b.length; i++) a[i] = ((a[i] as number) | (b[i] as number)) >>> 0;
  }

  /** this &= other */
  and(other: Bitset): void {
    const a = this.words;
    const b = other.words;
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) a[i] = ((a[i] as number) & (b[i] as number)) >>> 0;
    a.fill(0, n);
  }

  /** this &= ~other */
  andNot(other: Bitset): void {
    const a = this.words;
    const b = other.words;
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) a[i] = ((a[i] as number) & ~(b[i] as number)) >>> 0;
  }

  isEmpty(): boolean {
    for (const w of this.words) if (w !== 0) return false;
    return true;
  }

  count(): number {
    let n = 0;
    for (let w of this.words) {
      while (w !== 0) {
        w &= w - 1;
        n++;
      }
    }
    return n;
  }

  /** Calls `visit` with every set bit in increasing order. */
  forEach(visit: (bit: number) => void): void {
    const words = this.words;
    for (let i = 0; i < words.length; i++) {
      let w = words[i] as number;
      while (w !== 0) {
        const t = w & -w;
        visit(i * 32 + (31 - Math.clz32(t)));
        w = (w ^ t) >>> 0;
      }
    }
  }
}
