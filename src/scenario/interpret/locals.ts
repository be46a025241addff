/**
 * A path's local variables and parameters, in the order they were first set (state keys, and so
 * merging, depend on that order). Immutable: setting one makes new Locals.
 *
 * Two parallel arrays rather than a Map: a function has a handful of locals, a path copies them
 * on every assignment, and merging compares them at every join point. Copying a Map, and the
 * iterators that comparing two in order needs, were the interpreter's largest source of garbage.
 */
import { sameValue, UNKNOWN, valueKey, type Value } from "./values.js";

export class Locals {
  static readonly NONE = new Locals([], []);

  private cachedKey: string | undefined;

  private constructor(
    readonly names: readonly string[],
    readonly values: readonly Value[],
  ) {}

  get(name: string): Value | undefined {
    const i = this.names.indexOf(name);
    return i < 0 ? undefined : this.values[i];
  }

  has(name: string): boolean {
    return this.names.includes(name);
  }

  /** These locals with `name` set to `v`: in its place if already set, else last. */
  set(name: string, v: Value): Locals {
    const i = this.names.indexOf(name);
    if (i < 0) return new Locals([...this.names, name], [...this.values, v]);
    const values = this.values.slice();
    values[i] = v;
    return new Locals(this.names, values);
  }

  /** Same names in the same order with the same values: exactly when the keys are equal. */
  equals(other: Locals): boolean {
    if (this === other) return true;
    const n = this.names.length;
    if (n !== other.names.length) return false;
    for (let i = 0; i < n; i++) {
      if (this.names[i] !== other.names[i] || !sameValue(this.values[i]!, other.values[i]!)) return false;
    }
    return true;
  }

  /** Text for state keys (computed once: Locals are immutable and shared by many states). */
  get key(): string {
    if (this.cachedKey === undefined) {
      let k = "";
      for (let i = 0; i < this.names.length; i++) k += `${this.names[i]}=${valueKey(this.values[i]!)};`;
      this.cachedKey = k;
    }
    return this.cachedKey;
  }

  /**
   * Locals joined: every name in the order it first appears (the first locals' names, then any
   * the others add), with its value where all have the same one, else unknown.
   */
  static join(all: readonly Locals[]): Locals {
    const first = all[0]!;
    const names: string[] = [];
    const values: Value[] = [];
    for (const locals of all) {
      for (let j = 0; j < locals.names.length; j++) {
        const name = locals.names[j]!;
        if (names.includes(name)) continue;
        const v0 = first.get(name);
        let same = v0 !== undefined && sameValue(locals.values[j]!, v0);
        for (let i = 1; same && i < all.length; i++) {
          const w = all[i]!.get(name);
          same = w !== undefined && sameValue(w, v0!);
        }
        names.push(name);
        values.push(same ? v0! : UNKNOWN);
      }
    }
    return new Locals(names, values);
  }
}
