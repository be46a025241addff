/**
 * `gfpflags_allow_blocking(gfp)` (include/linux/gfp.h): true iff the mask has
 * __GFP_DIRECT_RECLAIM, nothing else, so GFP_NOFS and GFP_NOIO allow blocking and GFP_ATOMIC /
 * GFP_NOWAIT do not. `might_alloc` uses it on the raw gfp, before any scope (kernel-facts §1.4).
 */
import { gfpTable } from "./default-table.js";
import { gfpHas, type Gfp } from "./gfp.js";
import type { GfpTable } from "./table.js";

export function gfpflagsAllowBlocking(gfp: Gfp, table: GfpTable = gfpTable()): boolean {
  return gfpHas(gfp, table.known.__GFP_DIRECT_RECLAIM);
}
