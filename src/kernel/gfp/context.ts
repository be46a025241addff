/**
 * `current_gfp_context(gfp)` (include/linux/sched/mm.h, same logic since PF_MEMALLOC_PIN, ≈v5.12,
 * read at v6.9+; kernel-facts.md §2.1), with the task flags passed in instead of read from
 * `current`:
 *   NOIO scope clears __GFP_IO and __GFP_FS, else NOFS scope clears __GFP_FS (NOIO wins: it is
 *   the weaker context); independently PIN scope clears __GFP_MOVABLE.
 * __GFP_DIRECT_RECLAIM is never cleared, and PF_MEMALLOC is not looked at here: it acts inside
 * the allocator (§2.4) and in lockdep's `__need_reclaim` (§3.2).
 */
import { gfpTable } from "./default-table.js";
import { gfpOr, gfpWithout, GFP_EMPTY, type Gfp } from "./gfp.js";
import type { GfpTable } from "./table.js";
import { hasTaskFlag, type TaskFlags } from "./task-flags.js";

export function currentGfpContext(gfp: Gfp, flags: TaskFlags, table: GfpTable = gfpTable()): Gfp {
  const { __GFP_IO, __GFP_FS, __GFP_MOVABLE } = table.known;
  let cleared = GFP_EMPTY;
  if (hasTaskFlag(flags, "PF_MEMALLOC_NOIO")) cleared = gfpOr(__GFP_IO, __GFP_FS);
  else if (hasTaskFlag(flags, "PF_MEMALLOC_NOFS")) cleared = __GFP_FS;
  if (hasTaskFlag(flags, "PF_MEMALLOC_PIN")) cleared = gfpOr(cleared, __GFP_MOVABLE);
  return gfpWithout(gfp, cleared);
}
