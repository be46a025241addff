/**
 * Invalid wait context (lockdep's check_wait_context): a lock may not be taken where its kind of
 * waiting is impossible — a mutex (sleeps) under a spinlock or in an interrupt, a spinlock_t
 * (sleeps on PREEMPT_RT) under a raw_spinlock_t. The context is the task's (process, softirq,
 * threaded or plain hardirq) narrowed by every held lock of the current irq segment; disabled
 * interrupts do not narrow it (might_sleep covers those).
 */
import type { ClassTable } from "../classes.js";
import type { EngineCore } from "../core.js";
import { FINDING_TITLES } from "../finding.js";
import { WAIT } from "../lock-kinds.js";
import { ENTRY } from "../held-stack.js";
import type { TaskState } from "../task-state.js";

/** The task's own wait context as printed in `context-{c:c}`. */
export function taskWaitContext(core: EngineCore, task: TaskState): number {
  return core.wait.ofTask[task.waitContextKind]!;
}

/** The wait context a new entry nests in: that of `top`, its segment's top entry (-1 for none), else the task's own. */
export function waitContextOn(core: EngineCore, task: TaskState, top: number): number {
  return top >= 0 ? task.held.waitCtx[top]! : taskWaitContext(core, task);
}

/** The wait context a lock with wait number `inner` leaves for what nests inside it (stored on the entry when pushed). */
export function waitContextAfter(below: number, inner: number): number {
  return inner < 0 || inner >= below ? below : inner;
}

/**
 * Whether class `cls`, taken with entry `flags`, may be taken in wait context `curr`: its outer
 * type fits, it has none (INV; such a class's inner type is INV too), or it is a trylock.
 */
export function waitContextValid(classes: ClassTable, cls: number, flags: number, curr: number): boolean {
  return classes.outerWait[cls]! <= curr || classes.innerWait[cls]! < 0 || (flags & ENTRY.TRYLOCK) !== 0;
}

/**
 * Returns true when the lock being acquired, slot `next` of the task's held stack, is in an
 * invalid wait context `curr` (and reports it).
 */
export function checkWaitContext(core: EngineCore, task: TaskState, next: number, curr: number): boolean {
  const classes = core.classes;
  const held = task.held;
  const cls = held.cls[next]!;
  if (waitContextValid(classes, cls, held.flags[next]!, curr)) return false;
  const context = taskWaitContext(core, task);
  let culprit = -1;
  for (let i = 0; i < next; i++) {
    const inner = classes.traits(held.cls[i]!).inner;
    if (inner !== WAIT.INV && (culprit < 0 || inner < classes.traits(held.cls[culprit]!).inner)) culprit = i;
  }
  const culpritCls = culprit >= 0 ? held.cls[culprit]! : undefined;
  core.log.report(`wait:${cls}:${culpritCls ?? "ctx" + context}`, () =>
    core.finding(task, FINDING_TITLES["invalid-wait-context"], { kind: "invalid-wait-context", lock: core.describe.held(held.entry(next)), context }, held.stack[next]!, {
      locks: culpritCls !== undefined ? [cls, culpritCls] : [cls],
    }),
  );
  return true;
}
