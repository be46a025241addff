/**
 * The compact form of the hot events, for producers of hundreds of millions of them (trace
 * importers, benchmarks): fixed-width Int32 records in one typed array, stacks by index into a
 * table. Each record means exactly the event it encodes (see events.ts); the engine checks both
 * forms with the same code. Class definitions, task starts and ends, ww contexts and the other
 * rare events stay objects.
 *
 * Record layout, RECORD_WIDTH ints: [op, task, a, b, c, stack]
 * - ACQUIRE: a = class, b = instance (NO_INSTANCE for the class's default), c = flags
 *   (bits 0-1 mode 0 write / 1 read / 2 recursive-read, bit 2 trylock, bit 3 momentary,
 *   bits 4-6 subclass)
 * - RELEASE: a = class, b = instance
 * - DISABLE / ENABLE: a = index in TOGGLES
 * - IRQ_ENTER / IRQ_EXIT: a = 0 hardirq / 1 softirq, b = 1 when a threaded hardirq
 * - SLEEP: a = 0 might / 1 actual
 * - stack: index into the stack table, or NO_STACK
 */
import { ACQUIRE_MODES, TOGGLES, type Event, type Stack } from "./events.js";

export const RECORD_WIDTH = 6;
export const NO_INSTANCE = -0x80000000;
export const NO_STACK = -1;

export const OP = { ACQUIRE: 1, RELEASE: 2, DISABLE: 3, ENABLE: 4, IRQ_ENTER: 5, IRQ_EXIT: 6, SLEEP: 7 } as const;

export const FLAG_TRYLOCK = 1 << 2;
export const FLAG_MOMENTARY = 1 << 3;
export const SUBCLASS_SHIFT = 4;

/** Encodes the events that have a compact form; others return false (apply them as objects). */
export function encodeEvent(e: Event, out: Int32Array, at: number, stackIndex: (s: Stack) => number): boolean {
  const o = at * RECORD_WIDTH;
  let op: number;
  let a = 0;
  let b = 0;
  let c = 0;
  let stack: Stack | undefined;
  switch (e.kind) {
    case "acquire":
      if (e.nestLock !== undefined || e.ww) return false;
      op = OP.ACQUIRE;
      a = e.class;
      b = e.instance ?? NO_INSTANCE;
      c = ACQUIRE_MODES.indexOf(e.mode) | (e.trylock ? FLAG_TRYLOCK : 0) | (e.momentary ? FLAG_MOMENTARY : 0) | ((e.subclass ?? 0) << SUBCLASS_SHIFT);
      stack = e.stack;
      break;
    case "release":
      op = OP.RELEASE;
      a = e.class;
      b = e.instance ?? NO_INSTANCE;
      stack = e.stack;
      break;
    case "disable":
    case "enable":
      op = e.kind === "disable" ? OP.DISABLE : OP.ENABLE;
      a = TOGGLES.indexOf(e.what);
      stack = e.stack;
      break;
    case "irq-enter":
    case "irq-exit":
      op = e.kind === "irq-enter" ? OP.IRQ_ENTER : OP.IRQ_EXIT;
      a = e.context === "hardirq" ? 0 : 1;
      b = e.kind === "irq-enter" && e.threaded ? 1 : 0;
      stack = e.stack;
      break;
    case "sleep":
      op = OP.SLEEP;
      a = e.certainty === "might" ? 0 : 1;
      stack = e.stack;
      break;
    default:
      return false;
  }
  out[o] = op;
  out[o + 1] = e.task;
  out[o + 2] = a;
  out[o + 3] = b;
  out[o + 4] = c;
  out[o + 5] = stack ? stackIndex(stack) : NO_STACK;
  return true;
}
