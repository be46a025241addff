/**
 * Per-task state: the held-lock stack (one stack for all contexts, irq acquisitions pushed on top
 * of the interrupted task's locks, lockdep-notes.md §3) and the context counters that decide
 * irq usage, wait context and whether sleeping is allowed.
 */
import type { InstanceId, Stack, TaskId } from "../ir/index.js";
import type { KeyRecord } from "./classes.js";

/** Which interrupt contexts the task is in (lockdep's irq_context: bit0 softirq, bit1 hardirq). */
export type IrqContextBits = 0 | 1 | 2 | 3;

export interface HeldLock {
  cls: number;
  key: KeyRecord;
  instance: InstanceId;
  /** 0 exclusive, 1 reader, 2 recursive reader. */
  read: number;
  trylock: boolean;
  check: boolean;
  irqContext: IrqContextBits;
  hardirqsOff: boolean;
  /** Same-class acquisitions merged into this entry under a nest lock. */
  references: number;
  nestLock: InstanceId | undefined;
  /** ww_mutex acquire context holding this lock. */
  wwCtx: InstanceId | undefined;
  stack: Stack;
  /** Chain key of the segment up to and including this entry. */
  keyLo: number;
  keyHi: number;
  /**
   * Wait context left for what nests inside: the task's context narrowed by every lock of this
   * segment up to and including this one (so the wait-context check is one comparison).
   */
  waitCtx: number;
  /** Set only on the synthetic entries of a dependency event: the signal's stack. */
  via: Stack | undefined;
}

export class TaskState {
  readonly held: HeldLock[] = [];
  /** Released entries kept for reuse: a warm task acquires without allocating. */
  readonly pool: HeldLock[] = [];
  hardirqDepth = 0;
  softirqDepth = 0;
  /** Per nested hardirq: whether it is force-threaded (wait context CONFIG). */
  readonly hardirqThreaded: boolean[] = [];
  irqsOffDepth = 0;
  bhOffDepth = 0;
  preemptOffDepth = 0;
  nonBlockDepth = 0;
  ended = false;

  constructor(
    readonly id: TaskId,
    readonly name: string,
    readonly pid: number,
  ) {}

  get irqContext(): IrqContextBits {
    return (((this.hardirqDepth > 0 ? 2 : 0) | (this.softirqDepth > 0 ? 1 : 0)) as IrqContextBits);
  }
  /** Nothing disabled and not in an interrupt: only held locks could forbid sleeping. */
  get plainlyPreemptible(): boolean {
    return (this.hardirqDepth | this.softirqDepth | this.irqsOffDepth | this.bhOffDepth | this.preemptOffDepth | this.nonBlockDepth) === 0;
  }
  get inIrq(): boolean {
    return this.hardirqDepth > 0 || this.softirqDepth > 0;
  }
  /** Hard interrupts are off when disabled or inside a hardirq handler. */
  get hardirqsEnabled(): boolean {
    return this.irqsOffDepth === 0 && this.hardirqDepth === 0;
  }
  get softirqsEnabled(): boolean {
    return this.bhOffDepth === 0 && this.softirqDepth === 0 && this.hardirqDepth === 0;
  }

  holdsInstance(instance: InstanceId): boolean {
    return this.held.some((h) => h.instance === instance);
  }
}
