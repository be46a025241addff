/**
 * The op verbs of the selftest notation (`selftests.json` meta.notation.ops) and what each does
 * in lockdep's terms. Lock verbs come from one table of lock families; the `_nested` and
 * `_nest_lock` forms are derived from each family's blocking acquire.
 */
import type { AcquireMode, IrqContext, LockKind, Toggle } from "../../../src/ir/index.js";
import { RECLAIM_OPS, type ReclaimOp } from "./reclaim.js";

interface LockFamily {
  readonly kind: LockKind;
  readonly mode: AcquireMode;
  /** Blocking acquires; `<first>_nested` and `<first>_nest_lock` are derived. */
  readonly lock: readonly string[];
  readonly trylock?: string;
  readonly unlock: string;
  /** Re-initialise or free the object (lockdep's held-lock-freed check). */
  readonly reset?: readonly string[];
}

/**
 * Modes follow lockdep's `read` argument (lockdep-notes.md §2): rwlock readers are "read" and the
 * engine makes them recursive under `readLockRecursive` or in irq context; `lock_map_acquire_read`
 * is a recursive read; liblockdep's `pthread_rwlock_rdlock` passes read = 2
 * (tools/lib/lockdep/include/liblockdep/rwlock.h), so it is one too. pthread rwlocks are
 * sleeping locks, hence `rwsem`.
 */
const LOCK_FAMILIES: readonly LockFamily[] = [
  { kind: "spinlock", mode: "write", lock: ["spin_lock"], trylock: "spin_trylock", unlock: "spin_unlock", reset: ["spin_lock_init"] },
  { kind: "raw_spinlock", mode: "write", lock: ["raw_spin_lock"], trylock: "raw_spin_trylock", unlock: "raw_spin_unlock", reset: ["raw_spin_lock_init"] },
  { kind: "rwlock", mode: "write", lock: ["write_lock"], trylock: "write_trylock", unlock: "write_unlock", reset: ["rwlock_init"] },
  { kind: "rwlock", mode: "read", lock: ["read_lock"], trylock: "read_trylock", unlock: "read_unlock" },
  {
    kind: "mutex",
    mode: "write",
    lock: ["mutex_lock", "mutex_lock_interruptible", "mutex_lock_killable"],
    trylock: "mutex_trylock",
    unlock: "mutex_unlock",
    reset: ["mutex_init", "mutex_destroy"],
  },
  { kind: "rwsem", mode: "write", lock: ["down_write"], trylock: "down_write_trylock", unlock: "up_write", reset: ["init_rwsem"] },
  { kind: "rwsem", mode: "read", lock: ["down_read"], trylock: "down_read_trylock", unlock: "up_read" },
  { kind: "rt_mutex", mode: "write", lock: ["rt_mutex_lock"], trylock: "rt_mutex_trylock", unlock: "rt_mutex_unlock", reset: ["rt_mutex_init"] },
  { kind: "ww_mutex", mode: "write", lock: [], trylock: "ww_mutex_trylock", unlock: "ww_mutex_unlock" },
  { kind: "lockdep_map", mode: "write", lock: ["lock_map_acquire"], trylock: "lock_map_acquire_try", unlock: "lock_map_release" },
  { kind: "lockdep_map", mode: "recursive-read", lock: ["lock_map_acquire_read"], trylock: "lock_map_acquire_tryread", unlock: "lock_map_release" },
  { kind: "local_lock", mode: "write", lock: ["local_lock"], unlock: "local_unlock", reset: ["local_lock_init"] },
  { kind: "mutex", mode: "write", lock: ["pthread_mutex_lock"], trylock: "pthread_mutex_trylock", unlock: "pthread_mutex_unlock", reset: ["pthread_mutex_destroy"] },
  { kind: "rwsem", mode: "write", lock: ["pthread_rwlock_wrlock"], trylock: "pthread_rwlock_trywrlock", unlock: "pthread_rwlock_unlock" },
  { kind: "rwsem", mode: "recursive-read", lock: ["pthread_rwlock_rdlock"], trylock: "pthread_rwlock_tryrdlock", unlock: "pthread_rwlock_unlock" },
];

/** RCU readers: one implicit lockdep map each (kernel/rcu/update.c `rcu_lock_map` & co.). */
const RCU_READERS = [
  { lock: "rcu_read_lock", unlock: "rcu_read_unlock", kind: "rcu" },
  { lock: "rcu_read_lock_bh", unlock: "rcu_read_unlock_bh", kind: "rcu_bh" },
  { lock: "rcu_read_lock_sched", unlock: "rcu_read_unlock_sched", kind: "rcu_sched" },
] as const;

/** A context change without a lock argument, as the IR spells it. */
export type ContextStep =
  | { readonly kind: "disable" | "enable"; readonly what: Toggle }
  | { readonly kind: "irq-enter"; readonly context: IrqContext; readonly threaded?: boolean }
  | { readonly kind: "irq-exit"; readonly context: IrqContext }
  | { readonly kind: "task-end"; readonly how: "exit" | "return-to-user" };

const off = (what: Toggle): ContextStep => ({ kind: "disable", what });
const on = (what: Toggle): ContextStep => ({ kind: "enable", what });

/**
 * lib/locking-selftest.c: HARDIRQ_ENTER() = local_irq_disable(); __irq_enter();
 * lockdep_hardirq_threaded(); HARDIRQ_EXIT() = __irq_exit(); local_irq_enable();
 * SOFTIRQ_ENTER() = local_bh_disable(); local_irq_disable(); lockdep_softirq_enter();
 * SOFTIRQ_EXIT() = lockdep_softirq_exit(); local_irq_enable(); local_bh_enable().
 * The not-threaded guard of the wait-context tests is HARDIRQ_ENTER without the threaded mark.
 */
const CONTEXT_OPS: Readonly<Record<string, readonly ContextStep[]>> = {
  irq_disable: [off("hardirqs")],
  irq_enable: [on("hardirqs")],
  bh_disable: [off("softirqs")],
  bh_enable: [on("softirqs")],
  preempt_disable: [off("preemption")],
  preempt_enable: [on("preemption")],
  non_block_start: [off("blocking")],
  non_block_end: [on("blocking")],
  hardirq_enter: [off("hardirqs"), { kind: "irq-enter", context: "hardirq", threaded: true }],
  hardirq_enter_nothreaded: [off("hardirqs"), { kind: "irq-enter", context: "hardirq", threaded: false }],
  hardirq_exit: [{ kind: "irq-exit", context: "hardirq" }, on("hardirqs")],
  softirq_enter: [off("softirqs"), off("hardirqs"), { kind: "irq-enter", context: "softirq" }],
  softirq_exit: [{ kind: "irq-exit", context: "softirq" }, on("hardirqs"), on("softirqs")],
  return_to_user: [{ kind: "task-end", how: "return-to-user" }],
  task_exit: [{ kind: "task-end", how: "exit" }],
  /** Orders the threads of liblockdep's ABBA_2threads; tasks here already run one after another. */
  barrier: [],
};

export type AcquireForm = "plain" | "nested" | "nest_lock";

/** What a verb does; the arguments it takes follow from it (see ops.ts). */
export type VerbSpec =
  | { readonly action: "acquire"; readonly kind: LockKind; readonly mode: AcquireMode; readonly trylock: boolean; readonly form: AcquireForm }
  | { readonly action: "release" | "reset"; readonly kind: LockKind }
  | { readonly action: "rcu-acquire" | "rcu-release"; readonly kind: LockKind; readonly className: string }
  | { readonly action: "might-lock"; readonly mode: AcquireMode; readonly form: "plain" | "nested" }
  | { readonly action: "ww-lock"; readonly slow: boolean }
  | { readonly action: "ww-context"; readonly op: "init" | "done" | "fini" }
  | { readonly action: "context"; readonly steps: readonly ContextStep[] }
  | { readonly action: "reclaim"; readonly op: ReclaimOp };

function buildVerbs(): ReadonlyMap<string, VerbSpec> {
  const verbs = new Map<string, VerbSpec>();
  for (const f of LOCK_FAMILIES) {
    const acquire = (trylock: boolean, form: AcquireForm): VerbSpec => ({ action: "acquire", kind: f.kind, mode: f.mode, trylock, form });
    for (const verb of f.lock) verbs.set(verb, acquire(false, "plain"));
    const [first] = f.lock;
    if (first !== undefined) {
      verbs.set(`${first}_nested`, acquire(false, "nested"));
      verbs.set(`${first}_nest_lock`, acquire(false, "nest_lock"));
    }
    if (f.trylock !== undefined) verbs.set(f.trylock, acquire(true, "plain"));
    verbs.set(f.unlock, { action: "release", kind: f.kind });
    for (const verb of f.reset ?? []) verbs.set(verb, { action: "reset", kind: f.kind });
  }
  for (const r of RCU_READERS) {
    verbs.set(r.lock, { action: "rcu-acquire", kind: r.kind, className: r.lock });
    verbs.set(r.unlock, { action: "rcu-release", kind: r.kind, className: r.lock });
  }
  // include/linux/lockdep.h: might_lock is an exclusive acquire+release; might_lock_read uses
  // read = 1; might_lock_nested quirkily also uses read = 1 (lockdep-notes.md §2).
  verbs.set("might_lock", { action: "might-lock", mode: "write", form: "plain" });
  verbs.set("might_lock_read", { action: "might-lock", mode: "read", form: "plain" });
  verbs.set("might_lock_nested", { action: "might-lock", mode: "read", form: "nested" });
  verbs.set("ww_mutex_lock", { action: "ww-lock", slow: false });
  verbs.set("ww_mutex_lock_slow", { action: "ww-lock", slow: true });
  verbs.set("ww_acquire_init", { action: "ww-context", op: "init" });
  verbs.set("ww_acquire_done", { action: "ww-context", op: "done" });
  verbs.set("ww_acquire_fini", { action: "ww-context", op: "fini" });
  for (const [verb, steps] of Object.entries(CONTEXT_OPS)) verbs.set(verb, { action: "context", steps });
  for (const op of RECLAIM_OPS) verbs.set(op, { action: "reclaim", op });
  return verbs;
}

export const VERBS: ReadonlyMap<string, VerbSpec> = buildVerbs();
