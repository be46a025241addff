/**
 * What an allocation does before it returns, as lock-level actions (DESIGN.md §4, kernel-facts
 * §3): lockdep's own annotation (`might_alloc`: fs_reclaim for __GFP_FS, the MMU-notifier map for
 * any direct reclaim since 5.10), reclaimdep's reclaim-level pseudo-lock for the levels lockdep
 * does not see (GFP_NOFS, GFP_NOIO), and might_sleep for a blocking mask. The interpreter applies
 * them; the engine sees only momentary acquisitions of pseudo-locks and a sleep point.
 */
import {
  currentGfpContext,
  gfpHas,
  gfpTable,
  mightAlloc,
  MMU_NOTIFIER_MAP,
  RECLAIM_LEVELS,
  reclaimLevel,
  type Gfp,
  type GfpTable,
  type ReclaimLevel,
  type TaskFlags,
} from "./gfp/index.js";

export interface AllocationActions {
  readonly level: ReclaimLevel;
  /** The mask after `current_gfp_context` (scopes applied). */
  readonly effective: Gfp;
  /**
   * Pseudo-locks taken in order and released in reverse: fs_reclaim_acquire() holds `fs_reclaim`
   * (or the level's lock) while it touches the notifier map, so both `held → fs_reclaim` and
   * `fs_reclaim → map` are recorded, as lockdep records them (kernel-facts §3.2).
   */
  readonly pseudoLocks: readonly string[];
  /** `might_sleep_if(gfpflags_allow_blocking(gfp))`. */
  readonly mightSleep: boolean;
}

export function allocationActions(gfp: Gfp, flags: TaskFlags, table: GfpTable = gfpTable()): AllocationActions {
  const level = reclaimLevel(gfp, flags, table);
  const lockdep = mightAlloc(gfp, flags, {}, table);
  const noLockdep = gfpHas(gfp, table.known.__GFP_NOLOCKDEP);
  const pseudoLocks: string[] = [];
  if (lockdep.fsReclaim) pseudoLocks.push(RECLAIM_LEVELS.fs.pseudoLock);
  // The lower levels are reclaimdep's own; an allocation that silences lockdep silences them too.
  const levelLock = RECLAIM_LEVELS[level].pseudoLock;
  if (levelLock && levelLock !== RECLAIM_LEVELS.fs.pseudoLock && !noLockdep) pseudoLocks.push(levelLock);
  if (lockdep.mmuNotifierMap) pseudoLocks.push(MMU_NOTIFIER_MAP);
  // Only the outermost is taken from the caller's locks; the rest nest inside it.
  return { level, effective: currentGfpContext(gfp, flags, table), pseudoLocks, mightSleep: lockdep.mightSleep };
}
