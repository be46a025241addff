/**
 * Checks on the held-lock stack itself (lockdep's find_held_lock, debug_check_no_locks_held,
 * debug_check_no_locks_freed, the nest_lock check):
 * - bad unlock balance: releasing a lock this task does not hold in its current irq segment;
 * - held lock at exit: a task that ends or returns to user space holding locks;
 * - held lock freed: a held lock re-initialised or its memory freed;
 * - nested lock not held: `_nest_lock(l, n)` without holding `n`.
 */
import type { InstanceId, Stack } from "../../ir/index.js";
import type { EngineCore } from "../core.js";
import { siteOf } from "../core.js";
import { FINDING_TITLES } from "../finding.js";
import { ENTRY, type HeldLock } from "../held-stack.js";
import type { TaskState } from "../task-state.js";

/**
 * Index of the held entry for `instance`: the top entry, else searching down while staying in
 * the topmost irq segment (a hardirq may release a lock of the task it interrupted only while it
 * holds none of its own). -1 when not found.
 */
export function findHeld(core: EngineCore, task: TaskState, instance: InstanceId, keyNumber: number): number {
  const held = task.held;
  const flags = held.flags;
  const top = held.length - 1;
  const segment = top >= 0 ? flags[top]! & ENTRY.IRQ : 0;
  for (let i = top; i >= 0 && (flags[i]! & ENTRY.IRQ) === segment; i--) {
    // match_held_lock: the same object, or any object of the class merged into a nest entry.
    if (held.instance[i] === instance || (held.references[i]! > 0 && core.classes.keyNumber(held.cls[i]!) === keyNumber)) return i;
  }
  return -1;
}

export function reportBadUnlock(core: EngineCore, task: TaskState, name: string, stack: Stack): void {
  core.log.report(`unlock:${name}:${siteOf(stack)}`, () =>
    core.finding(task, FINDING_TITLES["bad-unlock-balance"], { kind: "bad-unlock-balance", lock: name }, stack, { lockNames: [name] }),
  );
}

export function checkHeldAtExit(core: EngineCore, task: TaskState, how: "exit" | "return-to-user", stack: Stack): void {
  if (task.held.length === 0) return;
  const title = how === "exit" ? `WARNING: ${task.name}/${task.pid} still has locks held!` : "WARNING: lock held when returning to user space!";
  const classes = [...task.held.cls.subarray(0, task.held.length)];
  core.log.report(`exit:${task.name}:${classes.join(",")}`, () =>
    core.finding(task, title, { kind: "held-lock-at-exit", how }, stack, { locks: classes }),
  );
}

export function checkFreed(core: EngineCore, task: TaskState, instance: InstanceId, stack: Stack): void {
  const i = task.held.indexOfInstance(instance);
  if (i < 0) return;
  const h = task.held.entry(i);
  core.log.report(`freed:${h.cls}:${siteOf(stack)}`, () =>
    core.finding(task, FINDING_TITLES["held-lock-freed"], { kind: "held-lock-freed", lock: core.describe.held(h) }, stack, { locks: [h.cls] }),
  );
}

export function checkNestLockHeld(core: EngineCore, task: TaskState, next: HeldLock, nameOf: (instance: InstanceId) => string): void {
  if (next.nestLock === undefined || task.held.indexOfInstance(next.nestLock) >= 0) return;
  const nestName = nameOf(next.nestLock);
  core.log.report(`nest:${next.cls}:${next.nestLock}`, () =>
    core.finding(task, FINDING_TITLES["nested-lock-not-held"], { kind: "nested-lock-not-held", lock: core.describe.held(next), nestLock: nestName }, next.stack, {
      locks: [next.cls],
    }),
  );
}
