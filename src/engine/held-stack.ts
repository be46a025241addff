/**
 * A task's held-lock stack (lockdep's task_struct::held_locks), kept as parallel arrays indexed
 * by depth: the acquisition path reads and writes numbers in a few small typed arrays instead of
 * per-entry objects, which is what lets a warm engine check an event in tens of nanoseconds.
 * Entry objects (`HeldLock`) exist only as snapshots for the rare paths that report or re-order.
 *
 * Index `length` is the slot of the lock being acquired: the engine writes it there, validates it
 * against the entries below, and pushes it by incrementing `length` (or drops it by not doing so).
 */
import type { InstanceId, Stack } from "../ir/index.js";
import { doubled } from "./typed-arrays.js";

/** Which interrupt contexts the task is in (lockdep's irq_context: bit0 softirq, bit1 hardirq). */
export type IrqContextBits = 0 | 1 | 2 | 3;

/** Layout of `HeldStack.flags`. */
export const ENTRY = {
  /** Bits 0-1: 0 exclusive, 1 reader, 2 recursive reader. */
  READ: 3,
  TRYLOCK: 1 << 2,
  /** Bits 3-4: the irq context the lock was taken in (IrqContextBits). */
  IRQ_SHIFT: 3,
  IRQ: 3 << 3,
  /** Hard interrupts were off when it was taken. */
  HARDIRQS_OFF: 1 << 5,
  /** Taken with a nest lock, kept in `HeldStack.nestLock`. */
  NESTED: 1 << 6,
} as const;

/** A held entry as a value: what checks and reports see of one lock of the stack. */
export interface HeldLock {
  readonly cls: number;
  readonly instance: InstanceId;
  /** 0 exclusive, 1 reader, 2 recursive reader. */
  readonly read: number;
  readonly trylock: boolean;
  readonly irqContext: IrqContextBits;
  readonly hardirqsOff: boolean;
  /** Same-class acquisitions merged into this entry under a nest lock (0 when none). */
  readonly references: number;
  readonly nestLock: InstanceId | undefined;
  readonly stack: Stack;
  /** Only on the synthetic entries of a dependency event: the signal's stack. */
  readonly via?: Stack;
}

export const entryFlags = (read: number, trylock: boolean, irqContext: IrqContextBits, hardirqsOff: boolean): number =>
  read | (trylock ? ENTRY.TRYLOCK : 0) | (irqContext << ENTRY.IRQ_SHIFT) | (hardirqsOff ? ENTRY.HARDIRQS_OFF : 0);

export class HeldStack {
  length = 0;
  /** Per entry: class index. */
  cls = new Int32Array(16);
  /** Per entry: ENTRY bits. */
  flags = new Int32Array(16);
  /** Per entry: same-class acquisitions merged under a nest lock, 0 when none. */
  references = new Int32Array(16);
  /** Per entry: the chain key of its segment up to and including it (two 32-bit halves). */
  keyLo = new Uint32Array(16);
  keyHi = new Uint32Array(16);
  /**
   * Per entry: the wait context left for what nests inside, i.e. the task's context narrowed by
   * every lock of the segment up to and including this one (so the wait-context check is one
   * comparison).
   */
  waitCtx = new Int8Array(16);
  instance = new Float64Array(16);
  stack: Stack[] = [];
  /** Per entry with ENTRY.NESTED: its nest lock (stale elsewhere, never read). */
  readonly nestLock: InstanceId[] = [];

  /** Makes room for the slot at `length` (the arrays may be replaced: read them after this). */
  reserve(): number {
    const i = this.length;
    if (i === this.cls.length) this.grow();
    return i;
  }

  /** Writes slot `i` (not yet pushed unless `i < length`); references start at 0. */
  write(i: number, cls: number, instance: InstanceId, flags: number, stack: Stack): void {
    this.cls[i] = cls;
    this.instance[i] = instance;
    this.flags[i] = flags;
    this.references[i] = 0;
    this.stack[i] = stack;
  }

  read(i: number): number {
    return this.flags[i]! & ENTRY.READ;
  }
  trylock(i: number): boolean {
    return (this.flags[i]! & ENTRY.TRYLOCK) !== 0;
  }
  nestOf(i: number): InstanceId | undefined {
    return (this.flags[i]! & ENTRY.NESTED) !== 0 ? this.nestLock[i] : undefined;
  }

  /** The entry slot `i` nests on: `i - 1` when it is of the same irq segment, else -1 (a segment's first lock). */
  nestsOn(i: number): number {
    const below = i - 1;
    return below >= 0 && ((this.flags[below]! ^ this.flags[i]!) & ENTRY.IRQ) === 0 ? below : -1;
  }

  /** Snapshot of entry `i` (index `length` is the lock being acquired). */
  entry(i: number): HeldLock {
    const f = this.flags[i]!;
    return {
      cls: this.cls[i]!,
      instance: this.instance[i]!,
      read: f & ENTRY.READ,
      trylock: (f & ENTRY.TRYLOCK) !== 0,
      irqContext: ((f & ENTRY.IRQ) >>> ENTRY.IRQ_SHIFT) as IrqContextBits,
      hardirqsOff: (f & ENTRY.HARDIRQS_OFF) !== 0,
      references: this.references[i]!,
      nestLock: this.nestOf(i),
      stack: this.stack[i]!,
    };
  }

  /** Snapshots of the pushed entries, bottom first. */
  entries(): HeldLock[] {
    const out: HeldLock[] = [];
    for (let i = 0; i < this.length; i++) out.push(this.entry(i));
    return out;
  }

  /** Index of the lowest entry holding `instance`, or -1. */
  indexOfInstance(instance: InstanceId): number {
    for (let i = 0; i < this.length; i++) if (this.instance[i] === instance) return i;
    return -1;
  }

  /** Writes snapshot `h` into slot `i`, keeping its references and nest lock. */
  restore(i: number, h: HeldLock): void {
    this.write(i, h.cls, h.instance, entryFlags(h.read, h.trylock, h.irqContext, h.hardirqsOff) | (h.nestLock !== undefined ? ENTRY.NESTED : 0), h.stack);
    this.references[i] = h.references;
    if (h.nestLock !== undefined) this.nestLock[i] = h.nestLock;
  }

  private grow(): void {
    this.cls = doubled(this.cls);
    this.flags = doubled(this.flags);
    this.references = doubled(this.references);
    this.keyLo = doubled(this.keyLo);
    this.keyHi = doubled(this.keyHi);
    this.waitCtx = doubled(this.waitCtx);
    this.instance = doubled(this.instance);
  }
}
