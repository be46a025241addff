/**
 * Cases the event language cannot express. Each names what the kernel test does
 * (lib/locking-selftest.c) and what is missing; a test checks that these are exactly the cases
 * the translator rejects.
 */
export interface Skip {
  readonly case: string;
  readonly why: string;
}

export const SKIPS: readonly Skip[] = [
  {
    case: "ww_test_diff_class",
    why:
      "sets t.ww_class = NULL so ww_mutex_lock trips DEBUG_LOCKS_WARN_ON(ww_ctx->ww_class != ww->ww_class); " +
      "the IR ties no ww class to an acquire context, so the mismatch cannot be stated",
  },
  {
    case: "ww_test_object_lock_unbalanced",
    why:
      "zeroes t.acquired so ww_mutex_unlock trips DEBUG_LOCKS_WARN_ON(!lock->ctx->acquired); " +
      "a corrupted context counter has no event",
  },
  {
    case: "ww_test_object_lock_stale_context",
    why:
      "writes o.ctx = &t2 before ww_mutex_lock so DEBUG_LOCKS_WARN_ON(ww->ctx) fires; " +
      "a lock object carrying a stale context pointer has no event",
  },
  {
    case: "lockdep_set_subclass_name",
    why:
      "checks that lockdep_set_subclass() keeps the class name and acquires nothing; " +
      "the IR has no re-keying event (lockdep_set_class/subclass), so nothing would run",
  },
];
