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
  gotos: Map<string, PathState[]>;
}

export const flowOf = (normal: PathState[]): Flow => ({ normal, returned: [], broke: [], continued: [], gotos: new Map() });

/** Adds everything but `normal` from `from` into `into`. */
export function addExits(into: Flow, from: Flow): void {
  into.returned.push(...from.returned);
  into.broke.push(...from.broke);
  into.continued.push(...from.continued);
  for (const [label, states] of from.gotos) addGoto(into.gotos, label, states);
}

export function addGoto(gotos: Map<string, PathState[]>, label: string, states: readonly PathState[]): void {
  if (states.length === 0) return;
  gotos.set(label, mergeStates([...(gotos.get(label) ?? []), ...states]));
}
