/**
 * Reclaim levels (DESIGN.md §4): what direct reclaim may do for an allocation, after scopes.
 * lockdep has one pseudo-lock, `fs_reclaim`, for reclaim that may enter the filesystem; reclaim
 * without __GFP_FS still unmaps folios through rmap and runs shrinkers, so reclaimdep gives the
 * lower levels pseudo-locks of their own. The model's reclaim entry is run once per level with
 * that level's `reclaimGfp`; an allocation at a level while holding H gives `h → pseudoLock`.
 * Levels are ordered by `rank`: a higher level may do everything a lower one may.
 */
import { currentGfpContext } from "./context.js";
import { gfpTable } from "./default-table.js";
import { gfpHas, type Gfp } from "./gfp.js";
import type { GfpTable, SemanticGfpName } from "./table.js";
import { hasTaskFlag, type TaskFlags } from "./task-flags.js";

export const RECLAIM_LEVELS = {
  /** No __GFP_DIRECT_RECLAIM, or PF_MEMALLOC (already reclaiming): reclaim is not entered. */
  none: { rank: 0, pseudoLock: null, reclaimGfp: null },
  /** Direct reclaim without __GFP_IO (GFP_NOIO, memalloc_noio_save). */
  noio: { rank: 1, pseudoLock: "reclaim(GFP_NOIO)", reclaimGfp: "GFP_NOIO" },
  /** Direct reclaim with __GFP_IO, without __GFP_FS (GFP_NOFS, memalloc_nofs_save). */
  nofs: { rank: 2, pseudoLock: "reclaim(GFP_NOFS)", reclaimGfp: "GFP_NOFS" },
  /** Direct reclaim with __GFP_FS: lockdep's own `fs_reclaim`. */
  fs: { rank: 3, pseudoLock: "fs_reclaim", reclaimGfp: "GFP_KERNEL" },
} as const satisfies Record<string, { rank: number; pseudoLock: string | null; reclaimGfp: SemanticGfpName | null }>;
export type ReclaimLevel = keyof typeof RECLAIM_LEVELS;

/** Levels from lowest to highest. */
export const RECLAIM_LEVEL_ORDER = (Object.keys(RECLAIM_LEVELS) as ReclaimLevel[]).sort(
  (a, b) => RECLAIM_LEVELS[a].rank - RECLAIM_LEVELS[b].rank,
);

/**
 * The level of an allocation with `gfp` by a task with `flags`.
 *
 * - Scopes first (`current_gfp_context`), as the allocator and `try_to_free_pages` apply them.
 * - PF_MEMALLOC → none: the slowpath gives up before direct reclaim (mm/page_alloc.c,
 *   "avoid recursion of direct reclaim"; kernel-facts §2.4). __GFP_MEMALLOC does not do this.
 * - __GFP_FS decides `fs` whether or not __GFP_IO is set: DESIGN §4's table has no row for FS
 *   without IO; reclaim with FS may enter the filesystem (vmscan.c `may_enter_fs` tests FS
 *   first; FS shrinkers test only FS) and lockdep takes `fs_reclaim` on FS alone, so `fs` is the
 *   level that misses nothing and keeps "level fs ⇔ lockdep takes fs_reclaim".
 * - __GFP_NOLOCKDEP does not change the level: the allocator never reads it, so reclaim runs the
 *   same; it only silences lockdep's annotation (see `lockdepFsReclaim`). A front-end that wants
 *   lockdep's silence for such allocations checks the bit itself.
 */
export function reclaimLevel(gfp: Gfp, flags: TaskFlags, table: GfpTable = gfpTable()): ReclaimLevel {
  const { __GFP_DIRECT_RECLAIM, __GFP_IO, __GFP_FS } = table.known;
  const effective = currentGfpContext(gfp, flags, table);
  if (!gfpHas(effective, __GFP_DIRECT_RECLAIM) || hasTaskFlag(flags, "PF_MEMALLOC")) return "none";
  if (gfpHas(effective, __GFP_FS)) return "fs";
  return gfpHas(effective, __GFP_IO) ? "nofs" : "noio";
}

/** The gfp mask the model's reclaim runs with at `level` (undefined for `none`). */
export function reclaimLevelGfp(level: ReclaimLevel, table: GfpTable = gfpTable()): Gfp | undefined {
  const name = RECLAIM_LEVELS[level].reclaimGfp;
  return name === null ? undefined : table.known[name];
}
