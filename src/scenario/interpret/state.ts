/**
 * One explored path's state. Paths that reach the same state merge (their futures are the same),
 * so a function with thirty independent `if`s costs thirty steps, not 2^30.
 */
import type { AcquireMode, LockKind, Stack, Toggle } from "../../ir/index.js";
import { Locals } from "./locals.js";
import { sameValue, type LockRef, type Value } from "./values.js";

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

const NO_COUNTERS: Counters = { hardirqs: 0, softirqs: 0, preemption: 0, blocking: 0 };

export class PathState {
  constructor(
    readonly held: readonly HeldEntry[],
    readonly counters: Counters,
    /** PF_MEMALLOC* bits of the task (allocation scopes). */
    readonly taskFlags: number,
    readonly locals: Locals,
    /** Engine task this path's events go to; undefined until the path emits (then replayed). */
    readonly engineTask: number | undefined,
  ) {}

  /** A path at a task's start: nothing held, nothing disabled, no locals, no engine task yet. */
  static start(taskFlags = 0): PathState {
    return new PathState([], NO_COUNTERS, taskFlags, Locals.NONE, undefined);
  }

  with(change: Partial<{ held: readonly HeldEntry[]; counters: Counters; taskFlags: number; locals: Locals; engineTask: number | undefined }>): PathState {
    const next = new PathState(
      change.held ?? this.held,
      change.counters ?? this.counters,
      change.taskFlags ?? this.taskFlags,
      change.locals ?? this.locals,
      "engineTask" in change ? change.engineTask : this.engineTask,
    );
    // The keys depend only on the parts they describe, and those are immutable: where a part is
    // the very same object (or number) as here, the key computed here holds there too.
    if (next.held === this.held && next.counters === this.counters && next.taskFlags === this.taskFlags) {
      next.cachedLockKey = this.cachedLockKey;
    }
    return next;
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
    // Values with equal keys are interchangeable (merging already keeps either): no new state.
    const old = this.locals.get(name);
    if (old !== undefined && sameValue(old, v)) return this;
    return this.with({ locals: this.locals.set(name, v) });
  }

  toggled(what: Toggle, disable: boolean): PathState {
    const c = this.counters;
    return this.with({ counters: { ...c, [what]: Math.max(0, c[what] + (disable ? 1 : -1)) } });
  }

  private cachedLockKey: string | undefined;

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

  /**
   * The whole state as text, for merging many states at once (both parts are cached). Locals in
   * insertion order: paths through the same code declare them in the same order; where they do
   * not, the states only merge less.
   */
  get key(): string {
    return `${this.lockKey}|${this.locals.key}`;
  }
}

/**
 * Joins paths that agree on everything lock-related (held locks, contexts, task flags): locals
 * that differ become unknown. Used at loop heads, where counters and accumulators would
 * otherwise keep every iteration's paths apart; what decides findings is kept exactly, and an
 * unknown local only makes later conditions explore both ways.
 */
export function joinStates(states: PathState[]): PathState[] {
  if (states.length < 2) return states;
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
    // Equal states (the usual case): nothing to join.
    if (g.every((s) => s.locals.equals(withTask.locals))) {
      out.push(withTask);
      continue;
    }
    out.push(withTask.with({ locals: Locals.join(g.map((s) => s.locals)) }));
  }
  return out;
}

/**
 * Merges paths with equal states, keeping one that already has an engine task, in the order the
 * states first occur. Callers hand over `states` (it may be returned as it is).
 */
export function mergeStates(states: PathState[]): PathState[] {
  if (states.length < 2) return states;
  return states.length <= MERGE_BY_COMPARISON ? mergeByComparison(states) : mergeByKey(states);
}

/**
 * Up to this many states, merging compares them pairwise (lock key, then locals value by value)
 * instead of building every state's full key: merges are nearly always of a few states with one
 * lock state. Past it, the keys keep the cost linear.
 */
const MERGE_BY_COMPARISON = 16;

function mergeByComparison(states: readonly PathState[]): PathState[] {
  const out: PathState[] = [];
  for (const s of states) {
    const i = indexOfEqual(out, s);
    if (i < 0) out.push(s);
    else if (out[i]!.engineTask === undefined && s.engineTask !== undefined) out[i] = s;
  }
  return out;
}

/** Where `states` holds one equal to `s` (the same key: lock state, then locals), or -1. */
function indexOfEqual(states: readonly PathState[], s: PathState): number {
  for (let i = 0; i < states.length; i++) {
    const o = states[i]!;
    if (o.lockKey === s.lockKey && o.locals.equals(s.locals)) return i;
  }
  return -1;
}

function mergeByKey(states: readonly PathState[]): PathState[] {
  const byKey = new Map<string, PathState>();
  for (const s of states) {
    const k = s.key;
    const old = byKey.get(k);
    if (!old || (old.engineTask === undefined && s.engineTask !== undefined)) byKey.set(k, s);
  }
  return [...byKey.values()];
}
