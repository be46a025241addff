/**
 * Breadth-first search over the dependency graph for *strong* paths (lockdep-design.rst): a path
 * may not enter a lock as a recursive reader (-(xR)->) and leave it through an edge where it was
 * held shared (-(Sx)->). BFS gives the shortest path, which reports print.
 *
 * Each visit carries one bit of state. Forward: "every way into this lock so far is -(xR)->"
 * (lockdep's `only_xr`), which masks out its -(Sx)-> edges. Backward: "every way out of this lock
 * towards the start is -(Sx)->", which masks out the -(xR)-> edges into it.
 *
 * Deliberate difference from lockdep (lockdep-notes.md §7): lockdep marks a class visited on
 * first arrival whatever the state, so a class first reached through a weak path is never
 * reconsidered through a strong one, and some real cycles are missed. We track (class, state)
 * pairs: the less restricted state is searched too, never more than twice per class.
 */
import { DEP_FROM_E, DEP_TO_N, type DependencyGraph } from "./graph.js";

export type Direction = "forward" | "backward";

export interface PathFound {
  /** The class that matched. */
  readonly target: number;
  /** Edge ids from the start to the target, in traversal order. */
  readonly edges: readonly number[];
  /** The matched visit's state bit. */
  readonly restricted: boolean;
}

/** Reused buffers: one search at a time (the engine is single-threaded). */
export class PathSearch {
  private visited: Int32Array<ArrayBuffer> = new Int32Array(0);
  private parentEdge = new Int32Array(0);
  private parentSlot = new Int32Array(0);
  private queue = new Int32Array(0);
  private generation = 0;

  constructor(private readonly graph: DependencyGraph) {}

  /**
   * Searches from `start` (entered in state `restricted`) for a class where `match` holds.
   * `skip` classes are neither matched nor traversed (lockdep's usage_skip).
   */
  find(
    start: number,
    restricted: boolean,
    direction: Direction,
    match: (cls: number, restricted: boolean) => boolean,
    skip?: (cls: number) => boolean,
    classCount = start + 1,
  ): PathFound | undefined {
    this.ensure(Math.max(classCount, start + 1));
    const gen = ++this.generation;
    const g = this.graph;
    const lists = direction === "forward" ? g.forward : g.backward;
    let head = 0;
    let tail = 0;
    const first = start * 2 + (restricted ? 1 : 0);
    this.visited[first] = gen;
    this.parentEdge[first] = -1;
    this.queue[tail++] = first;
    while (head < tail) {
      const slot = this.queue[head++]!;
      const cls = slot >> 1;
      const state = (slot & 1) === 1;
      if (skip?.(cls)) continue;
      if (match(cls, state)) return { target: cls, edges: this.pathTo(slot), restricted: state };
      const out = lists[cls];
      if (!out) continue;
      for (const e of out) {
        let dep = g.dep[e]!;
        let next: number;
        let nextState: boolean;
        if (direction === "forward") {
          // Entered only as a recursive reader: may leave only where it was held exclusively.
          if (state) dep &= DEP_FROM_E;
          if (dep === 0) continue;
          next = g.to[e]!;
          nextState = (dep & DEP_TO_N) === 0;
        } else {
          // Left only as a shared holder: may be entered only as a non-recursive acquisition.
          if (state) dep &= DEP_TO_N;
          if (dep === 0) continue;
          next = g.from[e]!;
          nextState = (dep & DEP_FROM_E) === 0;
        }
        this.ensure(next + 1);
        const nslot = next * 2 + (nextState ? 1 : 0);
        // The unrestricted visit subsumes the restricted one.
        if (this.visited[nslot] === gen || this.visited[next * 2] === gen) continue;
        this.visited[nslot] = gen;
        this.parentEdge[nslot] = e;
        this.parentSlot[nslot] = slot;
        if (tail >= this.queue.length) this.queue = grow(this.queue, tail + 1);
        this.queue[tail++] = nslot;
      }
    }
    return undefined;
  }

  private pathTo(slot: number): number[] {
    const edges: number[] = [];
    for (let s = slot; this.parentEdge[s]! >= 0; s = this.parentSlot[s]!) edges.push(this.parentEdge[s]!);
    return edges.reverse();
  }

  private ensure(classes: number): void {
    const slots = classes * 2;
    if (slots <= this.visited.length) return;
    const size = Math.max(slots, this.visited.length * 2, 64);
    this.visited = grow(this.visited, size);
    this.parentEdge = grow(this.parentEdge, size);
    this.parentSlot = grow(this.parentSlot, size);
    if (this.queue.length < size) this.queue = grow(this.queue, size);
  }
}

function grow(a: Int32Array, min: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(Math.max(min, a.length * 2));
  b.set(a);
  return b;
}
