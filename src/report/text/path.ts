/**
 * Turning `Finding.chain` (dependencies in graph order, each with the stack that first made it)
 * into the entries lockdep prints for a BFS path: `print_circular_bug` walks from the far end
 * back to the root, and `print_shortest_lock_dependencies[_backwards]` print one block per
 * class, deepest first, indented by depth.
 */
import type { Stack } from "../../ir/index.js";
import type { ClassInfo, Dependency } from "../../engine/finding.js";
import { className, stackLines } from "./lines.js";

/**
 * The part of `chain` that runs from `start` to `end`: rotated so it begins at the dependency
 * leaving `start` (a cycle may be listed from any member) and cut after the first dependency
 * reaching `end`. When no dependency leaves `start` the chain is used as given.
 */
export function pathBetween(chain: readonly Dependency[], start: string, end: string): Dependency[] {
  const first = chain.findIndex((dependency) => dependency.from.name === start);
  const rotated = first < 0 ? [...chain] : [...chain.slice(first), ...chain.slice(0, first)];
  const last = rotated.findIndex((dependency) => dependency.to.name === end);
  return last < 0 ? rotated : rotated.slice(0, last + 1);
}

/** One class of a printed path, with the trace shown under it (none for a backwards leaf). */
export interface PathEntry {
  readonly lock: ClassInfo;
  readonly trace: Stack | null;
}

/**
 * Lock-class blocks, the first entry deepest: `<depth spaces>-> (X){..}-{..}`, then
 * `<depth spaces> ... acquired at:` and the trace at 3 spaces, then an empty line.
 * lockdep also prints, inside `{ }`, the stack where the class gained each usage bit, and its
 * key's address; findings do not carry those (see src/report/README.md), so they are left out
 * rather than shown empty.
 */
export function classBlocks(entries: readonly PathEntry[]): string[] {
  const lines: string[] = [];
  entries.forEach((entry, index) => {
    const pad = " ".repeat(entries.length - 1 - index);
    lines.push(`${pad}-> ${className(entry.lock)}`);
    if (entry.trace === null) return;
    lines.push(`${pad} ... acquired at:`, ...stackLines(entry.trace, 3), "");
  });
  return lines;
}

/**
 * `print_shortest_lock_dependencies` for a forward path `root → … → leaf`: each class with the
 * stack of the dependency that reached it, the root with the current stack.
 */
export function forwardEntries(path: readonly Dependency[], root: ClassInfo, current: Stack): PathEntry[] {
  const reached = path.map((dependency) => ({ lock: dependency.to, trace: dependency.stack }));
  return [...reached.reverse(), { lock: root, trace: current }];
}

/**
 * The same for a path found searching backwards, `leaf → … → root`: lockdep's backward BFS
 * stores on each class the stack of the dependency *leaving* it, and the root gets the
 * current stack.
 */
export function backwardEntries(path: readonly Dependency[], root: ClassInfo, current: Stack): PathEntry[] {
  const left = path.map((dependency) => ({ lock: dependency.from, trace: dependency.stack }));
  return [...left, { lock: root, trace: current }];
}

/**
 * `print_shortest_lock_dependencies_backwards` (safe → … → holding lock): the leaf prints no
 * trace and every other class the stack of the dependency that reached it.
 */
export function safeSideEntries(path: readonly Dependency[], leaf: ClassInfo): PathEntry[] {
  return [{ lock: leaf, trace: null }, ...path.map((dependency) => ({ lock: dependency.to, trace: dependency.stack }))];
}
