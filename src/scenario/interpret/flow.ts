/**
 * Control flow over sets of paths: a statement takes the paths that reach it and returns where
 * each path goes next — on, out of the function, out of a loop or switch, or to a label.
 */
import { mergeStates, type PathState } from "./state.js";
import type { Value } from "./values.js";

export interface Returned {
  readonly state: PathState;
  readonly value: Value;
}

export interface Flow {
  normal: PathState[];
  returned: Returned[];
  broke: PathState[];
  continued: PathState[];
  /**
   * Paths leaving for a label outside the statement, by label; undefined while there are none,
   * as for nearly every statement (a Map for each was a tenth of a run's garbage).
   */
  gotos: Map<string, PathState[]> | undefined;
}

export const flowOf = (normal: PathState[]): Flow => ({ normal, returned: [], broke: [], continued: [], gotos: undefined });

/** Adds everything but `normal` from `from` into `into`. */
export function addExits(into: Flow, from: Flow): void {
  into.returned.push(...from.returned);
  into.broke.push(...from.broke);
  into.continued.push(...from.continued);
  addGotos(into, from);
}

/** Adds the paths leaving `from` for labels into `into`. */
export function addGotos(into: Flow, from: Flow): void {
  if (from.gotos) for (const [label, states] of from.gotos) addGoto(into, label, states);
}

export function addGoto(into: Flow, label: string, states: readonly PathState[]): void {
  if (states.length === 0) return;
  into.gotos ??= new Map();
  into.gotos.set(label, mergeStates([...(into.gotos.get(label) ?? []), ...states]));
}

/**
 * `xs.flatMap(f)` for the interpreter's hot paths. Most steps continue one path as one path, and
 * flatMap calls `f` from a builtin the JIT does not inline: in profiles it was among the costliest
 * lines. With one element this returns f's own array (the interpreter never mutates results).
 */
export function concatMap<T, U>(xs: readonly T[], f: (x: T) => U[]): U[] {
  if (xs.length === 1) return f(xs[0]!);
  const out: U[] = [];
  for (const x of xs) for (const y of f(x)) out.push(y);
  return out;
}
