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
import type { HeldLock } from "../held-stack.js";
import type { TaskState } from "../task-state.js";

export const enum DeadlockCheck {
  Ok = 0,
  Reported = 1,
  /** Legal same-class nesting under a nest lock: add no dependencies. */
  Nested = 2,
}

/** Checks the lock being acquired, slot `next` of the task's held stack, against the entries below it. */
export function checkRecursion(core: EngineCore, task: TaskState, next: number): DeadlockCheck {
  const held = task.held;
  const cls = held.cls[next]!;
  const read = held.read(next);
  const nestLock = held.nestOf(next);
  let nest = false;
  for (let i = 0; i < next; i++) {
    if (nestLock !== undefined && held.instance[i] === nestLock) nest = true;
    if (held.cls[i] !== cls) continue;
    if (read === 2 && held.read(i) !== 0) continue;
    if (nest) return DeadlockCheck.Nested;
    reportRecursion(core, task, held.entry(i), held.entry(next));
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
