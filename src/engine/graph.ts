/**
 * The dependency graph: edge `from → to` means `to` was acquired while `from` was held (same
 * task, same irq-context segment). One edge per class pair, with the stack of its first
 * occurrence and the OR of its dependency types (lockdep's `lock_list.dep`).
 *
 * Dependency types (lockdep-design.rst, "Dependency types and strong dependency paths"):
 * bit0 = `from` was held exclusively (E, else S), bit1 = `to` was not a recursive reader (N, else R).
 */
import type { Stack } from "../ir/index.js";

export const DEP_SR = 1 << 0;
export const DEP_ER = 1 << 1;
export const DEP_SN = 1 << 2;
export const DEP_EN = 1 << 3;
/** Types that leave their `from` lock held exclusively / shared; that enter `to` as N / R. */
export const DEP_FROM_E = DEP_ER | DEP_EN;
export const DEP_FROM_S = DEP_SR | DEP_SN;
export const DEP_TO_N = DEP_SN | DEP_EN;
export const DEP_TO_R = DEP_SR | DEP_ER;

/** read: 0 exclusive, 1 non-recursive reader, 2 recursive reader (lockdep's `read`). */
export const depType = (fromRead: number, toRead: number): number =>
  1 << ((fromRead === 0 ? 1 : 0) + (toRead !== 2 ? 2 : 0));

const PAIR = 2 ** 26;

export class DependencyGraph {
  readonly from: number[] = [];
  readonly to: number[] = [];
  readonly dep: number[] = [];
  readonly stack: Stack[] = [];
  /** Per edge, the signal that made it a dependency (event edges only). */
  readonly via: (Stack | undefined)[] = [];
  /** Edge ids leaving / entering each class. */
  readonly forward: number[][] = [];
  readonly backward: number[][] = [];
  private readonly byPair = new Map<number, number>();

  get edgeCount(): number {
    return this.from.length;
  }

  edgeBetween(from: number, to: number): number | undefined {
    return this.byPair.get(from * PAIR + to);
  }

  /** Adds the dependency or merges its type into the existing edge; returns the edge id. */
  add(from: number, to: number, type: number, stack: Stack, via?: Stack): number {
    const known = this.byPair.get(from * PAIR + to);
    if (known !== undefined) {
      this.dep[known]! |= type;
      return known;
    }
    const id = this.from.length;
    this.from.push(from);
    this.to.push(to);
    this.dep.push(type);
    this.stack.push(stack);
    this.via.push(via);
    this.byPair.set(from * PAIR + to, id);
    this.listOf(this.forward, from).push(id);
    this.listOf(this.backward, to).push(id);
    return id;
  }

  private listOf(lists: number[][], cls: number): number[] {
    while (lists.length <= cls) lists.push([]);
    return lists[cls]!;
  }
}
