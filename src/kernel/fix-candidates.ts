/**
 * The changes a fix hint may propose for an allocation involved in a finding, in the order they
 * are tried (the first that the re-check verifies is printed): a weaker mask, an allocation
 * scope over the critical section, the allocation moved before the locks. Masks are only
 * proposed when they take away something the allocation had.
 */
import { gfpHas, TASK_FLAGS, type GfpTable } from "./gfp/index.js";

export type FixCandidate =
  | { readonly kind: "mask"; readonly name: "GFP_NOFS" | "GFP_NOIO" | "GFP_NOWAIT" }
  | { readonly kind: "scope"; readonly scope: "nofs" | "noio"; readonly flag: number }
  | { readonly kind: "context-scope"; readonly scope: "nofs" | "noio"; readonly flag: number }
  | { readonly kind: "hoist" };

export const FIX_CANDIDATES: readonly FixCandidate[] = [
  { kind: "mask", name: "GFP_NOFS" },
  { kind: "mask", name: "GFP_NOIO" },
  { kind: "mask", name: "GFP_NOWAIT" },
  { kind: "scope", scope: "nofs", flag: TASK_FLAGS.PF_MEMALLOC_NOFS },
  { kind: "scope", scope: "noio", flag: TASK_FLAGS.PF_MEMALLOC_NOIO },
  { kind: "hoist" },
];

/**
 * For an allocation made by a context that holds no lock but signals an event others wait for
 * (the loop worker of seed 002), the constraint belongs to the context, not to one call deep in
 * shared code: "the loop device IO path ... needs to run under GFP_NOIO context" (Dave Chinner,
 * seeds/002). Those findings try a scope over the whole context first.
 */
export const SIGNALLER_FIX_CANDIDATES: readonly FixCandidate[] = [
  { kind: "context-scope", scope: "nofs", flag: TASK_FLAGS.PF_MEMALLOC_NOFS },
  { kind: "context-scope", scope: "noio", flag: TASK_FLAGS.PF_MEMALLOC_NOIO },
  ...FIX_CANDIDATES,
];

/** Whether replacing `current` by mask `name` removes a reclaim capability (never proposes a stronger mask). */
export function weakens(current: number, name: string, table: GfpTable): boolean {
  const next = table.values.get(name);
  if (next === undefined) return false;
  const { __GFP_FS, __GFP_IO, __GFP_DIRECT_RECLAIM } = table.known;
  const caps = [__GFP_FS, __GFP_IO, __GFP_DIRECT_RECLAIM];
  const removes = caps.some((c) => gfpHas(current as never, c) && !gfpHas(next, c));
  const adds = caps.some((c) => !gfpHas(current as never, c) && gfpHas(next, c));
  return removes && !adds;
}

/** The names reclaim pseudo-locks carry in findings: a finding through one involves an allocation. */
export const ALLOCATION_LOCKS: ReadonlySet<string> = new Set(["fs_reclaim", "reclaim(GFP_NOFS)", "reclaim(GFP_NOIO)", "mmu_notifier_invalidate_range_start"]);
