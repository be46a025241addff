/**
 * lockdep's own reclaim annotation, kept apart from reclaim levels because it is what a real
 * lockdep kernel records (and what its selftests and splats show).
 *
 * mm/page_alloc.c (v5.10+, "mm: track mmu notifiers in fs_reclaim_acquire/release"; read at
 * ≈v6.3–6.6; kernel-facts §3.2):
 *   g := current_gfp_context(gfp)
 *   need := g has __GFP_DIRECT_RECLAIM and not PF_MEMALLOC and not g has __GFP_NOLOCKDEP
 *   if need: if g has __GFP_FS, acquire `fs_reclaim`;
 *            with CONFIG_MMU_NOTIFIER, acquire+release `mmu_notifier_invalidate_range_start`.
 * v4.14..v5.9 (`__need_fs_reclaim`) also required __GFP_FS for `need` and had no notifier part.
 */
import { currentGfpContext } from "./context.js";
import { gfpTable } from "./default-table.js";
import { gfpflagsAllowBlocking } from "./allow-blocking.js";
import { gfpHas, type Gfp } from "./gfp.js";
import type { GfpTable } from "./table.js";
import { hasTaskFlag, type TaskFlags } from "./task-flags.js";

/** lockdep map names as reports print them (mm/page_alloc.c, mm/mmu_notifier.c). */
export const FS_RECLAIM_MAP = "fs_reclaim";
export const MMU_NOTIFIER_MAP = "mmu_notifier_invalidate_range_start";

export const LOCKDEP_RECLAIM_ERAS = {
  "v5.10+": { touchesNotifierMap: true },
  "v4.14..v5.9": { touchesNotifierMap: false },
} as const;
export type LockdepReclaimEra = keyof typeof LOCKDEP_RECLAIM_ERAS;

export interface LockdepReclaimOptions {
  readonly era?: LockdepReclaimEra;
  /** CONFIG_MMU_NOTIFIER (default on, as on every distribution kernel). */
  readonly mmuNotifier?: boolean;
}

/** What `fs_reclaim_acquire(gfp)` does to lockdep's maps. */
export interface LockdepReclaimTouch {
  /** Acquires `fs_reclaim` (exclusive, not a trylock); `fs_reclaim_release` releases it. */
  readonly fsReclaim: boolean;
  /** Acquires and at once releases `mmu_notifier_invalidate_range_start`. */
  readonly mmuNotifierMap: boolean;
}

export function lockdepFsReclaim(
  gfp: Gfp,
  flags: TaskFlags,
  options: LockdepReclaimOptions = {},
  table: GfpTable = gfpTable(),
): LockdepReclaimTouch {
  const { __GFP_DIRECT_RECLAIM, __GFP_FS, __GFP_NOLOCKDEP } = table.known;
  const g = currentGfpContext(gfp, flags, table);
  const need =
    gfpHas(g, __GFP_DIRECT_RECLAIM) && !hasTaskFlag(flags, "PF_MEMALLOC") && !gfpHas(g, __GFP_NOLOCKDEP);
  const notifier = LOCKDEP_RECLAIM_ERAS[options.era ?? "v5.10+"].touchesNotifierMap && (options.mmuNotifier ?? true);
  return { fsReclaim: need && gfpHas(g, __GFP_FS), mmuNotifierMap: need && notifier };
}

/** `might_alloc(gfp)` (include/linux/sched/mm.h): the annotation above, then a sleep check on the raw gfp. */
export interface MightAlloc extends LockdepReclaimTouch {
  readonly mightSleep: boolean;
}

export function mightAlloc(
  gfp: Gfp,
  flags: TaskFlags,
  options: LockdepReclaimOptions = {},
  table: GfpTable = gfpTable(),
): MightAlloc {
  return { ...lockdepFsReclaim(gfp, flags, options, table), mightSleep: gfpflagsAllowBlocking(gfp, table) };
}
