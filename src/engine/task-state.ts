/**
 * Per-task state: the held-lock stack (one stack for all contexts, irq acquisitions pushed on top
 * of the interrupted task's locks, lockdep-notes.md §3) and the context counters that decide
 * irq usage, wait context and whether sleeping is allowed.
 */
import type { TaskId, Toggle } from "../ir/index.js";
import { HeldStack, type IrqContextBits } from "./held-stack.js";

/** Which context decides a task's own wait context (lockdep's task_wait_context): the innermost interrupt, if any. */
export const TASK_CONTEXT = { PROCESS: 0, SOFTIRQ: 1, THREADED_HARDIRQ: 2, HARDIRQ: 3 } as const;
export type TaskContext = (typeof TASK_CONTEXT)[keyof typeof TASK_CONTEXT];

/**
 * One task. Its interrupt nesting and disable counts change only through the methods below, which
 * also recompute what the acquisition path asks on every event (irq context, whether interrupts
 * are enabled, whether anything at all forbids sleeping): those are then plain field reads.
 */
export class TaskState {
  readonly held = new HeldStack();
  /** Per nested hardirq: whether it is force-threaded (wait context CONFIG). */
  private readonly hardirqThreaded: boolean[] = [];
  ended = false;

  private hardirqs = 0;
  private softirqs = 0;
  private irqsOff = 0;
  private bhOff = 0;
  private preemptOff = 0;
  private nonBlock = 0;
  private context: IrqContextBits = 0;
  private waitContext: TaskContext = TASK_CONTEXT.PROCESS;
  private hardOn = true;
  private softOn = true;
  private plain = true;

  constructor(
    readonly id: TaskId,
    readonly name: string,
    readonly pid: number,
  ) {}

  get hardirqDepth(): number {
    return this.hardirqs;
  }
  get softirqDepth(): number {
    return this.softirqs;
  }
  get irqsOffDepth(): number {
    return this.irqsOff;
  }
  get bhOffDepth(): number {
    return this.bhOff;
  }
  get preemptOffDepth(): number {
    return this.preemptOff;
  }
  get nonBlockDepth(): number {
    return this.nonBlock;
  }
  get irqContext(): IrqContextBits {
    return this.context;
  }
  get waitContextKind(): TaskContext {
    return this.waitContext;
  }
  /** Nothing disabled and not in an interrupt: only held locks could forbid sleeping. */
  get plainlyPreemptible(): boolean {
    return this.plain;
  }
  get inIrq(): boolean {
    return this.context !== 0;
  }
  /** Hard interrupts are off when disabled or inside a hardirq handler. */
  get hardirqsEnabled(): boolean {
    return this.hardOn;
  }
  get softirqsEnabled(): boolean {
    return this.softOn;
  }

  enterIrq(context: "hardirq" | "softirq", threaded: boolean): void {
    if (context === "hardirq") {
      this.hardirqs++;
      this.hardirqThreaded.push(threaded);
    } else this.softirqs++;
    this.settle();
  }

  /** Returns false, changing nothing, when the task is not in such an interrupt. */
  exitIrq(context: "hardirq" | "softirq"): boolean {
    if (context === "hardirq") {
      if (this.hardirqs === 0) return false;
      this.hardirqs--;
      this.hardirqThreaded.pop();
    } else {
      if (this.softirqs === 0) return false;
      this.softirqs--;
    }
    this.settle();
    return true;
  }

  /** A redundant enable is legal kernel code (local_irq_enable with irqs on): counts never go below 0. */
  toggle(what: Toggle, disable: boolean): void {
    const d = disable ? 1 : -1;
    switch (what) {
      case "hardirqs":
        this.irqsOff = Math.max(0, this.irqsOff + d);
        break;
      case "softirqs":
        this.bhOff = Math.max(0, this.bhOff + d);
        break;
      case "preemption":
        this.preemptOff = Math.max(0, this.preemptOff + d);
        break;
      case "blocking":
        this.nonBlock = Math.max(0, this.nonBlock + d);
        break;
    }
    this.settle();
  }

  /** Sets the counts of a task resumed in an already-checked state. */
  resume(counts: { hardirq?: { threaded: boolean }; softirq: boolean; hardirqs: number; softirqs: number; preemption: number; blocking: number }): void {
    if (counts.hardirq) {
      this.hardirqs = 1;
      this.hardirqThreaded.push(counts.hardirq.threaded);
    }
    if (counts.softirq) this.softirqs = 1;
    this.irqsOff = counts.hardirqs;
    this.bhOff = counts.softirqs;
    this.preemptOff = counts.preemption;
    this.nonBlock = counts.blocking;
    this.settle();
  }

  private settle(): void {
    this.context = (((this.hardirqs > 0 ? 2 : 0) | (this.softirqs > 0 ? 1 : 0)) as IrqContextBits);
    if (this.hardirqs > 0) this.waitContext = this.hardirqThreaded[this.hardirqs - 1] ? TASK_CONTEXT.THREADED_HARDIRQ : TASK_CONTEXT.HARDIRQ;
    else this.waitContext = this.softirqs > 0 ? TASK_CONTEXT.SOFTIRQ : TASK_CONTEXT.PROCESS;
    this.hardOn = this.irqsOff === 0 && this.hardirqs === 0;
    this.softOn = this.bhOff === 0 && this.softirqs === 0 && this.hardirqs === 0;
    this.plain = (this.hardirqs | this.softirqs | this.irqsOff | this.bhOff | this.preemptOff | this.nonBlock) === 0;
  }
}
