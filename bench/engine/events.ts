/**
 * The events stream of `bench/events.ts` (issue 5: the engine must not slow down by more than
 * 10 % with waits on events in the stream). Post-processes a built stream: before a share of its might_sleep
 * points the task waits on one of its events (a momentary acquisition of an `event` class, as
 * the scenario front-end emits for wait_for_completion), and every task signals its event from
 * time to time (a `dependency` from the event to a leaf class nothing is ever taken under, so the
 * stream stays free of findings by design).
 */
import type { ClassId, Event } from "../../src/ir/index.js";
import type { Prng } from "./prng.js";

export interface EventsPlan {
  /** Share of might_sleep points preceded by a wait. */
  readonly waitShare: number;
  /** One signal dependency per this many events of a task. */
  readonly signalEvery: number;
}

/** The pool with waits and signals added, and the definitions of their classes (ids from `firstFreeId`). */
export function addEvents(firstFreeId: ClassId, pool: readonly Event[], plan: EventsPlan, prng: Prng): { defines: Event[]; pool: Event[] } {
  const tasks = [...new Set(pool.map((e) => ("task" in e ? e.task : 0)))].filter((t) => t > 0);
  /** Each task waits on the event of the task after it (in order of first appearance). */
  const waitsOn = new Map(tasks.map((t, i) => [t, tasks[(i + 1) % tasks.length]!]));
  const eventOf = new Map<number, ClassId>();
  const leafOf = new Map<number, ClassId>();
  const defs: Event[] = [];
  let next = firstFreeId;
  for (const t of tasks) {
    const ev = next++;
    const leaf = next++;
    eventOf.set(t, ev);
    leafOf.set(t, leaf);
    defs.push({ kind: "define-class", id: ev, name: `(completion)task${t}_done`, lock: "event" });
    defs.push({ kind: "define-class", id: leaf, name: `task${t}_leaf`, lock: "lockdep_map" });
  }
  const out: Event[] = [];
  const seen = new Map<number, number>();
  for (const e of pool) {
    const task = "task" in e ? e.task : 0;
    if (e.kind === "sleep" && prng.next() < plan.waitShare) {
      // Waits on another task's event (what a flush or completion wait looks like).
      out.push({ kind: "acquire", task, class: eventOf.get(waitsOn.get(task)!)!, mode: "write", momentary: true, stack: e.stack });
    }
    out.push(e);
    const n = (seen.get(task) ?? 0) + 1;
    seen.set(task, n);
    if (task > 0 && n % plan.signalEvery === 0) {
      out.push({ kind: "dependency", task, from: eventOf.get(task)!, to: leafOf.get(task)!, stack: "stack" in e && e.stack ? e.stack : [] });
    }
  }
  return { defines: defs, pool: out };
}
