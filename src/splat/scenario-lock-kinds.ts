/**
 * Which kind of lock each class in a report is, so the skeleton takes it with the right call:
 * the engine's verdicts depend on it (a mutex under a raw_spinlock_t is an invalid wait context,
 * sleeping under a spinlock_t is sleep-in-atomic, a lockdep map is neither). Evidence, strongest
 * first: the classes the bundled model defines, the RCU read-side names, the primitive at the top
 * of a trace that took the lock, the wait types `-{outer:inner}` (5.7+), the name's shape.
 */
import type { Frame, LockRef, SplatReport } from "./report.js";

export type LockFamily = "mutex" | "rwsem" | "spinlock" | "raw_spinlock" | "rwlock" | "map" | "rcu";
export type LockMode = "read" | "write";

export interface LockKind {
  readonly family: LockFamily;
  /** How the report's traces show it taken, when they do (rwsem, rwlock). */
  readonly mode: LockMode;
}

/** Classes the bundled model (model/*.c) takes itself: the skeleton must use the same kind. */
const MODEL_CLASSES: Readonly<Record<string, LockFamily>> = {
  fs_reclaim: "map",
  "&mm->mmap_lock": "rwsem",
  "&mapping->i_mmap_rwsem": "rwsem",
  "&anon_vma->rwsem": "rwsem",
  "&sb->s_type->i_mutex_key": "rwsem",
  "&type->s_umount_key": "rwsem",
  "&lruvec->lru_lock": "spinlock",
  "&zone->lock": "spinlock",
  "&pgdat->kswapd_wait": "spinlock",
  "&pgdat->kcompactd_wait": "spinlock",
  mm_all_locks_mutex: "mutex",
  console_owner: "map",
  mmu_notifier_invalidate_range_start: "map",
};

/** The RCU read-side pseudo-locks (include/linux/rcupdate.h): taken by their own calls. */
export const RCU_READERS = ["rcu_read_lock", "rcu_read_lock_bh", "rcu_read_lock_sched"] as const;

/** lockdep's bookkeeping frames above the locking primitive in a saved stack. */
const PLUMBING = /^(?:__?lock_acquire|lock_acquire|lockdep_\w+|validate_chain|check_\w+|mark_\w+|print_\w+|save_trace|dump_stack\w*|show_stack|dump_backtrace|unwind_backtrace)$/;

/** Primitive at the top of a trace → family and mode (kernel/locking/*.c, spinlock_api_smp.h). */
const PRIMITIVES: readonly { readonly re: RegExp; readonly family: LockFamily; readonly mode: LockMode }[] = [
  { re: /^(?:__)?mutex_(?:lock|trylock)\w*$|^__mutex_lock\w*$|^rt_mutex_lock\w*$/, family: "mutex", mode: "write" },
  { re: /^(?:percpu_|__)?down_read\w*$/, family: "rwsem", mode: "read" },
  { re: /^(?:percpu_|__)?down_write\w*$/, family: "rwsem", mode: "write" },
  { re: /^(?:_raw|__raw)_read_(?:lock|trylock)\w*$|^read_lock\w*$/, family: "rwlock", mode: "read" },
  { re: /^(?:_raw|__raw)_write_(?:lock|trylock)\w*$|^write_lock\w*$/, family: "rwlock", mode: "write" },
  { re: /^raw_spin_lock\w*$/, family: "raw_spinlock", mode: "write" },
  // _raw_spin_lock serves spin_lock and raw_spin_lock alike: spinlock_t unless wait types say raw.
  { re: /^(?:_raw|__raw|rt|rust_helper)_spin_(?:lock|trylock)\w*$|^spin_lock\w*$/, family: "spinlock", mode: "write" },
  { re: /^lock_map_acquire\w*$/, family: "map", mode: "write" },
];

/** Wait-type inner value → the lock kinds it can be (include/linux/lockdep_types.h). */
const WAIT_FAMILIES = {
  raw: { 0: ["map"], 1: ["rcu"], 2: ["raw_spinlock"], 3: ["spinlock", "rwlock"], 4: ["mutex", "rwsem"] },
  plain: { 0: ["map"], 1: ["rcu"], 2: ["spinlock", "raw_spinlock", "rwlock"], 3: ["mutex", "rwsem"] },
} as const satisfies Record<string, Record<number, readonly LockFamily[]>>;

/** `fs_reclaim_acquire.part.0` → `fs_reclaim_acquire` (compiler clones keep the base name). */
const baseName = (fn: string): string => fn.replace(/(?:\.(?:part|constprop|isra|cold|llvm)(?:\.\w+)?)+$/, "");

/** The primitive a trace (or an `at:` frame) shows at its top, if any. */
export function primitiveOf(trace: readonly (Frame | null)[]): LockKind | null {
  for (const frame of trace) {
    if (!frame) continue;
    const fn = baseName(frame.function);
    if (PLUMBING.test(fn)) continue;
    const p = PRIMITIVES.find((x) => x.re.test(fn));
    return p ? { family: p.family, mode: p.mode } : null;
  }
  return null;
}

/**
 * Did the kernel run with raw-lock nesting checks (PROVE_RAW_LOCK_NESTING, implied by
 * PREEMPT_RT)? Only then is a sleeping lock's inner wait type 4 and the process context 5.
 */
export function rawNestingShown(report: SplatReport): boolean {
  if ((report.waitContext?.inner ?? 0) >= 5) return true;
  // {3:3} is a sleeping lock without the option and spinlock_t with it; a class used in an
  // interrupt (usage `-` or `?`) cannot sleep, so there it is spinlock_t and the option is on.
  return locksOf(report).some((l) => (l.waitTypes?.inner ?? 0) >= 4 || (l.waitTypes?.inner === 3 && /[-?]/.test(l.usage ?? "")));
}

/** A PREEMPT_RT kernel, as its release string says (`4.4.126-rt141`, `6.6.0-rt15`). */
export const preemptRtShown = (report: SplatReport): boolean => /-rt\d/.test(report.kernel ?? "");

/** Every lock line the report prints, with its `at:` frame and wait types. */
export function locksOf(report: SplatReport): LockRef[] {
  const out: LockRef[] = [];
  const add = (l: LockRef | null | undefined): void => {
    if (l) out.push(l);
  };
  add(report.lock);
  add(report.holding);
  add(report.otherLock?.lock);
  add(report.safeUnsafe?.safeLock);
  add(report.safeUnsafe?.unsafeLock);
  for (const link of report.chain) add(link.lock);
  for (const held of report.heldLocks?.locks ?? []) add(held);
  return out;
}

/** The traces that show each class being taken (their top frames name its primitive). */
function tracesOf(report: SplatReport): Map<string, (Frame | null)[][]> {
  const traces = new Map<string, (Frame | null)[][]>();
  const add = (l: LockRef | null | undefined, trace: readonly (Frame | null)[]): void => {
    if (!l) return;
    const list = traces.get(l.name) ?? [];
    list.push([...trace]);
    traces.set(l.name, list);
  };
  const sleepKind = report.kind === "sleep-in-atomic" || report.kind === "scheduling-while-atomic";
  for (const link of report.chain) add(link.lock, link.trace);
  for (const l of locksOf(report)) add(l, [l.at]);
  // The current stack is the acquisition of `lock` (circular, recursive, wait context...).
  if (!sleepKind && report.kind !== "held-lock-freed") add(report.lock, report.backtrace);
  add(report.lock, report.usageTrace);
  add(report.safeUnsafe?.safeLock, report.safeUnsafe?.safeTrace ?? []);
  add(report.safeUnsafe?.unsafeLock, report.safeUnsafe?.unsafeTrace ?? []);
  return traces;
}

/** One kind per class name, decided once for the whole skeleton (a class has one lock type). */
export function lockKinds(report: SplatReport): Map<string, LockKind> {
  const raw = rawNestingShown(report) || preemptRtShown(report);
  const waits = WAIT_FAMILIES[raw ? "raw" : "plain"] as Record<number, readonly LockFamily[] | undefined>;
  const traces = tracesOf(report);
  const kinds = new Map<string, LockKind>();
  for (const l of locksOf(report)) {
    if (kinds.has(l.name)) continue;
    const fromTrace = (traces.get(l.name) ?? []).map(primitiveOf).find((k) => k !== null) ?? null;
    kinds.set(l.name, decide(l, fromTrace, l.waitTypes ? waits[l.waitTypes.inner] : undefined));
  }
  return kinds;
}

function decide(l: LockRef, fromTrace: LockKind | null, byWait: readonly LockFamily[] | undefined): LockKind {
  const model = Object.hasOwn(MODEL_CLASSES, l.name) ? MODEL_CLASSES[l.name] : undefined;
  const mode = fromTrace?.mode ?? "write";
  if (model) return { family: model, mode: model === "rwsem" || model === "rwlock" ? mode : "write" };
  if ((RCU_READERS as readonly string[]).includes(l.name)) return { family: "rcu", mode: "read" };
  if (byWait && byWait.length > 0) {
    // Wait types are printed by lockdep itself: the trace's primitive only picks among them.
    if (fromTrace && byWait.includes(fromTrace.family)) return fromTrace;
    return { family: byWait[0]!, mode: "write" };
  }
  if (fromTrace) return fromTrace;
  // spinlock_t's lockdep name is `&(&x->lock)->rlock` before 5.x (the raw_spinlock_t inside it).
  if (/->rlock$/.test(l.name)) return { family: "spinlock", mode: "write" };
  return { family: "map", mode: "write" };
}
