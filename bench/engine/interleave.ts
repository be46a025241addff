/**
 * Merges per-task scripts into one pool the way a scheduler would: a random runnable task runs a
 * short burst, then another. Each task's events stay in program order; nothing is copied but
 * references.
 */
import type { Event } from "../../src/ir/index.js";
import type { Prng } from "./prng.js";

export function interleave(scripts: readonly (readonly Event[])[], prng: Prng, maxBurst: number): Event[] {
  const pool: Event[] = [];
  const cursors = scripts.map(() => 0);
  const runnable = scripts.map((_, index) => index).filter((index) => (scripts[index]?.length ?? 0) > 0);
  while (runnable.length > 0) {
    const slot = prng.below(runnable.length);
    const task = runnable[slot]!;
    const script = scripts[task]!;
    const end = Math.min(script.length, cursors[task]! + prng.between(1, maxBurst));
    for (let at = cursors[task]!; at < end; at++) pool.push(script[at]!);
    cursors[task] = end;
    if (end === script.length) {
      runnable[slot] = runnable[runnable.length - 1]!;
      runnable.pop();
    }
  }
  return pool;
}
