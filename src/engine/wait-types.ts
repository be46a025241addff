/**
 * Wait-type numbers as the checked configuration prints and compares them (lockdep_types.h):
 * without CONFIG_PROVE_RAW_LOCK_NESTING, LD_WAIT_CONFIG is LD_WAIT_SPIN, so SLEEP prints 3 and
 * process context 4 (what most pre-6.13 splats show). PREEMPT_RT implies the raw nesting rules.
 */
import { WAIT, type WaitType } from "./lock-kinds.js";

export interface WaitNumbers {
  /** Number for a wait type under this configuration. */
  readonly of: (w: WaitType) => number;
  readonly processContext: number;
  readonly softirqContext: number;
  readonly hardirqContext: (threaded: boolean) => number;
}

export function waitNumbers(rawNesting: boolean): WaitNumbers {
  const of = (w: WaitType): number => (rawNesting || w < WAIT.CONFIG ? w : w - 1);
  return {
    of,
    processContext: of(WAIT.MAX),
    // Softirqs are always threaded as far as wait types go (task_wait_context in lockdep.c).
    softirqContext: of(WAIT.CONFIG),
    hardirqContext: (threaded) => of(threaded ? WAIT.CONFIG : WAIT.SPIN),
  };
}
