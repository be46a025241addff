/**
 * One explored path's state. Paths that reach the same state merge (their futures are the same),
 * so a function with thirty independent `if`s costs thirty steps, not 2^30.
 */
import type { AcquireMode, LockKind, Stack, Toggle } from "../../ir/index.js";
import { UNKNOWN, valueKey, type LockRef, type Value } from "./values.js";

export interface HeldEntry {
  readonly lock: LockRef;
  readonly kind: LockKind;
  readonly mode: AcquireMode;
  readonly trylock: boolean;
  readonly subclass: number;
  readonly stack: Stack;
}

/** Context counters as the engine sees them (replayed onto a fresh engine task). */
export interface Counters {
  readonly hardirqs: number;
  readonly softirqs: number;
  readonly preemption: number;
  readonly blocking: number;
}

export const NO_COUNTERS: Counters = { hardirqs: 0, softirqs: 0, preemption: 0, blocking: 0 };

export class PathState {
  constructor(
    readonly held: readonly HeldEntry[],
    readonly counters: Counters,
    /** PF_MEMALLOC* bits of the task (allocation scopes). */
    readonly taskFlags: number,
    readonly locals: ReadonlyMap<string, Value>,
    /** Engine task this path's events go to; undefined until the path emits (then replayed). */
    readonly engineTask: number | undefined,
  ) {}

  with(change: Partial<{ held: readonly HeldEntry[]; counters: Counters; taskFlags: number; locals: ReadonlyMap<string, Value>; engineTask: number | undefined }>): PathState {
    return new PathState(
      change.held ?? this.held,
      change.counters ?? this.counters,
      change.taskFlags ?? this.taskFlags,
      change.locals ?? this.locals,
      "engineTask" in change ? change.engineTask : this.engineTask,
    );
  }

  /**
   * The same state for a second path that branches off here. Only one path may keep the engine
   * task (its events must follow one program order); the other starts a task of its own, resumed
   * in this state, when it first emits.
   */
  fork(): PathState {
    return this.engineTask === undefined ? this : this.with({ engineTask: undefined });
  }

  setLocal(name: string, v: Value): PathState {
    const locals = new Map(this.locals);
    locals.set(name, v);
    return this.with({ locals });
  }

  toggled(what: Toggle, disable: boolean): PathState {
    const c = this.counters;
    return this.with({ counters: { ...c, [what]: Math.max(0, c[what] + (disable ? 1 : -1)) } });
  }

  private cachedLockKey: string | undefined;
  private cachedKey: string | undefined;

  /** What the future depends on, besides locals (states are immutable: computed once). */
  get lockKey(): string {
    if (this.cachedLockKey === undefined) {
      const c = this.counters;
      let held = "";
      for (const h of this.held) held += `${h.lock.classKey}@${h.lock.instance}/${h.mode[0]}${h.trylock ? "t" : ""}${h.subclass},`;
      this.cachedLockKey = `${held}|${c.hardirqs},${c.softirqs},${c.preemption},${c.blocking}|${this.taskFlags}`;
    }
    return this.cachedLockKey;
  }

  get key(): string {
    if (this.cachedKey === undefined) {
      // Locals in insertion order: paths through the same code declare them in the same order;
      // where they do not, the states only merge less.
      let k = this.lockKey + "|";
      for (const [name, v] of this.locals) k += `${name}=${valueKey(v)};`;
      this.cachedKey = k;
    }
    return this.cachedKey;
  }
}

/**
 * Joins paths that agree on everything lock-related (held locks, contexts, task flags): locals
 * that differ become unknown. Used at loop heads, where counters and accumulators would
 * otherwise keep every iteration's paths apart; what decides findings is kept exactly, and an
 * unknown local only makes later conditions explore both ways.
 */
export function joinStates(states: readonly PathState[]): PathState[] {
  if (states.length < 2) return [...states];
  const groups = new Map<string, PathState[]>();
  for (const s of states) {
    const g = groups.get(s.lockKey);
    if (g) g.push(s);
    else groups.set(s.lockKey, [s]);
  }
  const out: PathState[] = [];
  for (const g of groups.values()) {
    if (g.length === 1) {
      out.push(g[0]!);
      continue;
    }
    const withTask = g.find((s) => s.engineTask !== undefined) ?? g[0]!;
    const locals = new Map<string, Value>();
    const names = new Set(g.flatMap((s) => [...s.locals.keys()]));
    for (const name of names) {
      const first = g[0]!.locals.get(name);
      const same = first !== undefined && g.every((s) => { const v = s.locals.get(name); return v !== undefined && valueKey(v) === valueKey(first); });
      locals.set(name, same ? first! : UNKNOWN);
    }
    out.push(withTask.with({ locals }));
  }
  return out;
}

/** Merges paths with equal states, keeping one that already has an engine task. */
export function mergeStates(states: readonly PathState[]): PathState[] {
  if (states.length < 2) return [...states];
  if (states.length === 2) {
    const [a, b] = states as [PathState, PathState];
    // The lock state is cheaper to compare (held entries, contexts, flags) than all locals.
    if (a.lockKey !== b.lockKey || a.key !== b.key) return [a, b];
    return [a.engineTask === undefined && b.engineTask !== undefined ? b : a];
  }
  const byKey = new Map<string, PathState>();
  for (const s of states) {
    const k = s.key;
    const old = byKey.get(k);
    if (!old || (old.engineTask === undefined && s.engineTask !== undefined)) byKey.set(k, s);
  }
  return [...byKey.values()];
}
