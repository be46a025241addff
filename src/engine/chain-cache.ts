/**
 * lockdep's chain cache: every held-lock chain (the held entries of one irq-context segment plus
 * the new lock) is validated once; afterwards it costs one hash lookup. Keys are 64 bits kept as
 * two independent 32-bit hashes, in an open-addressing table of typed arrays (no per-entry
 * objects, so a warm cache allocates nothing).
 */
export const CHAIN_SEED_LO = 0x811c9dc5;
export const CHAIN_SEED_HI = 0x01000193;

/** Extends a chain key by one held entry (lockdep's iterate_chain_key). */
export function chainStepLo(key: number, entry: number): number {
  let h = Math.imul(key ^ entry, 0x9e3779b1);
  h ^= h >>> 15;
  return Math.imul(h, 0x85ebca77) >>> 0;
}
export function chainStepHi(key: number, entry: number): number {
  let h = Math.imul((key + 0x7f4a7c15) ^ Math.imul(entry, 0xc2b2ae3d), 0x27d4eb2f);
  h ^= h >>> 13;
  return Math.imul(h, 0x165667b1) >>> 0;
}

export class ChainCache {
  private lo = new Uint32Array(1 << 12);
  private hi = new Uint32Array(1 << 12);
  private used = new Uint8Array(1 << 12);
  private size = 0;

  get count(): number {
    return this.size;
  }

  /** Adds the key; returns true when it was not there (the chain must be validated). */
  add(lo: number, hi: number): boolean {
    const mask = this.used.length - 1;
    let i = (lo ^ Math.imul(hi, 0x9e3779b1)) & mask;
    while (this.used[i] === 1) {
      if (this.lo[i] === lo && this.hi[i] === hi) return false;
      i = (i + 1) & mask;
    }
    this.used[i] = 1;
    this.lo[i] = lo;
    this.hi[i] = hi;
    if (++this.size * 2 > this.used.length) this.rehash();
    return true;
  }

  private rehash(): void {
    const { lo, hi, used } = this;
    this.lo = new Uint32Array(used.length * 2);
    this.hi = new Uint32Array(used.length * 2);
    this.used = new Uint8Array(used.length * 2);
    this.size = 0;
    for (let i = 0; i < used.length; i++) if (used[i] === 1) this.add(lo[i]!, hi[i]!);
  }
}
