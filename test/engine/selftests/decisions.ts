/**
 * Our verdict for every case the table marks medium or low confidence (the kernel test only
 * asserts that lockdep switched itself off; which report, and where, is derived). Each verdict is
 * read off lib/locking-selftest.c (Linux 6.x), kernel/locking/lockdep.c, include/linux/ww_mutex.h,
 * kernel/locking/ww_mutex.h and Documentation/locking/lockdep-design.rst; the `why` says which
 * check fires first. All of them confirm the table's kind and `fails_at`.
 */
import type { FindingKind } from "../../../src/engine/index.js";

export interface Decision {
  readonly case: string;
  readonly verdict: "ok" | FindingKind;
  readonly why: string;
}

const IRQSAFE3 =
  "E1 takes A with irqs (bh) enabled and E3 takes A in irq context, so A alone gets both *-ON-W and IN-*-W; " +
  "mark_lock_irq() checks the lock's own exclusive bit (valid_state) before any dependency search, so the second of the " +
  "two acquisitions prints 'inconsistent lock state' with that usage pair";
const INVERSION_ON_USAGE =
  "E1 adds the A -> B edge with irqs off (no usage bits); whichever of E2 (B becomes irq-unsafe) and E3 (A becomes " +
  "irq-safe, READ-safe for the rwlock read in irq) comes last finds the other end through that edge in mark_lock_irq() " +
  "(check_usage_forwards/backwards) and prints 'possible irq lock inversion dependency detected'";
const SAFE_UNSAFE_ON_EDGE =
  "E2 and E3 set both usage bits before E1 adds the A -> B edge; check_irq_usage() on the new dependency finds the " +
  "irq-safe lock backwards and the irq-unsafe one forwards and prints 'HARDIRQ-safe -> HARDIRQ-unsafe lock order detected' " +
  "(SOFTIRQ for the soft variants) at the inner acquisition of E1";
const READ_RECURSION_WRITE_EDGE =
  "the edge into A is a write acquisition, so A's read-unsafe usage conflicts with B's irq-safe (or read-safe) usage: " +
  "lockdep.c exclusive_mask() pairs USED_IN_*(_READ) with ENABLED_*(_READ) in all four combinations; a usage bit set " +
  "after the edge exists is an irq inversion (mark_lock_irq), an edge added after both bits is a safe -> unsafe order " +
  "(check_irq_usage)";
const LIBLOCKDEP_PAIRS =
  "liblockdep runs the kernel's lockdep.c over pthread_mutex_* calls; tools/lib/lockdep/tests/<name>.c is the same " +
  "LOCK_UNLOCK_2 sequence as the kernel's <name>_mutex case (ABBCCA.c: (a,b), (b,c), (c,a)), so the cycle closes at " +
  "the second lock of the last pair";
const LIBLOCKDEP_TWO_THREADS =
  "ABBA_2threads.c: main holds a across a barrier then takes b, the thread holds b then takes a; lockdep's graph is " +
  "global, so run in list order the second thread's a closes b -> a against the recorded a -> b";
const QUEUED_RE_ER =
  "read_lock in hardirq is recursive (A -(SN)-> B), in process context with queued rwlocks it is not (B -(EN)-> A): " +
  "the cycle has no -(xR)-> -(Sx)-> pair, so check_noncircular() reports it at the process-context read_lock; " +
  "A never becomes irq-unsafe (irqs are off), so no usage check fires first";
const QUEUED_INVERSION =
  "B is HARDIRQ-safe and B -> A exists with A taken as a non-recursive reader; the final read_lock(A) with irqs on " +
  "marks A HARDIRQ-ON-R and check_usage_backwards() finds B: irq lock inversion at that op";
const HARDIRQ_NOT_SOFTIRQ =
  "at the last C -> D edge check_irq_usage() finds HARDIRQ-safe A backwards (A -> B -> C) and D HARDIRQ-unsafe " +
  "forwards (taken with bh off, irqs on); MA -> C -> D is softirq-unsafe -> softirq-safe, the harmless direction, so " +
  "the report is the hardirq safe -> unsafe order";
const WW_UNNEEDED_SLOW =
  "ww_mutex_lock_slow() begins with DEBUG_LOCKS_WARN_ON(!ctx->contending_lock): the slow path without a prior -EDEADLK";
const WW_TWO_CONTEXTS =
  "ww_acquire_init() does mutex_acquire(&ctx->dep_map) on the ww class's acquire key; a second context of that class " +
  "while the first is held is same-class nesting without nest_lock, so check_deadlock() reports recursive locking";
const WW_DONE_TWICE = "ww_acquire_done(): DEBUG_LOCKS_WARN_ON(ctx->done_acquire) on the second call";
const WW_FINI_TWICE =
  "the second ww_acquire_fini() does mutex_release() of the ctx map (6.13+: first of ctx->first_lock_dep_map), which " +
  "is no longer held: lock_release() prints 'bad unlock balance detected!' before any DEBUG_WW_MUTEX assert";
const WW_FINI_EARLY =
  "ww_acquire_fini(): DEBUG_LOCKS_WARN_ON(ctx->acquired) with O1 still locked; releasing the ctx map itself is fine for " +
  "lockdep (out-of-order release within a segment)";
const WW_LOCK_AFTER_DONE = "ww_mutex_lock_acquired(): DEBUG_LOCKS_WARN_ON(ww_ctx->done_acquire)";
const WW_OBJECT_UNLOCK_TWICE =
  "ww_mutex_unlock() ends in mutex_unlock(), whose slow path calls mutex_release() first (kernel/locking/mutex.c " +
  "__mutex_unlock_slowpath): lockdep's bad unlock balance precedes DEBUG_MUTEXES' owner check";
const WW_NO_UNLOCK =
  "after -EDEADLK contending_lock is O2; taking O2 again succeeds and ww_mutex_lock_acquired() trips " +
  "DEBUG_LOCKS_WARN_ON(ww_ctx->acquired > 0) because O1 was never unlocked";
const WW_WRONG_LOCK =
  "after -EDEADLK only the contended O2 may be taken; O3 is free, so the acquisition succeeds and " +
  "ww_mutex_lock_acquired() trips DEBUG_LOCKS_WARN_ON(ww_ctx->contending_lock != ww)";
const WW_SECOND_EDEADLK =
  "O3 is also held by the older context, so the attempt goes through __ww_mutex_kill(), which trips " +
  "DEBUG_LOCKS_WARN_ON(ww_ctx->contending_lock) while the first -EDEADLK is unresolved";
const WW_CONTEXT_BLOCK =
  "O2 without a context is a plain mutex acquire of class O while O1 (class O) is held, with no nest_lock: " +
  "check_deadlock() reports recursive locking";
const WW_NEST_ABOVE =
  "check_deadlock() walks the held stack from the bottom and meets O1 (class O) before the nest lock T1, which sits " +
  "above it, so the nest_lock exemption does not apply. Since 6.13 ww_acquire_init() also takes " +
  "ctx->first_lock_dep_map (a class-O map, nest_lock = ctx) and the same report fires one op earlier; the IR's " +
  "ww-context event carries no ww_mutex class, so the engine follows the earlier kernels and the table's position";
const WW_UNDER_SPINLOCK =
  "check_wait_context() runs in __lock_acquire() before validate_chain(), so the ww_mutex (SLEEP) under spinlock A " +
  "is an invalid wait context before the A/O cycle is looked at; mutex_lock's might_sleep splat is not a lockdep " +
  "report, and DESIGN §3 keeps the wait-context finding for one cause";

export const DECISIONS: readonly Decision[] = [
  { case: "irqsafe3_hard_spin_123", verdict: "inconsistent-lock-state", why: IRQSAFE3 },
  { case: "irqsafe3_hard_spin_132", verdict: "inconsistent-lock-state", why: IRQSAFE3 },
  { case: "irqsafe3_hard_spin_213", verdict: "inconsistent-lock-state", why: IRQSAFE3 },
  { case: "irqsafe3_hard_spin_231", verdict: "inconsistent-lock-state", why: IRQSAFE3 },
  { case: "irqsafe3_hard_spin_312", verdict: "inconsistent-lock-state", why: IRQSAFE3 },
  { case: "irqsafe3_hard_spin_321", verdict: "inconsistent-lock-state", why: IRQSAFE3 },
  { case: "irqsafe3_hard_wlock_123", verdict: "inconsistent-lock-state", why: IRQSAFE3 },
  { case: "irqsafe3_hard_wlock_132", verdict: "inconsistent-lock-state", why: IRQSAFE3 },
  { case: "irqsafe3_hard_wlock_213", verdict: "inconsistent-lock-state", why: IRQSAFE3 },
  { case: "irqsafe3_hard_wlock_231", verdict: "inconsistent-lock-state", why: IRQSAFE3 },
  { case: "irqsafe3_hard_wlock_312", verdict: "inconsistent-lock-state", why: IRQSAFE3 },
  { case: "irqsafe3_hard_wlock_321", verdict: "inconsistent-lock-state", why: IRQSAFE3 },
  { case: "irqsafe3_soft_spin_123", verdict: "inconsistent-lock-state", why: IRQSAFE3 },
  { case: "irqsafe3_soft_spin_132", verdict: "inconsistent-lock-state", why: IRQSAFE3 },
  { case: "irqsafe3_soft_spin_213", verdict: "inconsistent-lock-state", why: IRQSAFE3 },
  { case: "irqsafe3_soft_spin_231", verdict: "inconsistent-lock-state", why: IRQSAFE3 },
  { case: "irqsafe3_soft_spin_312", verdict: "inconsistent-lock-state", why: IRQSAFE3 },
  { case: "irqsafe3_soft_spin_321", verdict: "inconsistent-lock-state", why: IRQSAFE3 },
  { case: "irqsafe3_soft_wlock_123", verdict: "inconsistent-lock-state", why: IRQSAFE3 },
  { case: "irqsafe3_soft_wlock_132", verdict: "inconsistent-lock-state", why: IRQSAFE3 },
  { case: "irqsafe3_soft_wlock_213", verdict: "inconsistent-lock-state", why: IRQSAFE3 },
  { case: "irqsafe3_soft_wlock_231", verdict: "inconsistent-lock-state", why: IRQSAFE3 },
  { case: "irqsafe3_soft_wlock_312", verdict: "inconsistent-lock-state", why: IRQSAFE3 },
  { case: "irqsafe3_soft_wlock_321", verdict: "inconsistent-lock-state", why: IRQSAFE3 },
  { case: "irqsafe4_hard_spin_123", verdict: "irq-lock-inversion", why: INVERSION_ON_USAGE },
  { case: "irqsafe4_hard_spin_132", verdict: "irq-lock-inversion", why: INVERSION_ON_USAGE },
  { case: "irqsafe4_hard_spin_213", verdict: "irq-lock-inversion", why: INVERSION_ON_USAGE },
  { case: "irqsafe4_hard_spin_231", verdict: "irq-safe-unsafe-order", why: SAFE_UNSAFE_ON_EDGE },
  { case: "irqsafe4_hard_spin_312", verdict: "irq-lock-inversion", why: INVERSION_ON_USAGE },
  { case: "irqsafe4_hard_spin_321", verdict: "irq-safe-unsafe-order", why: SAFE_UNSAFE_ON_EDGE },
  { case: "irqsafe4_hard_wlock_123", verdict: "irq-lock-inversion", why: INVERSION_ON_USAGE },
  { case: "irqsafe4_hard_wlock_132", verdict: "irq-lock-inversion", why: INVERSION_ON_USAGE },
  { case: "irqsafe4_hard_wlock_213", verdict: "irq-lock-inversion", why: INVERSION_ON_USAGE },
  { case: "irqsafe4_hard_wlock_231", verdict: "irq-safe-unsafe-order", why: SAFE_UNSAFE_ON_EDGE },
  { case: "irqsafe4_hard_wlock_312", verdict: "irq-lock-inversion", why: INVERSION_ON_USAGE },
  { case: "irqsafe4_hard_wlock_321", verdict: "irq-safe-unsafe-order", why: SAFE_UNSAFE_ON_EDGE },
  { case: "irqsafe4_soft_spin_123", verdict: "irq-lock-inversion", why: INVERSION_ON_USAGE },
  { case: "irqsafe4_soft_spin_132", verdict: "irq-lock-inversion", why: INVERSION_ON_USAGE },
  { case: "irqsafe4_soft_spin_213", verdict: "irq-lock-inversion", why: INVERSION_ON_USAGE },
  { case: "irqsafe4_soft_spin_231", verdict: "irq-safe-unsafe-order", why: SAFE_UNSAFE_ON_EDGE },
  { case: "irqsafe4_soft_spin_312", verdict: "irq-lock-inversion", why: INVERSION_ON_USAGE },
  { case: "irqsafe4_soft_spin_321", verdict: "irq-safe-unsafe-order", why: SAFE_UNSAFE_ON_EDGE },
  { case: "irqsafe4_soft_wlock_123", verdict: "irq-lock-inversion", why: INVERSION_ON_USAGE },
  { case: "irqsafe4_soft_wlock_132", verdict: "irq-lock-inversion", why: INVERSION_ON_USAGE },
  { case: "irqsafe4_soft_wlock_213", verdict: "irq-lock-inversion", why: INVERSION_ON_USAGE },
  { case: "irqsafe4_soft_wlock_231", verdict: "irq-safe-unsafe-order", why: SAFE_UNSAFE_ON_EDGE },
  { case: "irqsafe4_soft_wlock_312", verdict: "irq-lock-inversion", why: INVERSION_ON_USAGE },
  { case: "irqsafe4_soft_wlock_321", verdict: "irq-safe-unsafe-order", why: SAFE_UNSAFE_ON_EDGE },
  { case: "irq_inversion_hard_spin_123", verdict: "irq-lock-inversion", why: INVERSION_ON_USAGE },
  { case: "irq_inversion_hard_spin_132", verdict: "irq-lock-inversion", why: INVERSION_ON_USAGE },
  { case: "irq_inversion_hard_spin_213", verdict: "irq-lock-inversion", why: INVERSION_ON_USAGE },
  { case: "irq_inversion_hard_spin_231", verdict: "irq-safe-unsafe-order", why: SAFE_UNSAFE_ON_EDGE },
  { case: "irq_inversion_hard_spin_312", verdict: "irq-lock-inversion", why: INVERSION_ON_USAGE },
  { case: "irq_inversion_hard_spin_321", verdict: "irq-safe-unsafe-order", why: SAFE_UNSAFE_ON_EDGE },
  { case: "irq_inversion_hard_wlock_123", verdict: "irq-lock-inversion", why: INVERSION_ON_USAGE },
  { case: "irq_inversion_hard_wlock_132", verdict: "irq-lock-inversion", why: INVERSION_ON_USAGE },
  { case: "irq_inversion_hard_wlock_213", verdict: "irq-lock-inversion", why: INVERSION_ON_USAGE },
  { case: "irq_inversion_hard_wlock_231", verdict: "irq-safe-unsafe-order", why: SAFE_UNSAFE_ON_EDGE },
  { case: "irq_inversion_hard_wlock_312", verdict: "irq-lock-inversion", why: INVERSION_ON_USAGE },
  { case: "irq_inversion_hard_wlock_321", verdict: "irq-safe-unsafe-order", why: SAFE_UNSAFE_ON_EDGE },
  { case: "irq_inversion_soft_spin_123", verdict: "irq-lock-inversion", why: INVERSION_ON_USAGE },
  { case: "irq_inversion_soft_spin_132", verdict: "irq-lock-inversion", why: INVERSION_ON_USAGE },
  { case: "irq_inversion_soft_spin_213", verdict: "irq-lock-inversion", why: INVERSION_ON_USAGE },
  { case: "irq_inversion_soft_spin_231", verdict: "irq-safe-unsafe-order", why: SAFE_UNSAFE_ON_EDGE },
  { case: "irq_inversion_soft_spin_312", verdict: "irq-lock-inversion", why: INVERSION_ON_USAGE },
  { case: "irq_inversion_soft_spin_321", verdict: "irq-safe-unsafe-order", why: SAFE_UNSAFE_ON_EDGE },
  { case: "irq_inversion_soft_wlock_123", verdict: "irq-lock-inversion", why: INVERSION_ON_USAGE },
  { case: "irq_inversion_soft_wlock_132", verdict: "irq-lock-inversion", why: INVERSION_ON_USAGE },
  { case: "irq_inversion_soft_wlock_213", verdict: "irq-lock-inversion", why: INVERSION_ON_USAGE },
  { case: "irq_inversion_soft_wlock_231", verdict: "irq-safe-unsafe-order", why: SAFE_UNSAFE_ON_EDGE },
  { case: "irq_inversion_soft_wlock_312", verdict: "irq-lock-inversion", why: INVERSION_ON_USAGE },
  { case: "irq_inversion_soft_wlock_321", verdict: "irq-safe-unsafe-order", why: SAFE_UNSAFE_ON_EDGE },
  { case: "irq_read_recursion2_hard_wlock_123", verdict: "irq-lock-inversion", why: READ_RECURSION_WRITE_EDGE },
  { case: "irq_read_recursion2_hard_wlock_132", verdict: "irq-lock-inversion", why: READ_RECURSION_WRITE_EDGE },
  { case: "irq_read_recursion2_hard_wlock_213", verdict: "irq-lock-inversion", why: READ_RECURSION_WRITE_EDGE },
  { case: "irq_read_recursion2_hard_wlock_231", verdict: "irq-safe-unsafe-order", why: READ_RECURSION_WRITE_EDGE },
  { case: "irq_read_recursion2_hard_wlock_312", verdict: "irq-lock-inversion", why: READ_RECURSION_WRITE_EDGE },
  { case: "irq_read_recursion2_hard_wlock_321", verdict: "irq-safe-unsafe-order", why: READ_RECURSION_WRITE_EDGE },
  { case: "irq_read_recursion2_soft_wlock_123", verdict: "irq-lock-inversion", why: READ_RECURSION_WRITE_EDGE },
  { case: "irq_read_recursion2_soft_wlock_132", verdict: "irq-lock-inversion", why: READ_RECURSION_WRITE_EDGE },
  { case: "irq_read_recursion2_soft_wlock_213", verdict: "irq-lock-inversion", why: READ_RECURSION_WRITE_EDGE },
  { case: "irq_read_recursion2_soft_wlock_231", verdict: "irq-safe-unsafe-order", why: READ_RECURSION_WRITE_EDGE },
  { case: "irq_read_recursion2_soft_wlock_312", verdict: "irq-lock-inversion", why: READ_RECURSION_WRITE_EDGE },
  { case: "irq_read_recursion2_soft_wlock_321", verdict: "irq-safe-unsafe-order", why: READ_RECURSION_WRITE_EDGE },
  { case: "irq_read_recursion3_hard_wlock_123", verdict: "irq-lock-inversion", why: READ_RECURSION_WRITE_EDGE },
  { case: "irq_read_recursion3_hard_wlock_132", verdict: "irq-lock-inversion", why: READ_RECURSION_WRITE_EDGE },
  { case: "irq_read_recursion3_hard_wlock_213", verdict: "irq-lock-inversion", why: READ_RECURSION_WRITE_EDGE },
  { case: "irq_read_recursion3_hard_wlock_231", verdict: "irq-safe-unsafe-order", why: READ_RECURSION_WRITE_EDGE },
  { case: "irq_read_recursion3_hard_wlock_312", verdict: "irq-lock-inversion", why: READ_RECURSION_WRITE_EDGE },
  { case: "irq_read_recursion3_hard_wlock_321", verdict: "irq-safe-unsafe-order", why: READ_RECURSION_WRITE_EDGE },
  { case: "irq_read_recursion3_soft_wlock_123", verdict: "irq-lock-inversion", why: READ_RECURSION_WRITE_EDGE },
  { case: "irq_read_recursion3_soft_wlock_132", verdict: "irq-lock-inversion", why: READ_RECURSION_WRITE_EDGE },
  { case: "irq_read_recursion3_soft_wlock_213", verdict: "irq-lock-inversion", why: READ_RECURSION_WRITE_EDGE },
  { case: "irq_read_recursion3_soft_wlock_231", verdict: "irq-safe-unsafe-order", why: READ_RECURSION_WRITE_EDGE },
  { case: "irq_read_recursion3_soft_wlock_312", verdict: "irq-lock-inversion", why: READ_RECURSION_WRITE_EDGE },
  { case: "irq_read_recursion3_soft_wlock_321", verdict: "irq-safe-unsafe-order", why: READ_RECURSION_WRITE_EDGE },
  { case: "ww_test_unneeded_slow", verdict: "ww-api-misuse", why: WW_UNNEEDED_SLOW },
  { case: "ww_test_two_contexts", verdict: "recursive-locking", why: WW_TWO_CONTEXTS },
  { case: "ww_test_context_done_twice", verdict: "ww-api-misuse", why: WW_DONE_TWICE },
  { case: "ww_test_context_unlock_twice", verdict: "bad-unlock-balance", why: WW_FINI_TWICE },
  { case: "ww_test_context_fini_early", verdict: "ww-api-misuse", why: WW_FINI_EARLY },
  { case: "ww_test_context_lock_after_done", verdict: "ww-api-misuse", why: WW_LOCK_AFTER_DONE },
  { case: "ww_test_object_unlock_twice", verdict: "bad-unlock-balance", why: WW_OBJECT_UNLOCK_TWICE },
  { case: "ww_test_edeadlk_no_unlock", verdict: "ww-api-misuse", why: WW_NO_UNLOCK },
  { case: "ww_test_edeadlk_no_unlock_slow", verdict: "ww-api-misuse", why: WW_NO_UNLOCK },
  { case: "ww_test_edeadlk_acquire_more", verdict: "ww-api-misuse", why: WW_WRONG_LOCK },
  { case: "ww_test_edeadlk_acquire_more_slow", verdict: "ww-api-misuse", why: WW_WRONG_LOCK },
  { case: "ww_test_edeadlk_acquire_more_edeadlk", verdict: "ww-api-misuse", why: WW_SECOND_EDEADLK },
  { case: "ww_test_edeadlk_acquire_more_edeadlk_slow", verdict: "ww-api-misuse", why: WW_SECOND_EDEADLK },
  { case: "ww_test_edeadlk_acquire_wrong", verdict: "ww-api-misuse", why: WW_WRONG_LOCK },
  { case: "ww_test_edeadlk_acquire_wrong_slow", verdict: "ww-api-misuse", why: WW_WRONG_LOCK },
  { case: "ww_test_context_block", verdict: "recursive-locking", why: WW_CONTEXT_BLOCK },
  { case: "ww_test_try_context", verdict: "recursive-locking", why: WW_NEST_ABOVE },
  { case: "ww_test_block_context", verdict: "recursive-locking", why: WW_NEST_ABOVE },
  { case: "ww_test_spin_block", verdict: "invalid-wait-context", why: WW_UNDER_SPINLOCK },
  { case: "ww_test_spin_context", verdict: "invalid-wait-context", why: WW_UNDER_SPINLOCK },
  { case: "queued_read_lock_hardirq_RE_Er", verdict: "circular-dependency", why: QUEUED_RE_ER },
  { case: "queued_read_lock_hardirq_inversion", verdict: "irq-lock-inversion", why: QUEUED_INVERSION },
  { case: "hardirq_unsafe_softirq_safe", verdict: "irq-safe-unsafe-order", why: HARDIRQ_NOT_SOFTIRQ },
  { case: "lib_ABBA", verdict: "circular-dependency", why: LIBLOCKDEP_PAIRS },
  { case: "lib_ABBCCA", verdict: "circular-dependency", why: LIBLOCKDEP_PAIRS },
  { case: "lib_ABCABC", verdict: "circular-dependency", why: LIBLOCKDEP_PAIRS },
  { case: "lib_ABBCCDDA", verdict: "circular-dependency", why: LIBLOCKDEP_PAIRS },
  { case: "lib_ABCDBDDA", verdict: "circular-dependency", why: LIBLOCKDEP_PAIRS },
  { case: "lib_ABBA_2threads", verdict: "circular-dependency", why: LIBLOCKDEP_TWO_THREADS },
];
