/**
 * Wait-type numbers as the checked configuration prints and compares them (lockdep_types.h):
 * without CONFIG_PROVE_RAW_LOCK_NESTING, LD_WAIT_CONFIG is LD_WAIT_SPIN, so SLEEP prints 3 and
 * process context 4 (what most pre-6.13 splats show). PREEMPT_RT implies the raw nesting rules.
 */
import { WAIT, type WaitType } from "./lock-kinds.js";
import { TASK_CONTEXT } from "./task-state.js";

export interface WaitNumbers {
  /** Number for a wait type under this configuration. */
  readonly of: (w: WaitType) => number;
  /** A task's own wait context, by its TASK_CONTEXT. */
  readonly ofTask: Int8Array;
}

export function waitNumbers(rawNesting: boolean): WaitNumbers {
  const of = (w: WaitType): number => (rawNesting || w < WAIT.CONFIG ? w : w - 1);
  const ofTask = new Int8Array(4);
  ofTask[TASK_CONTEXT.PROCESS] = of(WAIT.MAX);
  // Softirqs are always threaded as far as wait types go (task_wait_context in lockdep.c).
  ofTask[TASK_CONTEXT.SOFTIRQ] = of(WAIT.CONFIG);
  ofTask[TASK_CONTEXT.THREADED_HARDIRQ] = of(WAIT.CONFIG);
  ofTask[TASK_CONTEXT.HARDIRQ] = of(WAIT.SPIN);
  return { of, ofTask };
}
