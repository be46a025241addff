/**
 * Words for the states and frames a report names, as `as const` tables (lockdep_states.h order;
 * Documentation/locking/lockdep-design.rst "State"). The explainer and the scenario writer read
 * them; nothing here formats a whole report.
 */
import type { Frame } from "./report.js";

/** Usage-state names (`IN-HARDIRQ-W`, `RECLAIM_FS-ON-W`...) in plain words. */
const STATE_WORDS = {
  "IN-HARDIRQ": "taken in a hard-interrupt handler",
  "HARDIRQ-ON": "taken with hard interrupts enabled",
  "IN-SOFTIRQ": "taken in softirq context (timers, tasklets, network receive)",
  "SOFTIRQ-ON": "taken with softirqs (bottom halves) enabled",
  "IN-RECLAIM_FS": "taken inside filesystem reclaim (kswapd, direct reclaim, a shrinker)",
  "RECLAIM_FS-ON": "held over an allocation that may enter filesystem reclaim (__GFP_FS)",
  "IN-NMI": "taken in an NMI handler",
  "INITIAL USE": "first used",
} as const;

export function describeUsageState(state: string): string {
  const read = /-R$/.test(state);
  const base = state.replace(/-[WR]$/, "") as keyof typeof STATE_WORDS;
  const words = Object.hasOwn(STATE_WORDS, base) ? STATE_WORDS[base] : state;
  return read ? `${words} (for reading)` : words;
}

/** Usage characters (`print_lock_name`): position → state pair, 4 chars (4.14+) or 6 (older). */
const USAGE_POSITIONS = ["HARDIRQ-W", "HARDIRQ-R", "SOFTIRQ-W", "SOFTIRQ-R", "RECLAIM_FS-W", "RECLAIM_FS-R"] as const;
const USAGE_CHARS = {
  ".": "never used in that context",
  "-": "used in that context",
  "+": "taken with that context enabled",
  "?": "both used in that context and taken with it enabled",
} as const;

export function describeUsageChars(usage: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < usage.length && i < USAGE_POSITIONS.length; i++) {
    const ch = usage[i] as keyof typeof USAGE_CHARS;
    if (ch === ".") continue;
    out.push(`${USAGE_POSITIONS[i]}: ${Object.hasOwn(USAGE_CHARS, ch) ? USAGE_CHARS[ch] : ch}`);
  }
  return out;
}

/** Frames that are locking or allocation plumbing, skipped when naming "where" a lock was taken. */
const PLUMBING =
  /^(?:(?:__)?lock_acquire(?:\.part\.\d+)?|validate_chain|check_prevs?_add|check_noncircular|print_circular_bug|__?might_(?:sleep|resched|fault)|___might_sleep|_raw_(?:spin|read|write)_\w+|(?:__)?mutex_lock\w*|__mutex_lock\w*|down_(?:read|write)\w*|__down_\w+|rwsem_\w+|lock_map_acquire\w*|(?:__)?fs_reclaim_acquire(?:\.part\.\d+)?|might_alloc|slab_pre_alloc_hook(?:\.constprop\.\d+)?|slab_alloc\w*|__slab_alloc\w*|kmem_cache_alloc\w*|__?kmalloc\w*|kmalloc\w*|__kvmalloc\w*|kvmalloc\w*|__do_kmalloc_node|__alloc_pages\w*|alloc_pages\w*|__get_free_pages|__vmalloc\w*|kmem_zone_alloc|lockdep_trace_alloc|mark_held_locks|mark_lock\w*|mark_usage|dump_stack\w*|show_stack|dump_backtrace|__dump_stack)$/;

/** The first frame that is not locking/allocation plumbing: "where" in plain words. */
export function callerOf(trace: readonly Frame[]): Frame | null {
  return trace.find((frame) => frame.reliable && !PLUMBING.test(frame.function)) ?? null;
}

/** Allocation entry points in a trace (the allocation that touched fs_reclaim). */
const ALLOCATORS = /^(?:kmem_cache_alloc\w*|__?kmalloc\w*|kmalloc\w*|__kvmalloc\w*|kvmalloc\w*|__alloc_pages\w*|alloc_pages\w*|__get_free_pages|__vmalloc\w*|vmalloc\w*|__do_kmalloc_node|mempool_alloc)$/;

export function allocatorIn(trace: readonly Frame[]): Frame | null {
  return trace.find((frame) => ALLOCATORS.test(frame.function)) ?? null;
}

/** Who runs reclaim in a trace, from the kernel's reclaim entry points (mm/vmscan.c). */
const RECLAIMERS = [
  { re: /^(?:kswapd|balance_pgdat)$/, who: "kswapd (background reclaim)" },
  { re: /^(?:try_to_free_pages|__perform_reclaim|__alloc_pages_direct_reclaim|do_try_to_free_pages)$/, who: "direct reclaim in an allocating task" },
  { re: /^(?:shrink_slab\w*|do_shrink_slab|super_cache_scan|prune_icache_sb|prune_dcache_sb)$/, who: "a shrinker" },
  { re: /^(?:evict|dispose_list|iput\w*)$/, who: "inode eviction" },
  { re: /^(?:oom_reap_task_mm|__oom_reap_task_mm)$/, who: "the OOM reaper" },
] as const;

export function reclaimersIn(trace: readonly Frame[]): string[] {
  const found: string[] = [];
  for (const { re, who } of RECLAIMERS) if (trace.some((f) => re.test(f.function))) found.push(who);
  return found;
}

/** The `memalloc_no*` scope calls a trace shows (include/linux/sched/mm.h). */
export function scopesIn(trace: readonly Frame[]): string[] {
  return [...new Set(trace.filter((f) => /^memalloc_(?:nofs|noio|noreclaim|flags)_(?:save|restore)$/.test(f.function)).map((f) => f.function))];
}

export const FS_RECLAIM = "fs_reclaim";
/** lockdep map taken by every reclaiming allocation since 5.10 (mm/page_alloc.c, mmu_notifier.c). */
export const MMU_NOTIFIER_MAP = /mmu_notifier_invalidate_range_start/;
