/**
 * Circular dependency (lockdep's check_noncircular → print_circular_bug): adding `prev → next`
 * closes a strong cycle when `next` already reaches `prev` through the graph. Proves an ABBA
 * (or longer) deadlock between CPUs:
 *
 *     CPU0: lock(prev); ... lock(next);      CPU1: lock(next); ... lock(prev);
 *
 * The search starts at `next` entered as the new acquisition enters it; the closing edge
 * `prev → next` counts when prev is held exclusively or the path reaches prev non-recursively.
 */
import { FINDING_TITLES } from "../finding.js";
import { circularScenario } from "../describe.js";
import type { EngineCore } from "../core.js";
import type { HeldLock } from "../held-stack.js";
import type { TaskState } from "../task-state.js";
import { reportRecursion } from "./recursive.js";

/** Returns true when a cycle was found (and reported). */
export function checkNoncircular(core: EngineCore, task: TaskState, prev: HeldLock, next: HeldLock): boolean {
  const found = core.search.find(
    next.cls,
    next.read === 2,
    "forward",
    (cls, onlyRecursive) => cls === prev.cls && (prev.read === 0 || !onlyRecursive),
    undefined,
    core.classes.count,
  );
  if (!found) return false;
  if (prev.cls === next.cls) {
    reportRecursion(core, task, prev, next);
    return true;
  }
  const g = core.graph;
  const path = found.edges; // next → ... → prev
  const classes = [prev.cls, next.cls, ...path.slice(0, -1).map((e) => g.to[e]!)];
  const cause = `cycle:${[...classes].sort((a, b) => a - b).join(",")}`;
  const d = core.describe;
  const parent = g.from[path[path.length - 1]!]!;
  core.log.report(cause, () =>
    core.finding(task, FINDING_TITLES["circular-dependency"], { kind: "circular-dependency", lock: d.held(next), holding: d.held(prev) }, next.stack, {
      locks: classes,
      chain: [{ from: d.classInfo(prev.cls), to: d.classInfo(next.cls), stack: next.stack, ...(next.via ? { via: next.via } : {}) }, ...path.map((e) => core.dependency(e))],
      scenario: circularScenario(d.name(next.cls), next.read, d.name(prev.cls), prev.read, d.name(parent)),
    }),
  );
  return true;
}
