/**
 * Invalid wait context (lockdep's check_wait_context): a lock may not be taken where its kind of
 * waiting is impossible — a mutex (sleeps) under a spinlock or in an interrupt, a spinlock_t
 * (sleeps on PREEMPT_RT) under a raw_spinlock_t. The context is the task's (process, softirq,
 * threaded or plain hardirq) narrowed by every held lock of the current irq segment; disabled
 * interrupts do not narrow it (might_sleep covers those).
 */
import type { EngineCore } from "../core.js";
import { FINDING_TITLES } from "../finding.js";
import { WAIT } from "../lock-kinds.js";
import type { HeldLock, TaskState } from "../task-state.js";

/** The task's own wait context as printed in `context-{c:c}`. */
export function taskWaitContext(core: EngineCore, task: TaskState): number {
  const w = core.wait;
  if (task.hardirqDepth > 0) return w.hardirqContext(task.hardirqThreaded[task.hardirqThreaded.length - 1] ?? false);
  if (task.softirqDepth > 0) return w.softirqContext;
  return w.processContext;
}

/** The wait context a new entry nests in: that of `top`, its segment's top entry, else the task's own. */
export function waitContextOn(core: EngineCore, task: TaskState, top: HeldLock | undefined): number {
  return top !== undefined ? top.waitCtx : taskWaitContext(core, task);
}

/** The wait context a lock with wait number `inner` leaves for what nests inside it (stored on the entry when pushed). */
export function waitContextAfter(below: number, inner: number): number {
  return inner < 0 || inner >= below ? below : inner;
}

/** Returns true when the acquisition is in an invalid wait context (and reports it). */
export function checkWaitContext(core: EngineCore, task: TaskState, next: HeldLock, curr: number): boolean {
  const classes = core.classes;
  if (classes.innerWait[next.cls]! < 0 || next.trylock) return false;
  if (classes.outerWait[next.cls]! <= curr) return false;
  const context = taskWaitContext(core, task);
  const held = task.held;
  const inner = (h: HeldLock): number => classes.traits(h.cls).inner;
  const culprit = held.reduce<HeldLock | undefined>((min, h) => (inner(h) !== WAIT.INV && (!min || inner(h) < inner(min)) ? h : min), undefined);
  core.log.report(`wait:${next.cls}:${culprit?.cls ?? "ctx" + context}`, () =>
    core.finding(task, FINDING_TITLES["invalid-wait-context"], { kind: "invalid-wait-context", lock: core.describe.held(next), context }, next.stack, {
      locks: culprit ? [next.cls, culprit.cls] : [next.cls],
    }),
  );
  return true;
}
