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
  /**
   * Slot i holds the key halves at [2i] and [2i+1]: one cache line per probe. An empty slot is 0,0.
   * Kept up to 80 % full: a warm engine probes it on nearly every acquisition, each probe a likely
   * cache miss, so a table half the size (fewer misses) is worth the longer probe runs of the
   * rare insertions; a hit still finds its key within a line or two.
   */
  private slots = new Uint32Array(1 << 13);
  private size = 0;

  get count(): number {
    return this.size;
  }

  /** Adds the key; returns true when it was not there (the chain must be validated). */
  add(lo: number, hi: number): boolean {
    // 0,0 marks an empty slot; a real key of 0,0 is stored as 0,1 (a collision lockdep would also accept).
    if (lo === 0 && hi === 0) hi = 1;
    const slots = this.slots;
    const mask = (slots.length >>> 1) - 1;
    let i = (lo ^ Math.imul(hi, 0x9e3779b1)) & mask;
    for (;;) {
      const a = slots[2 * i]!;
      const b = slots[2 * i + 1]!;
      if (a === lo && b === hi) return false;
      if (a === 0 && b === 0) break;
      i = (i + 1) & mask;
    }
    slots[2 * i] = lo;
    slots[2 * i + 1] = hi;
    if (++this.size * 5 > (slots.length >>> 1) * 4) this.rehash();
    return true;
  }

  private rehash(): void {
    const old = this.slots;
    this.slots = new Uint32Array(old.length * 2);
    this.size = 0;
    for (let i = 0; i < old.length; i += 2) if (old[i] !== 0 || old[i + 1] !== 0) this.add(old[i]!, old[i + 1]!);
  }
}
