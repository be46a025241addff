/**
 * Recursive locking (lockdep's check_deadlock → print_deadlock_bug): taking a class the task
 * already holds. Proves an AA deadlock on one CPU:
 *
 *     CPU0: lock(A); lock(A);   — the second waits for the first forever.
 *
 * Allowed: a recursive read after any read of the class; same-class nesting under a `nest_lock`
 * found below the same-class entry (then no dependencies are added at all).
 */
import { FINDING_TITLES } from "../finding.js";
import { recursiveScenario } from "../describe.js";
import type { EngineCore } from "../core.js";
import type { HeldLock, TaskState } from "../task-state.js";

export const enum DeadlockCheck {
  Ok = 0,
  Reported = 1,
  /** Legal same-class nesting under a nest lock: add no dependencies. */
  Nested = 2,
}

export function checkRecursion(core: EngineCore, task: TaskState, next: HeldLock): DeadlockCheck {
  let nest = false;
  for (const prev of task.held) {
    if (next.nestLock !== undefined && prev.instance === next.nestLock) nest = true;
    if (prev.cls !== next.cls) continue;
    if (next.read === 2 && prev.read !== 0) continue;
    if (nest) return DeadlockCheck.Nested;
    reportRecursion(core, task, prev, next);
    return DeadlockCheck.Reported;
  }
  return DeadlockCheck.Ok;
}

export function reportRecursion(core: EngineCore, task: TaskState, prev: HeldLock, next: HeldLock): void {
  const d = core.describe;
  core.log.report(`recursive:${next.cls}`, () =>
    core.finding(task, FINDING_TITLES["recursive-locking"], { kind: "recursive-locking", lock: d.held(next), holding: d.held(prev) }, next.stack, {
      locks: [next.cls],
      scenario: recursiveScenario(d.name(prev.cls), prev.read, d.name(next.cls), next.read),
    }),
  );
}
