/**
 * Which held locks keep preemption off, for the predicates scenarios test (`preemptible()`,
 * `in_atomic()`): raw spinlocks always; spinlock_t, rwlock_t and local_lock_t only without
 * PREEMPT_RT, where they are sleeping locks (Documentation/locking/locktypes.rst; kernel-facts
 * §9.1). A kernel fact for front-ends; the engine keeps its own traits for its checks.
 */
import type { LockKind } from "../ir/index.js";

const ALWAYS: ReadonlySet<LockKind> = new Set(["raw_spinlock"]);
const UNLESS_RT: ReadonlySet<LockKind> = new Set(["spinlock", "rwlock", "local_lock"]);

export function disablesPreemption(kind: LockKind, preemptRt: boolean): boolean {
  return ALWAYS.has(kind) || (!preemptRt && UNLESS_RT.has(kind));
}
