/**
 * A value as its set of single bits, by name, in bit order (`GFP_KERNEL` → `__GFP_IO`,
 * `__GFP_FS`, `__GFP_DIRECT_RECLAIM`, `__GFP_KSWAPD_RECLAIM`), for explanations and fix hints
 * where ftrace's greedy composite names would hide which bit matters.
 */
import { gfpTable } from "./default-table.js";
import { gfpHas, gfpWithout, type Gfp } from "./gfp.js";
import type { GfpTable } from "./table.js";

export interface GfpBitSet {
  /** Names of the set bits the table knows, lowest bit first. */
  readonly names: readonly string[];
  /** Set bits no name covers (bit 9 since v6.3, bits 28..31); 0 when none. */
  readonly unnamed: Gfp;
}

export function gfpBitNames(gfp: Gfp, table: GfpTable = gfpTable()): GfpBitSet {
  const named = [...table.bits].filter(([, value]) => gfpHas(gfp, value)).sort(([, a], [, b]) => a - b);
  let unnamed = gfp;
  for (const [, value] of named) unnamed = gfpWithout(unnamed, value);
  return { names: named.map(([name]) => name), unnamed };
}
