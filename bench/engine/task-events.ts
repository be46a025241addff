/**
 * Pre-built, shared event objects for one task. A script repeats the same acquisition many
 * times; reusing one frozen-in-spirit object per (class, mode, trylock) keeps the pool small and
 * lets replay cost nothing but an array read per event.
 */
import type {
  AcquireEvent,
  AcquireMode,
  DisableEvent,
  EnableEvent,
  Event,
  IrqContext,
  IrqEnterEvent,
  IrqExitEvent,
  ReleaseEvent,
  SleepEvent,
  Stack,
  TaskId,
  Toggle,
} from "../../src/ir/index.js";
import type { BenchClass } from "./classes.js";

const IRQ_STACKS = {
  hardirq: [{ function: "handle_irq_event", file: "kernel/irq/handle.c", line: 202 }],
  softirq: [{ function: "handle_softirqs", file: "kernel/softirq.c", line: 554 }],
} as const satisfies Record<IrqContext, Stack>;

export class TaskEvents {
  private readonly cache = new Map<string, Event>();

  constructor(readonly task: TaskId) {}

  private reuse<E extends Event>(key: string, make: () => E): E {
    const known = this.cache.get(key);
    if (known !== undefined) return known as E;
    const made = make();
    this.cache.set(key, made);
    return made;
  }

  acquire(c: BenchClass, mode: AcquireMode, trylock: boolean): AcquireEvent {
    return this.reuse(`a${c.id}:${mode}:${trylock}`, () =>
      trylock
        ? { kind: "acquire", task: this.task, class: c.id, mode, trylock: true, stack: c.acquireStack }
        : { kind: "acquire", task: this.task, class: c.id, mode, stack: c.acquireStack },
    );
  }

  release(c: BenchClass): ReleaseEvent {
    return this.reuse(`r${c.id}`, () => ({ kind: "release", task: this.task, class: c.id, stack: c.releaseStack }));
  }

  /** `spin_lock_irqsave(c)` / `spin_lock_bh(c)`: the switch happens at the lock's own site. */
  disable(what: Toggle, around: BenchClass): DisableEvent {
    return this.reuse(`d${what}:${around.id}`, () => ({ kind: "disable", task: this.task, what, stack: around.acquireStack }));
  }

  enable(what: Toggle, around: BenchClass): EnableEvent {
    return this.reuse(`e${what}:${around.id}`, () => ({ kind: "enable", task: this.task, what, stack: around.releaseStack }));
  }

  irqEnter(context: IrqContext): IrqEnterEvent {
    return this.reuse(`i${context}`, () => ({ kind: "irq-enter", task: this.task, context, stack: IRQ_STACKS[context] }));
  }

  irqExit(context: IrqContext): IrqExitEvent {
    return this.reuse(`x${context}`, () => ({ kind: "irq-exit", task: this.task, context, stack: IRQ_STACKS[context] }));
  }

  /** `might_sleep()` at the site of the innermost held (sleeping) lock, or of the task's entry. */
  mightSleep(site: Stack): SleepEvent {
    return this.reuse(`s${this.stackKey(site)}`, () => ({ kind: "sleep", task: this.task, certainty: "might", stack: site }));
  }

  private readonly stackKeys = new Map<Stack, number>();
  private stackKey(stack: Stack): number {
    let key = this.stackKeys.get(stack);
    if (key === undefined) {
      key = this.stackKeys.size;
      this.stackKeys.set(stack, key);
    }
    return key;
  }
}
