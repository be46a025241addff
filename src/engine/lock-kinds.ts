/**
 * What each lock kind means to lockdep: wait types (lockdep_types.h, the *_init initialisers),
 * whether acquisitions are validated (`check`), whether the kind blocks, and whether irq-usage
 * searches skip it (`usage_skip`: local_lock). One table; every check reads it.
 */
import type { LockKind } from "../ir/index.js";

/** lockdep's wait types (enum lockdep_wait_type), before config adjusts their numbers. */
export const WAIT = { INV: 0, FREE: 1, SPIN: 2, CONFIG: 3, SLEEP: 4, MAX: 5 } as const;
export type WaitType = (typeof WAIT)[keyof typeof WAIT];

export interface LockKindTraits {
  /** Wait type the lock creates for what nests inside it. */
  readonly inner: WaitType;
  /** Wait type needed to take it (defaults to inner). */
  readonly outer: WaitType;
  /** check=1: dependencies, recursion and irq usage are validated (RCU readers are check=0). */
  readonly check: boolean;
  /** Taking it may block (might_sleep in the lock function). `config` = only on PREEMPT_RT. */
  readonly blocks: "always" | "never" | "on-rt";
  /** Spins with preemption off on !RT (counts towards preempt_count while held). */
  readonly spins: "always" | "never" | "not-on-rt";
  /** Skipped by irq safe/unsafe searches (LD_LOCK_PERCPU). */
  readonly usageSkip: boolean;
  /** An RCU-like read section: sleeping inside is forbidden. */
  readonly rcuReader: boolean;
  /** Takes part in irq usage (marking and searches); events do not. */
  readonly usage?: false;
}

const sleeping: LockKindTraits = { inner: WAIT.SLEEP, outer: WAIT.SLEEP, check: true, blocks: "always", spins: "never", usageSkip: false, rcuReader: false };
const configSpin: LockKindTraits = { inner: WAIT.CONFIG, outer: WAIT.CONFIG, check: true, blocks: "on-rt", spins: "not-on-rt", usageSkip: false, rcuReader: false };
const map: LockKindTraits = { inner: WAIT.INV, outer: WAIT.INV, check: true, blocks: "never", spins: "never", usageSkip: false, rcuReader: false };

export const LOCK_KIND_TRAITS: Readonly<Record<LockKind, LockKindTraits>> = {
  mutex: sleeping,
  rt_mutex: sleeping,
  ww_mutex: sleeping,
  rwsem: sleeping,
  semaphore: sleeping,
  spinlock: configSpin,
  rwlock: configSpin,
  raw_spinlock: { ...configSpin, inner: WAIT.SPIN, outer: WAIT.SPIN, blocks: "never", spins: "always" },
  // local_lock: preempt_disable on !RT, a per-CPU spinlock_t on RT (local_lock_internal.h).
  local_lock: { ...configSpin, usageSkip: true },
  // rcu_read_lock*: check=0, only the held stack and wait context see them (rcupdate.h).
  rcu: { inner: WAIT.CONFIG, outer: WAIT.FREE, check: false, blocks: "never", spins: "never", usageSkip: false, rcuReader: true },
  rcu_bh: { inner: WAIT.CONFIG, outer: WAIT.FREE, check: false, blocks: "never", spins: "never", usageSkip: false, rcuReader: true },
  rcu_sched: { inner: WAIT.SPIN, outer: WAIT.FREE, check: false, blocks: "never", spins: "never", usageSkip: false, rcuReader: true },
  // srcu_read_lock: validated since 6.4 (paired with lock_sync in synchronize_srcu); sleeping allowed.
  srcu: map,
  seqcount: map,
  lockdep_map: map,
  ww_acquire_ctx: map,
  event: { ...map, usageSkip: true, usage: false },
};

/**
 * Whether holding a lock of this kind keeps preemption off (it spins): raw spinlocks always;
 * spinlock_t, rwlock_t and local_lock_t only without PREEMPT_RT, where they sleep
 * (Documentation/locking/locktypes.rst). Front-ends ask it for `preemptible()` and `in_atomic()`.
 */
export function spinsWithPreemptionOff(kind: LockKind, preemptRt: boolean): boolean {
  const spins = LOCK_KIND_TRAITS[kind].spins;
  return spins === "always" || (spins === "not-on-rt" && !preemptRt);
}
