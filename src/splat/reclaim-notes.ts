/**
 * The reclaim-specific causes a report shows, in words: lockdep's `fs_reclaim` pseudo-lock
 * (mm/page_alloc.c `fs_reclaim_acquire`), the pre-4.14 RECLAIM_FS usage state, the MMU-notifier
 * map every reclaiming allocation touches (5.10+), `memalloc_no*` scopes, and who reclaims.
 */
import type { SplatReport } from "./report.js";
import { allFrames, lockNames } from "./report-locks.js";
import { FS_RECLAIM, MMU_NOTIFIER_MAP, reclaimersIn, scopesIn } from "./vocabulary.js";

const q = (name: string): string => `\`${name}\``;

/** Reclaim-specific causes the report shows. */
export function reclaimNotes(report: SplatReport): string[] {
  const names = lockNames(report);
  const frames = allFrames(report);
  const out: string[] = [];
  const oldReclaim = /RECLAIM_FS/.test(`${report.usage?.join(" ") ?? ""} ${report.otherLock?.state ?? ""}`);
  if (oldReclaim) {
    out.push(
      "Before 4.14 lockdep tracked filesystem reclaim as an irq-like state: RECLAIM_FS-ON / RECLAIM_FS-unsafe means held over a __GFP_FS allocation, IN-RECLAIM_FS / RECLAIM_FS-safe means taken inside reclaim (kswapd, direct reclaim, a shrinker). Newer kernels report the same problem as a cycle through `fs_reclaim`.",
    );
  }
  if (names.includes(FS_RECLAIM)) {
    out.push(
      `${q(FS_RECLAIM)} is lockdep's stand-in for "this code may enter filesystem reclaim": every allocation with __GFP_DIRECT_RECLAIM and __GFP_FS (GFP_KERNEL) acquires it, and reclaim (kswapd, direct reclaim, shrinkers, inode eviction) runs holding it.`,
    );
  }
  const reclaimers = reclaimersIn(frames);
  if ((oldReclaim || names.includes(FS_RECLAIM)) && reclaimers.length > 0) out.push(`Reclaim in this report: ${reclaimers.join(", ")}.`);
  if (names.some((n) => MMU_NOTIFIER_MAP.test(n)) || frames.some((f) => MMU_NOTIFIER_MAP.test(f.function))) {
    out.push(
      "`mmu_notifier_invalidate_range_start` is a lockdep map every reclaiming allocation touches (5.10+), GFP_NOFS and GFP_NOIO included: a lock taken in an invalidate_range_start callback must not be held over any allocation that can reclaim.",
    );
  }
  const scopes = scopesIn(frames);
  if (scopes.length > 0) out.push(`The traces show allocation scopes: ${scopes.join(", ")}.`);
  return out;
}
