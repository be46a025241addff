/**
 * The scenario interpreter: runs every entry point on every path and emits engine events.
 *
 * Paths are explored as sets of states; paths that reach equal states merge, so work grows with
 * the number of distinct states, not of paths. Each function call is memoized by its entry state
 * (held locks, contexts, task flags, argument values): a second call with the same entry state
 * reuses the exits of the first and emits nothing (the engine has already checked those chains).
 */
import type { AcquireMode, Event, LockKind, Stack, Toggle } from "../../ir/index.js";
import type { Block, Expression, FunctionDefinition, Loc, Statement, TypeRef } from "../ast.js";
import { API_VOCABULARY, INIT_CALLS, type ApiOp } from "../../kernel/api/vocabulary.js";
import { spinsWithPreemptionOff } from "../../engine/index.js";
import { allocationActions } from "../../kernel/allocation.js";
import { gfpTable, TASK_FLAGS, RECLAIM_LEVEL_ORDER, RECLAIM_LEVELS, reclaimLevelGfp, currentGfpContext, gfpflagsAllowBlocking, type GfpTable, type TaskFlags } from "../../kernel/gfp/index.js";
import { Emitter, type EmitterSnapshot, type TaskIdentity } from "./emitter.js";
import { indexFunction } from "./function-index.js";
import { addExits, addGoto, addGotos, concatMap, flowOf, type Flow, type Returned } from "./flow.js";
import { Locals } from "./locals.js";
import { lockOf, noteInitName, type LockScope } from "./locks.js";
import { workKey, type EntryPoint, type Program, type ProblemReport } from "./program.js";
import { joinStates, mergeStates, PathState, type HeldEntry } from "./state.js";
import { FALSE, int, sameValue, TRUE, truth, UNKNOWN, valueKey, type LockRef, type Value } from "./values.js";

/**
 * A change to try at allocation sites, for fix hints: another mask at one call, an allocation
 * scope over every allocation made while a lock class is held, or the allocation moved before
 * the locks (made with nothing held).
 */
export type AllocationChange =
  | { readonly kind: "mask"; readonly site: string; readonly gfp: number }
  | { readonly kind: "scope"; readonly whileHolding: string; readonly flag: number }
  /** A scope over a whole context: every allocation of the entry point named `entry`. */
  | { readonly kind: "context-scope"; readonly entry: string; readonly flag: number }
  | { readonly kind: "hoist"; readonly site: string };

/** An allocation call the scenario makes, by `file:line:column`. */
export interface AllocationSite {
  readonly loc: Loc;
  readonly call: string;
  /** Text of the gfp argument as written (`GFP_KERNEL`), or the implied mask (vmalloc). */
  readonly gfpText: string;
  readonly gfp: number;
  /** Where the allocation is reported: the stack's innermost frame. */
  readonly frame: string;
}

export const siteKey = (loc: Loc): string => `${loc.file}:${loc.line}:${loc.column}`;

/**
 * The model's own runs (its reclaim levels, then its entry points: kswapd, the OOM reaper, ...)
 * as recorded events and the state they leave behind. They depend only on the model, the
 * configuration and the scenario's hooks, so a check can replay them instead of interpreting them
 * again (see `reclaimTapeUsable`).
 */
export interface ReclaimTape {
  readonly events: readonly Event[];
  readonly emitter: EmitterSnapshot;
  readonly lockKinds: ReadonlyMap<string, { kind: LockKind; loc: Loc }>;
  readonly firstNames: ReadonlyMap<string, string>;
  readonly allocationSites: ReadonlyMap<string, AllocationSite>;
  readonly problems: readonly ProblemReport[];
  readonly unknownCalls: readonly UnknownCall[];
  readonly reported: ReadonlySet<string>;
  readonly pid: number;
  readonly steps: number;
  /**
   * The memo as the model's entry points left it: the scenario's entry points share it (a call
   * they make in an entry state the model's tasks already met emits nothing), so a replay must
   * restore it for the rest of the run to be the same.
   */
  readonly memo: ReadonlyMap<string, ReadonlyMap<string, Summary>>;
  /** The comms the recorded runs used (a change scoped to one of them is not neutral). */
  readonly taskNames: ReadonlySet<string>;
  /** Allocation calls reached during the recorded runs (siteKey), and lock classes held at them. */
  readonly sitesReached: ReadonlySet<string>;
  readonly heldAtAllocations: ReadonlySet<string>;
}

/** The entry points of the model's own functions, in program order: they run before the scenario's. */
export function modelEntryPoints(program: Program): EntryPoint[] {
  return program.entryPoints.filter((e) => !program.scenarioFunctions.has(e.function));
}

/** Whether a run with `change` may replay `tape` (recorded without a change): the model's runs cannot differ. */
export function reclaimTapeUsable(tape: ReclaimTape, change: AllocationChange | undefined): boolean {
  if (!change) return true;
  switch (change.kind) {
    case "mask":
    case "hoist":
      return !tape.sitesReached.has(change.site);
    case "scope":
      return !tape.heldAtAllocations.has(change.whileHolding);
    case "context-scope":
      return !tape.taskNames.has(change.entry);
  }
}

export interface InterpretOptions {
  /** Kconfig options set (`PREEMPT_RT`, `MEMORY_HOTREMOVE`, without the CONFIG_ prefix). */
  readonly config: ReadonlySet<string>;
  readonly gfp?: GfpTable;
  /** Calls deeper than this (in one function's own recursion) are cut and reported. */
  readonly maxRecursion?: number;
  readonly change?: AllocationChange;
  /** A tape of the model's runs to replay instead of interpreting them (caller checked it applies). */
  readonly replayReclaim?: ReclaimTape;
  /** Receives the tape of the model's runs this run interpreted. */
  readonly recordReclaim?: (tape: ReclaimTape) => void;
}

export interface UnknownCall {
  readonly name: string;
  readonly loc: Loc;
}

interface Frame {
  readonly fn: FunctionDefinition;
  readonly types: Map<string, TypeRef>;
  readonly call: Loc | undefined;
  /**
   * The stack's entries for the frames below this one, from this frame's call site outward: the
   * same for every event raised in this frame while it runs (built on first use by callersOf).
   */
  callers?: Stack;
}

interface Exit {
  readonly held: readonly HeldEntry[];
  readonly counters: PathState["counters"];
  readonly taskFlags: number;
  readonly value: Value;
}

/** A memoized call: its exits, and what it did that outlives it (acquisitions, signals). */
interface Summary {
  readonly exits: readonly Exit[];
  readonly acquired: readonly Acquired[];
  /** Frames below the call when it ran: the outer part of each `acquired` stack, replaced on replay. */
  readonly depth: number;
  readonly signals: readonly LockRef[];
}

/** Something the running context acquired (a lock, a pseudo-lock, an event it waited for). */
interface Acquired {
  readonly lock: LockRef;
  readonly kind: LockKind;
  readonly stack: Stack;
}

type Results = { state: PathState; value: Value }[];

/**
 * What an entry point has acquired, each class once with the first stack it was seen at (the one
 * a dependency report shows), in order: bounded by the number of classes, not of calls.
 */
class History {
  readonly items: Acquired[] = [];
  private readonly seen = new Set<string>();
  has(classKey: string): boolean {
    return this.seen.has(classKey);
  }
  add(a: Acquired): void {
    if (this.seen.has(a.lock.classKey)) return;
    this.seen.add(a.lock.classKey);
    this.items.push(a);
  }
}

/** Kernel constants a scenario may use without defining them (subclasses, task flags). */
const KNOWN_CONSTANTS: Readonly<Record<string, number>> = {
  SINGLE_DEPTH_NESTING: 1,
  I_MUTEX_NORMAL: 0,
  I_MUTEX_PARENT: 1,
  I_MUTEX_CHILD: 2,
  I_MUTEX_XATTR: 3,
  I_MUTEX_NONDIR: 4,
  I_MUTEX_PARENT2: 5,
  ...TASK_FLAGS,
  // include/uapi/asm-generic/errno-base.h, errno.h, include/linux/errno.h
  EPERM: 1, ENOENT: 2, EINTR: 4, EIO: 5, ENXIO: 6, E2BIG: 7, EBADF: 9, EAGAIN: 11, ENOMEM: 12,
  EACCES: 13, EFAULT: 14, EBUSY: 16, EEXIST: 17, ENODEV: 19, EINVAL: 22, ENOSPC: 28, EPIPE: 32,
  EDEADLK: 35, ENOSYS: 38, ENODATA: 61, ETIMEDOUT: 110, EALREADY: 114, ECANCELED: 125,
  ERESTARTSYS: 512, EPROBE_DEFER: 517, EOPNOTSUPP: 95,
};

/**
 * Bounds on exploration, so a scenario can never exhaust memory or time. Real kernel paths stay
 * far below them; a scenario that reaches one gets a note naming the place, and the rest of its
 * paths are still checked.
 * - MAX_HELD: lockdep's MAX_LOCK_DEPTH; a path holding more is abandoned.
 * - MAX_PATHS_AT_STATEMENT: distinct paths waiting at one statement; beyond it the extra paths
 *   are dropped.
 * - MAX_STEPS: statements executed in one run, all entry points together (the 14,000-line
 *   benchmark scenario needs about 41,000; every bundled example under 2,000).
 */
const MAX_HELD = 48;
const MAX_PATHS_AT_STATEMENT = 256;
const MAX_STEPS = 250_000;

/** What an allocation returns when it succeeds: a pointer to something new (never an ERR_PTR). */
const ALLOCATED: Value = { kind: "object", type: "void", text: "<allocation>" };

const SCOPE_FLAGS: Readonly<Record<string, number>> = {
  nofs: TASK_FLAGS.PF_MEMALLOC_NOFS,
  noio: TASK_FLAGS.PF_MEMALLOC_NOIO,
  noreclaim: TASK_FLAGS.PF_MEMALLOC,
  pin: TASK_FLAGS.PF_MEMALLOC_PIN,
};

/**
 * printk is deferred on this CPU (printk_context raised): our own marker in the task-flag word,
 * a bit no PF_* allocation flag uses, so it is part of the path state like the scopes.
 */
const PRINTK_DEFERRED = 0x4000_0000;

const PRINTK_NAMES = /^(printk|pr_(emerg|alert|crit|err|warn|warning|notice|info|cont|debug)|dev_(emerg|alert|crit|err|warn|notice|info|dbg)|WARN|WARN_ON|WARN_ON_ONCE|WARN_ONCE|dump_stack)$/;

export class Interpreter {
  readonly unknownCalls: UnknownCall[] = [];
  /** The names in unknownCalls: called, but neither defined, in the vocabulary nor a builtin. */
  private readonly unknownNames = new Set<string>();
  /** Allocation calls reached, by `file:line` of the reporting frame. */
  readonly allocationSites = new Map<string, AllocationSite>();
  readonly problems: ProblemReport[] = [];
  private readonly emitter: Emitter;
  private readonly gfp: GfpTable;
  /**
   * Memoized calls by the caller's lock state, then by the call (function, arguments, context):
   * the lock key, a long string each state caches, is then hashed once rather than as part of a
   * fresh concatenation on every call.
   */
  private readonly memo = new Map<string, Map<string, Summary>>();
  /**
   * Everything the running entry point has acquired so far, on any path: a signal makes the
   * event depend on all of it. This is where the "signalling context" is defined (issue 5): the
   * entry point or work item that signals, from its start. DEPT narrows it to "since the last
   * point the signaller could have been woken"; we take the whole context because a signaller
   * usually does its work first and signals last (the loop worker allocates, then ends the I/O),
   * and because paths are merged here, so "the last wake point" is not one point. Two refinements
   * keep ordinary code quiet: a context that waits on an event it already signalled returns at
   * once (complete(); wait_for_completion() in one task), and a class is recorded once, with the
   * first stack it was seen at.
   */
  private history = new History();
  /** Events the running entry point has signalled (its own later waits on them return at once). */
  private signalledHere = new Set<string>();
  /** Events signalled inside the calls being executed (innermost last), for their summaries. */
  private readonly signalled: LockRef[][] = [];
  /**
   * What the calls being executed acquired (innermost last), for their summaries. Not the entry
   * point's history: that keeps a class only the first time, so a call made after the entry
   * point already took a lock would be summarised without it.
   */
  private readonly acquiredInCalls: History[] = [];
  private readonly frames: Frame[] = [];
  /**
   * While recording the model's runs: the allocation sites they reach (siteKey), the classes held
   * at them, and the comms they run as (see ReclaimTape).
   */
  private recording: { sites: Set<string>; held: Set<string>; tasks: Set<string> } | undefined;
  /** Statements executed in this run (the MAX_STEPS budget). */
  private steps = 0;
  /** How many times each function is on the call stack (recursion bound). */
  private readonly active = new Map<FunctionDefinition, number>();
  private readonly lockKinds = new Map<string, { kind: LockKind; loc: Loc }>();
  private readonly initNames = new Map<string, string>();
  private readonly firstNames = new Map<string, string>();
  private readonly reported = new Set<string>();
  private who: TaskIdentity = { name: "", pid: 0 };
  private entryKey = "";
  private pid = 0;
  private readonly preemptRt: boolean;
  /**
   * options.maxRecursion and options.change, read on every call and allocation: copied out because
   * callers build options with different sets of keys, and each shape of the options object
   * sent the optimised code of callFunction back to the interpreter once more.
   */
  private readonly maxRecursion: number;
  private readonly change: AllocationChange | undefined;
  /** Value of `mmu_notifier_range_blockable()` inside the notifier hook being called. */
  private blockable: Value = UNKNOWN;

  constructor(
    private readonly program: Program,
    sink: (event: Event) => void,
    private readonly options: InterpretOptions,
  ) {
    this.emitter = new Emitter(sink);
    this.gfp = options.gfp ?? gfpTable();
    this.preemptRt = options.config.has("PREEMPT_RT");
    this.maxRecursion = options.maxRecursion ?? 2;
    this.change = options.change;
    this.prescanInitNames();
  }

  get eventCount(): number {
    return this.emitter.events;
  }

  /** The model's paths first (reclaim per level, model tasks), then the scenario's entry points. */
  run(): void {
    const tape = this.options.replayReclaim;
    if (tape) this.replayModelRuns(tape);
    else if (this.options.recordReclaim) this.options.recordReclaim(this.recordModelRuns());
    else this.runModel();
    for (const ep of this.program.entryPoints) if (this.program.scenarioFunctions.has(ep.function)) this.runEntry(ep);
  }

  private runModel(): void {
    this.runReclaimLevels();
    for (const ep of modelEntryPoints(this.program)) this.runEntry(ep);
  }

  private runReclaimLevels(): void {
    const fn = this.program.hooks.reclaim && this.program.functions.get(this.program.hooks.reclaim);
    if (!fn) return;
    for (const level of RECLAIM_LEVEL_ORDER) {
      const pseudo = RECLAIM_LEVELS[level].pseudoLock;
      const gfp = reclaimLevelGfp(level, this.gfp);
      if (!pseudo || gfp === undefined) continue;
      this.begin({ name: fn.name, pid: ++this.pid }, `reclaim:${level}`);
      const stack: Stack = [{ function: fn.name, file: fn.loc.file, line: fn.loc.line }];
      let state = PathState.start(TASK_FLAGS.PF_MEMALLOC);
      state = this.acquire(state, { classKey: pseudo, name: pseudo, instance: pseudo }, "lockdep_map", "write", { stack });
      const exits = this.callFunction(fn, [int(gfp)], state, fn.loc);
      for (const { state: s } of exits) this.release(s, { classKey: pseudo, name: pseudo, instance: pseudo }, "lockdep_map", stack);
      this.emitter.releaseTasks(new Set());
    }
  }

  private recordModelRuns(): ReclaimTape {
    const events: Event[] = [];
    this.emitter.recording = events;
    const seen = { sites: new Set<string>(), held: new Set<string>(), tasks: new Set<string>() };
    this.recording = seen;
    this.runModel();
    this.recording = undefined;
    this.emitter.recording = undefined;
    return {
      events,
      emitter: this.emitter.snapshot(),
      lockKinds: new Map(this.lockKinds),
      firstNames: new Map(this.firstNames),
      // Recording runs first (run()), so every site known now is the model's.
      allocationSites: new Map(this.allocationSites),
      problems: [...this.problems],
      unknownCalls: [...this.unknownCalls],
      reported: new Set(this.reported),
      pid: this.pid,
      steps: this.steps,
      memo: new Map([...this.memo].map(([k, calls]) => [k, new Map(calls)])),
      taskNames: seen.tasks,
      sitesReached: seen.sites,
      heldAtAllocations: seen.held,
    };
  }

  private replayModelRuns(tape: ReclaimTape): void {
    this.emitter.replay(tape.events, tape.emitter);
    for (const [k, v] of tape.lockKinds) this.lockKinds.set(k, v);
    for (const [k, v] of tape.firstNames) this.firstNames.set(k, v);
    for (const [k, v] of tape.allocationSites) this.allocationSites.set(k, v);
    this.problems.push(...tape.problems);
    this.unknownCalls.push(...tape.unknownCalls);
    for (const u of tape.unknownCalls) this.unknownNames.add(u.name);
    for (const r of tape.reported) this.reported.add(r);
    this.pid = tape.pid;
    this.steps = tape.steps;
    // Copied: this run's own calls must not add to the tape's memo.
    for (const [k, calls] of tape.memo) this.memo.set(k, new Map(calls));
  }

  private begin(who: TaskIdentity, key: string): void {
    this.recording?.tasks.add(who.name);
    this.who = who;
    this.entryKey = key;
    this.history = new History();
    this.signalledHere = new Set();
  }

  private runEntry(ep: EntryPoint): void {
    const fn = this.program.functions.get(ep.function);
    if (!fn) {
      this.problem(ep.loc, `entry point ${ep.function} is not defined`);
      return;
    }
    // On PREEMPT_RT handlers run in irq threads (process context); elsewhere lockdep marks a
    // threadable handler "threaded" for wait types (kernel/irq/handle.c lockdep_hardirq_threaded).
    // Softirqs run in task context on RT too.
    const inThread = this.preemptRt && ep.context !== "process";
    const who: TaskIdentity = inThread
      ? { name: ep.context === "hardirq" ? `irq/${ep.name}` : ep.name, pid: ++this.pid }
      : ep.context === "hardirq"
        ? { name: ep.name, pid: ++this.pid, hardirq: { threaded: true } }
        : ep.context === "softirq"
          ? { name: ep.name, pid: ++this.pid, softirq: true }
          : { name: ep.name, pid: ++this.pid };
    this.begin(who, ep.context);
    const start = PathState.start();
    const args = fn.parameters.map(() => UNKNOWN);
    const isWork = this.program.workFunctions.has(fn.name);
    const ended = new Set<number>();
    for (const { state } of this.callFunction(fn, args, start, ep.loc)) {
      // A work item's end is what flush_work() and cancel_work_sync() wait for.
      if (isWork) this.signal(state, { classKey: `(work)${fn.name}`, name: `(work)${fn.name}`, instance: `(work)${fn.name}` }, [{ function: fn.name, file: fn.loc.file, line: lastLine(fn.body) }]);
      const { task } = this.emitter.task(state, this.who);
      this.emitter.emit({ kind: "task-end", task, how: "exit", stack: [{ function: fn.name, file: fn.loc.file, line: lastLine(fn.body) }] });
      ended.add(task);
    }
    // Paths that merged into others left their tasks behind: free them.
    this.emitter.releaseTasks(ended);
  }

  // ---------------------------------------------------------------------------------------------
  // Functions

  private callFunction(fn: FunctionDefinition, args: readonly Value[], state: PathState, callLoc: Loc): Results {
    const depth = this.active.get(fn) ?? 0;
    if (depth >= this.maxRecursion) {
      this.problem(callLoc, `recursion of ${fn.name} bounded at depth ${depth}: deeper calls are not explored`, "note");
      return [{ state, value: UNKNOWN }];
    }
    let memo = this.memo.get(state.lockKey);
    if (!memo) {
      memo = new Map();
      this.memo.set(state.lockKey, memo);
    }
    const key = callKey(fn, args, this.entryKey, this.blockable);
    const cached = memo.get(key);
    if (cached) {
      if (cached.acquired.length > 0) this.replayAcquired(cached, callLoc);
      let results = this.applyExits(state, cached.exits);
      const at = cached.signals.length > 0 ? this.stackAt(callLoc) : [];
      for (const ev of cached.signals) results = results.map((r) => ({ state: this.signal(r.state, ev, at), value: r.value }));
      return results;
    }
    this.signalled.push([]);
    this.acquiredInCalls.push(new History());

    const types = new Map<string, TypeRef>();
    let locals = Locals.NONE;
    for (let i = 0; i < fn.parameters.length; i++) {
      const p = fn.parameters[i]!;
      if (!p.name) continue;
      types.set(p.name, p.type);
      locals = locals.set(p.name, args[i] ?? UNKNOWN);
    }
    this.frames.push({ fn, types, call: callLoc });
    this.active.set(fn, depth + 1);
    const flow = this.execList(fn.body.statements, [state.with({ locals })]);
    this.active.set(fn, depth);
    this.frames.pop();
    if (flow.gotos) for (const label of flow.gotos.keys()) this.problem(fn.loc, `goto ${label}: label not found in ${fn.name}`, "note");
    const ends: Returned[] = [...flow.returned, ...flow.normal.map((s) => ({ state: s, value: UNKNOWN }))];
    const results = distinctExits(ends).map((r) => ({ state: r.state.with({ locals: state.locals }), value: r.value }));
    const signals = this.signalled.pop() ?? [];
    this.signalled[this.signalled.length - 1]?.push(...signals);
    const acquired = this.acquiredInCalls.pop()?.items ?? [];
    const caller = this.acquiredInCalls[this.acquiredInCalls.length - 1];
    if (caller) for (const a of acquired) caller.add(a);
    memo.set(key, {
      exits: results.map((r) => ({ held: r.state.held, counters: r.state.counters, taskFlags: r.state.taskFlags, value: r.value })),
      acquired,
      depth: this.frames.length,
      signals,
    });
    return results;
  }

  /** A memoized call: the caller continues in each exit state; its engine task only where nothing changed. */
  private applyExits(state: PathState, exits: readonly Exit[]): Results {
    let taskGiven = false;
    return exits.map((e) => {
      const same = e.held === state.held || (e.held.length === state.held.length && e.held.every((h, i) => h === state.held[i]));
      const unchanged = same && e.counters === state.counters && e.taskFlags === state.taskFlags;
      const keep = unchanged && !taskGiven;
      if (keep) taskGiven = true;
      return {
        state: state.with({ held: e.held, counters: e.counters, taskFlags: e.taskFlags, engineTask: keep ? state.engineTask : undefined }),
        value: e.value,
      };
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Statements

  private execList(stmts: readonly Statement[], states: PathState[]): Flow {
    const out = flowOf([]);
    let labels: Map<string, number> | undefined;
    // Paths waiting at each statement; the cursor only moves back for a backward goto.
    const slots: (PathState[] | undefined)[] = new Array(stmts.length);
    let cursor = 0;
    let backJumps: Map<string, number> | undefined;
    const add = (i: number, ss: PathState[]): void => {
      if (ss.length === 0) return;
      if (ss.some((x) => x.held.length > MAX_HELD)) {
        // lockdep turns itself off here ("BUG: MAX_LOCK_DEPTH too low!"); we stop following such paths.
        const at = stmts[Math.min(i, stmts.length - 1)]!.loc;
        this.problem(at, `a path holds more than ${MAX_HELD} locks (lockdep's MAX_LOCK_DEPTH); it is not followed further`, "note");
        ss = ss.filter((x) => x.held.length <= MAX_HELD);
        if (ss.length === 0) return;
      }
      if (i >= stmts.length) {
        out.normal.push(...ss);
        return;
      }
      const there = slots[i];
      let merged = mergeStates(there ? [...there, ...ss] : ss);
      if (merged.length > MAX_PATHS_AT_STATEMENT) {
        this.problem(stmts[i]!.loc, `more than ${MAX_PATHS_AT_STATEMENT} distinct paths reach this statement; the others are not explored`, "note");
        merged = merged.slice(0, MAX_PATHS_AT_STATEMENT);
      }
      slots[i] = merged;
      if (i < cursor) cursor = i;
    };
    add(0, states);
    for (; cursor < stmts.length; ) {
      const i = cursor;
      const here = slots[i];
      if (!here) {
        cursor++;
        continue;
      }
      slots[i] = undefined;
      cursor = i + 1;
      if (++this.steps > MAX_STEPS) {
        this.problem(stmts[i]!.loc, `exploration stopped after ${MAX_STEPS} statements; later paths are not checked`, "note");
        break;
      }
      const f = this.execStmt(stmts[i]!, here);
      add(i + 1, f.normal);
      out.returned.push(...f.returned);
      out.broke.push(...f.broke);
      out.continued.push(...f.continued);
      if (!f.gotos) continue;
      for (const [label, ss] of f.gotos) {
        labels ??= new Map(stmts.flatMap((st, k) => (st.kind === "label" ? [[st.name, k] as const] : [])));
        const target = labels.get(label);
        if (target === undefined) addGoto(out, label, ss);
        else if (target > i) add(target, ss);
        else {
          // A backward goto (retry loop) is explored like a loop body: at most twice.
          backJumps ??= new Map();
          const n = backJumps.get(label) ?? 0;
          if (n < 2) {
            backJumps.set(label, n + 1);
            add(target, ss);
          }
        }
      }
    }
    out.normal = mergeStates(out.normal);
    return out;
  }

  private execStmt(stmt: Statement, states: PathState[]): Flow {
    if (states.length === 0) return flowOf([]);
    switch (stmt.kind) {
      case "block":
        return this.execList(stmt.statements, states);
      case "expression":
        return flowOf(mergeStates(this.evalAll(stmt.expression, states).map((r) => r.state)));
      case "declaration": {
        const frame = this.frames[this.frames.length - 1];
        frame?.types.set(stmt.name, stmt.type);
        if (!stmt.init) return flowOf(states.map((s) => s.setLocal(stmt.name, UNKNOWN)));
        return flowOf(mergeStates(this.evalAll(stmt.init, states).map((r) => r.state.setLocal(stmt.name, r.value))));
      }
      case "if": {
        const [t, f] = this.branch(stmt.condition, states);
        const a = this.execStmt(stmt.then, t);
        const b = stmt.else ? this.execStmt(stmt.else, f) : flowOf(f);
        const out = flowOf(mergeStates([...a.normal, ...b.normal]));
        addExits(out, a);
        addExits(out, b);
        return out;
      }
      case "switch":
        return this.execSwitch(stmt, states);
      case "while":
        return this.execLoop(stmt.condition, stmt.body, null, states, false);
      case "do":
        return this.execLoop(stmt.condition, stmt.body, null, states, true);
      case "for": {
        const init = this.execList(stmt.init, states);
        return this.execLoop(stmt.condition, stmt.body, stmt.update, init.normal, false);
      }
      case "macro-loop": {
        // Iteration macros: arguments evaluated once, body explored 0, 1 and 2 times.
        let ss = states;
        for (const a of stmt.args) ss = mergeStates(this.evalAll(a, ss).map((r) => r.state));
        return this.execLoop(null, stmt.body, null, ss, false);
      }
      case "return": {
        const out = flowOf([]);
        if (!stmt.value) out.returned.push(...states.map((s) => ({ state: s, value: UNKNOWN })));
        else for (const s of states) out.returned.push(...this.eval(stmt.value, s));
        return out;
      }
      case "goto": {
        const out = flowOf([]);
        addGoto(out, stmt.label, states);
        return out;
      }
      case "break":
        return { ...flowOf([]), broke: states };
      case "continue":
        return { ...flowOf([]), continued: states };
      case "label":
      case "empty":
        return flowOf(states);
    }
  }

  /** Loops run their body 0, 1 and 2 times (SCENARIO-LANGUAGE.md); a known-false condition ends them. */
  private execLoop(cond: Expression | null, body: Statement, update: Expression | null, states: PathState[], bodyFirst: boolean): Flow {
    const out = flowOf([]);
    let cur = states;
    for (let iter = 0; iter <= 2 && cur.length > 0; iter++) {
      if (!(bodyFirst && iter === 0)) {
        // Without a condition (iteration macros) a path both ends here and goes round again:
        // two paths, and only one may keep the engine task.
        const [t, f] = cond ? this.branch(cond, cur) : [cur, cur.map((x) => x.fork())];
        out.normal.push(...f);
        cur = t;
        if (iter === 2) break;
      }
      const b = this.execStmt(body, cur);
      out.normal.push(...b.broke);
      out.returned.push(...b.returned);
      addGotos(out, b);
      cur = mergeStates([...b.normal, ...b.continued]);
      if (update) cur = mergeStates(this.evalAll(update, cur).map((r) => r.state));
      cur = joinStates(cur);
    }
    out.normal = joinStates(mergeStates(out.normal));
    return out;
  }

  private execSwitch(stmt: Extract<Statement, { kind: "switch" }>, states: PathState[]): Flow {
    const out = flowOf([]);
    for (const { state, value } of this.evalAll(stmt.discriminant, states)) {
      // Which case labels this path may enter: the matching one when known, else every one.
      let starts: number[] = [];
      if (value.kind === "int") {
        const match = stmt.cases.findIndex((c) => c.test && this.constValue(c.test) === value.value);
        starts = [match >= 0 ? match : stmt.cases.findIndex((c) => c.test === null)];
      } else starts = stmt.cases.map((_, i) => i);
      if (starts.every((i) => i < 0)) out.normal.push(state);
      let first = true;
      for (const start of starts) {
        if (start < 0) continue;
        const body = stmt.cases.slice(start).flatMap((c) => c.body);
        const f = this.execList(body, [first ? state : state.fork()]);
        first = false;
        out.normal.push(...f.normal, ...f.broke);
        out.returned.push(...f.returned);
        out.continued.push(...f.continued);
        addGotos(out, f);
      }
      if (value.kind !== "int" && !stmt.cases.some((c) => c.test === null)) out.normal.push(state.fork());
    }
    out.normal = mergeStates(out.normal);
    return out;
  }

  /** Splits paths by a condition: [true, false]; an unknown condition sends the path both ways. */
  private branch(cond: Expression, states: PathState[]): [PathState[], PathState[]] {
    const t: PathState[] = [];
    const f: PathState[] = [];
    for (const { state, value } of this.evalAll(cond, states)) {
      const b = truth(value);
      if (b === true) t.push(state);
      else if (b === false) f.push(state);
      else {
        t.push(state);
        f.push(state.fork());
      }
    }
    return [mergeStates(t), mergeStates(f)];
  }

  // ---------------------------------------------------------------------------------------------
  // Expressions

  private evalAll(e: Expression, states: readonly PathState[]): Results {
    return concatMap(states, (s) => this.eval(e, s));
  }

  /** Evaluates left to right, threading the paths each step produces. */
  private evalSeq(exprs: readonly Expression[], state: PathState): { state: PathState; values: Value[] }[] {
    // The usual case: no argument forks the path.
    const values: Value[] = [];
    let st = state;
    let i = 0;
    for (; i < exprs.length; i++) {
      const r = this.eval(exprs[i]!, st);
      if (r.length !== 1) break;
      st = r[0]!.state;
      values.push(r[0]!.value);
    }
    if (i === exprs.length) return [{ state: st, values }];
    let acc = [{ state, values: [] as Value[] }];
    for (const e of exprs) acc = acc.flatMap((a) => this.eval(e, a.state).map((r) => ({ state: r.state, values: [...a.values, r.value] })));
    return acc;
  }

  private eval(e: Expression, s: PathState): Results {
    switch (e.kind) {
      case "number":
        return [{ state: s, value: e.value === null ? UNKNOWN : int(e.value) }];
      case "string":
        return [{ state: s, value: { kind: "string", value: e.value } }];
      case "identifier":
        return [{ state: s, value: this.identifier(e.name, s) }];
      case "call":
        return this.call(e, s);
      case "unary":
        if (e.operator === "&") return [{ state: s, value: this.addressOf(e, s) }];
        return this.eval(e.operand, s).map((r) => ({ state: r.state, value: unaryOp(e.operator, r.value) }));
      case "binary":
        return this.binary(e, s);
      case "assignment":
        return this.assign(e, s);
      case "field":
        return this.field(e, s);
      case "cast":
        return this.eval(e.operand, s);
      case "conditional": {
        const [t, f] = this.branch(e.condition, [s]);
        return [...(e.then ? this.evalAll(e.then, t) : t.map((x) => ({ state: x, value: TRUE }))), ...this.evalAll(e.else, f)];
      }
      case "comma": {
        let acc: Results = [{ state: s, value: UNKNOWN }];
        for (const x of e.expressions) acc = concatMap(acc, (a) => this.eval(x, a.state));
        return acc;
      }
      case "update":
        return this.eval(e.operand, s).map((r) => {
          if (e.operand.kind !== "identifier" || r.value.kind !== "int" || !r.state.locals.has(e.operand.name)) return { state: r.state, value: UNKNOWN };
          const next = int(r.value.value + (e.operator === "++" ? 1 : -1));
          return { state: r.state.setLocal(e.operand.name, next), value: e.prefix ? next : r.value };
        });
      case "statement-expression": {
        const f = this.execList(e.body.statements, [s]);
        return mergeStates([...f.normal]).map((x) => ({ state: x, value: UNKNOWN }));
      }
      default:
        return [{ state: s, value: UNKNOWN }];
    }
  }

  private identifier(name: string, s: PathState): Value {
    const local = s.locals.get(name);
    if (local) return local;
    if (this.program.functions.has(name)) return { kind: "function", name };
    const known = KNOWN_CONSTANTS[name];
    if (known !== undefined) return int(known);
    const gfp = this.gfp.values.get(name);
    if (gfp !== undefined) return int(gfp);
    const c = this.program.constants.get(name);
    if (c) {
      const r = this.eval(c, s);
      return r.length === 1 ? r[0]!.value : UNKNOWN;
    }
    if (name === "current") return { kind: "object", type: "struct task_struct", text: "current" };
    return UNKNOWN;
  }

  private addressOf(e: Extract<Expression, { kind: "unary" }>, s: PathState): Value {
    if (e.operand.kind === "identifier" && this.program.functions.has(e.operand.name)) return { kind: "function", name: e.operand.name };
    if (e.operand.kind === "identifier") {
      const local = s.locals.get(e.operand.name);
      if (local && local.kind !== "unknown" && local.kind !== "int") return local;
    }
    // &port0 where port0 is a static struct (not a lock): a pointer to that very object, so
    // p->lock reached through it is port0.lock.
    if (e.operand.kind === "identifier" && !this.isLocal(e.operand.name, s)) {
      const type = this.program.globalTypes.get(e.operand.name);
      if (type && this.program.structs.has(type.base) && !this.program.globals.has(e.operand.name)) {
        return { kind: "object", type: type.base, text: e.operand.name, static: true };
      }
    }
    const lock = lockOf(e, this.scope(s));
    return lock ? { kind: "lock", lock } : UNKNOWN;
  }

  private binary(e: Extract<Expression, { kind: "binary" }>, s: PathState): Results {
    if (e.operator === "&&" || e.operator === "||") {
      const and = e.operator === "&&";
      return concatMap(this.eval(e.left, s), (l) => {
        const lt = truth(l.value);
        if (lt === !and) return [{ state: l.state, value: and ? FALSE : TRUE }];
        return this.eval(e.right, l.state).map((r) => {
          const rt = truth(r.value);
          const v = lt === undefined ? (rt === !and ? (and ? FALSE : TRUE) : UNKNOWN) : rt === undefined ? UNKNOWN : rt ? TRUE : FALSE;
          return { state: r.state, value: v };
        });
      });
    }
    return concatMap(this.eval(e.left, s), (l) => this.eval(e.right, l.state).map((r) => ({ state: r.state, value: binaryOp(e.operator, l.value, r.value) })));
  }

  private field(e: Extract<Expression, { kind: "field" }>, s: PathState): Results {
    return this.eval(e.object, s).map((r) => {
      const o = r.value;
      if (o.kind === "object" && o.text === "current" && e.field === "flags") return { state: r.state, value: int(r.state.taskFlags) };
      if (o.kind === "record") return { state: r.state, value: o.fields[e.field] ?? UNKNOWN };
      return { state: r.state, value: UNKNOWN };
    });
  }

  private assign(e: Extract<Expression, { kind: "assignment" }>, s: PathState): Results {
    return concatMap(this.eval(e.value, s), (r) => {
      const t = e.target;
      // current->flags |= PF_MEMALLOC_NOIO (and &= ~..., =): the task's allocation scope flags.
      if (t.kind === "field" && t.field === "flags" && t.object.kind === "identifier" && t.object.name === "current") {
        const next = compound(e.operator, int(r.state.taskFlags), r.value);
        return [{ state: next.kind === "int" ? r.state.with({ taskFlags: next.value }) : r.state, value: next }];
      }
      if (t.kind === "identifier") {
        const old = r.state.locals.get(t.name) ?? UNKNOWN;
        const v = compound(e.operator, old, r.value);
        return [{ state: r.state.setLocal(t.name, v), value: v }];
      }
      // sc->gfp_mask = gfp: a field of a local record (the model's shrink_control, ranges).
      // A global's fields are not tracked: it stays the global it is (its locks keep their class).
      if (t.kind === "field" && t.object.kind === "identifier" && this.isLocal(t.object.name, r.state)) {
        const obj = r.state.locals.get(t.object.name);
        const base = obj?.kind === "record" ? obj.fields : {};
        const v = compound(e.operator, base[t.field] ?? UNKNOWN, r.value);
        return [{ state: r.state.setLocal(t.object.name, { kind: "record", fields: { ...base, [t.field]: v } }), value: v }];
      }
      return [{ state: r.state, value: r.value }];
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Calls

  private call(e: Extract<Expression, { kind: "call" }>, s: PathState): Results {
    const name = e.name ?? (e.callee.kind === "identifier" ? e.callee.name : null);
    let target = name ? this.program.functions.get(name) : undefined;
    if (!target && name) {
      const bound = s.locals.get(name);
      if (bound?.kind === "function") target = this.program.functions.get(bound.name);
    }
    if (target) {
      return concatMap(this.evalSeq(e.args, s), (a) => this.callFunction(target!, a.values, a.state, e.loc));
    }
    if (!name) return this.evalSeq(e.args, s).map((a) => ({ state: a.state, value: UNKNOWN }));
    const meaning = API_VOCABULARY.get(name);
    if (meaning) {
      const ops: readonly ApiOp[] = Array.isArray(meaning) ? meaning : [meaning as ApiOp];
      return concatMap(this.evalSeq(e.args, s), (a) => {
        let acc: Results = [{ state: a.state, value: UNKNOWN }];
        for (const op of ops) acc = concatMap(acc, (r) => this.apiCall(op, e, a.values, r.state));
        return acc;
      });
    }
    // Whether a name is a builtin depends on the name alone: one found not to be is not tried again.
    if (!this.unknownNames.has(name)) {
      const builtin = this.builtin(name, e, s);
      if (builtin) return builtin;
      this.unknownNames.add(name);
      this.unknownCalls.push({ name, loc: e.loc });
    }
    return this.evalSeq(e.args, s).map((a) => ({ state: a.state, value: UNKNOWN }));
  }

  private builtin(name: string, e: Extract<Expression, { kind: "call" }>, s: PathState): Results | undefined {
    const one = (value: Value, state = s): Results => [{ state, value }];
    const c = s.counters;
    switch (name) {
      case "IS_ENABLED":
      case "IS_BUILTIN":
      case "IS_REACHABLE": {
        const arg = e.args[0]?.text.replace(/^CONFIG_/, "") ?? "";
        return one(this.options.config.has(arg) ? TRUE : FALSE);
      }
      case "in_interrupt":
      case "in_irq":
      case "in_hardirq":
      case "in_softirq":
      case "in_serving_softirq":
      case "in_task": {
        const hard = this.who.hardirq !== undefined;
        const soft = this.who.softirq === true;
        const v = name === "in_task" ? !hard && !soft : name === "in_interrupt" ? hard || soft || c.softirqs > 0 : name.includes("softirq") ? soft || (name === "in_softirq" && c.softirqs > 0) : hard;
        return one(v ? TRUE : FALSE);
      }
      case "irqs_disabled":
        return one(c.hardirqs > 0 || this.who.hardirq !== undefined ? TRUE : FALSE);
      case "preemptible":
        return one(c.hardirqs + (this.preemptRt ? 0 : c.softirqs) + c.preemption === 0 && !this.who.hardirq && !this.who.softirq && !this.spinningHeld(s) ? TRUE : FALSE);
      case "in_atomic":
        return one((this.preemptRt ? 0 : c.softirqs) + c.preemption > 0 || this.who.hardirq || this.who.softirq || this.spinningHeld(s) ? TRUE : FALSE);
      // ERR_PTR(-ENOMEM) is a negative errno; IS_ERR() knows it from a real pointer.
      case "ERR_PTR":
      case "PTR_ERR":
      case "ERR_CAST":
        return e.args[0] ? this.eval(e.args[0], s) : one(UNKNOWN);
      case "IS_ERR":
      case "IS_ERR_OR_NULL":
        return (e.args[0] ? this.eval(e.args[0], s) : [{ state: s, value: UNKNOWN }]).map((r) => {
          const v = r.value;
          const err = v.kind === "int" ? v.value < 0 && v.value >= -4095 : v.kind === "unknown" ? undefined : false;
          const nul = name === "IS_ERR_OR_NULL" && v.kind === "int" && v.value === 0;
          return { state: r.state, value: err === undefined ? UNKNOWN : err || nul ? TRUE : FALSE };
        });
      case "gfpflags_allow_blocking":
        return this.eval(e.args[0]!, s).map((r) => ({ state: r.state, value: r.value.kind === "int" ? (gfpflagsAllowBlocking(r.value.value as never, this.gfp) ? TRUE : FALSE) : UNKNOWN }));
      case "current_gfp_context":
        return this.eval(e.args[0]!, s).map((r) => ({ state: r.state, value: r.value.kind === "int" ? int(currentGfpContext(r.value.value as never, r.state.taskFlags as TaskFlags, this.gfp)) : UNKNOWN }));
      case "mmu_notifier_range_blockable":
        return one(this.blockable);
      // printk_deferred_enter() and printk_safe_enter_*() raise this CPU's printk_context; the
      // model's vprintk() then defers instead of calling the consoles (kernel/printk/printk_safe.c).
      case "printk_deferred_enter":
        return one(UNKNOWN, s.with({ taskFlags: s.taskFlags | PRINTK_DEFERRED }));
      case "printk_deferred_exit":
        return one(UNKNOWN, s.with({ taskFlags: s.taskFlags & ~PRINTK_DEFERRED }));
      case "this_cpu_read":
      case "__this_cpu_read":
        return e.args[0]?.text === "printk_context" ? one(s.taskFlags & PRINTK_DEFERRED ? TRUE : FALSE) : one(UNKNOWN);
      case "this_cpu_inc":
      case "__this_cpu_inc":
        return e.args[0]?.text === "printk_context" ? one(UNKNOWN, s.with({ taskFlags: s.taskFlags | PRINTK_DEFERRED })) : one(UNKNOWN);
      case "this_cpu_dec":
      case "__this_cpu_dec":
        return e.args[0]?.text === "printk_context" ? one(UNKNOWN, s.with({ taskFlags: s.taskFlags & ~PRINTK_DEFERRED })) : one(UNKNOWN);
      case "shrinkers_call":
        // count_objects/scan_objects(struct shrinker *, struct shrink_control *sc)
        return this.evalSeq(e.args, s).flatMap((a) => this.callHooks(this.program.hooks.shrinkers.flatMap((h) => [h.count, h.scan]), [UNKNOWN, a.values[0] ?? UNKNOWN], a.state, e.loc));
      case "mmu_notifiers_invalidate_range_start":
        return this.evalSeq(e.args, s).flatMap((a) => {
          const saved = this.blockable;
          this.blockable = a.values[1] ?? UNKNOWN;
          const r = this.callHooks(
            this.program.hooks.mmuNotifiers.map((h) => h.start),
            [UNKNOWN, a.values[0] ?? UNKNOWN],
            a.state,
            e.loc,
          );
          this.blockable = saved;
          return r;
        });
      case "consoles_write":
        return this.callHooks(this.program.hooks.consoles.map((h) => h.write), [], s, e.loc);
      // Registrations were collected before running (Program); here they do nothing.
      case "INIT_WORK":
      case "INIT_DELAYED_WORK":
      case "register_shrinker":
      case "unregister_shrinker":
      case "mmu_notifier_register":
      case "register_console":
      case "BUG_ON":
        return one(UNKNOWN);
      // Value-preserving wrappers.
      case "likely":
      case "unlikely":
      case "READ_ONCE":
        return e.args[0] ? this.eval(e.args[0], s) : one(UNKNOWN);
      default:
        break;
    }
    if (PRINTK_NAMES.test(name)) {
      const printk = this.program.functions.get("printk");
      if (printk) return this.callFunction(printk, [], s, e.loc);
      return one(UNKNOWN);
    }
    return undefined;
  }

  /** Calls each hook function with the same arguments; a missing hook (NULL) is skipped. */
  private callHooks(names: readonly (string | null)[], args: readonly Value[], s: PathState, loc: Loc): Results {
    let acc: Results = [{ state: s, value: UNKNOWN }];
    for (const n of names) {
      const fn = n ? this.program.functions.get(n) : undefined;
      if (!fn) continue;
      acc = concatMap(acc, (a) => this.callFunction(fn, fn.parameters.map((_, i) => args[i] ?? UNKNOWN), a.state, loc));
    }
    return acc;
  }

  private apiCall(op: ApiOp, e: Extract<Expression, { kind: "call" }>, args: readonly Value[], s: PathState): Results {
    const stack = this.stackAt(e.loc);
    const one = (state: PathState, value: Value = UNKNOWN): Results => [{ state, value }];
    switch (op.op) {
      case "acquire": {
        const lock = this.lockArg(op, e, args, s);
        if (!lock) return one(s);
        const kind = this.checkKind(lock, op.kind, e.loc);
        let st = s;
        if (op.before && !(op.before.notOnRt && this.preemptRt)) st = this.toggle(st, op.before.what, true, stack);
        const subclass = op.subclass !== undefined ? intArg(args[op.subclass]) : 0;
        const nest = op.nestLock !== undefined ? this.lockFromValue(args[op.nestLock], e.args[op.nestLock]) : undefined;
        const extra = { stack, subclass, nest, momentary: op.momentary === true };
        if (op.trylock) {
          const failed = s.fork();
          return [{ state: this.acquire(st, lock, kind, op.mode, { ...extra, trylock: true }), value: TRUE }, { state: failed, value: FALSE }];
        }
        return one(this.acquire(st, lock, kind, op.mode, extra), TRUE);
      }
      case "release": {
        const lock = this.lockArg(op, e, args, s);
        if (!lock) return one(s);
        let st = this.release(s, lock, this.checkKind(lock, op.kind, e.loc), stack);
        if (op.after && !(op.after.notOnRt && this.preemptRt)) st = this.toggle(st, op.after.what, false, stack);
        return one(st);
      }
      case "downgrade": {
        const lock = this.lockArg(op, e, args, s);
        if (!lock) return one(s);
        const kind = this.checkKind(lock, op.kind, e.loc);
        const got = this.emitter.task(s, this.who);
        this.emitter.emit({ kind: "downgrade", task: got.task, class: this.emitter.classId(lock, kind), instance: this.emitter.instanceId(lock), stack });
        const held = got.state.held.map((h) => (h.lock.instance === lock.instance ? { ...h, mode: "read" as const } : h));
        return one(got.state.with({ held }));
      }
      case "init": {
        const arg = e.args[op.lock];
        if (!arg) return one(s);
        noteInitName(arg, this.scope(s));
        const lock = lockOf(arg, this.scope(s));
        if (!lock) return one(s);
        const kind = this.checkKind(lock, op.kind, e.loc);
        if (!s.held.some((h) => h.lock.instance === lock.instance)) return one(s);
        const got = this.emitter.task(s, this.who);
        this.emitter.emit({ kind: "instance-reset", task: got.task, class: this.emitter.classId(lock, kind), instance: this.emitter.instanceId(lock), stack });
        return one(got.state);
      }
      case "toggle":
        return one(this.toggle(s, op.what, op.disable, stack));
      case "sleep":
        return one(this.sleep(s, op.certainty, stack));
      case "alloc":
      case "might-alloc": {
        const g = typeof op.gfp === "string" ? this.gfp.values.get(op.gfp) : intArg(args[op.gfp], -1);
        if (g === undefined || g < 0) {
          this.problem(e.loc, `${e.name}: the gfp mask is not known here; the allocation is treated as GFP_KERNEL`, "note");
        }
        const gfp = g === undefined || g < 0 ? this.gfp.known.GFP_KERNEL : g;
        const gfpText = typeof op.gfp === "string" ? op.gfp : (e.args[op.gfp]?.text ?? "GFP_KERNEL");
        const frame = stack[0];
        const site: AllocationSite = { loc: e.loc, call: e.name ?? "", gfpText, gfp, frame: frame ? `${frame.file}:${frame.line}` : "" };
        if (!this.allocationSites.has(site.frame)) this.allocationSites.set(site.frame, site);
        return this.allocate(s, gfp, stack, op.op === "alloc", e.loc);
      }
      case "scope-save": {
        const bit = SCOPE_FLAGS[op.scope] ?? 0;
        return one(s.with({ taskFlags: s.taskFlags | bit }), int(s.taskFlags & bit));
      }
      case "scope-restore": {
        const bit = SCOPE_FLAGS[op.scope] ?? 0;
        const token = args[op.token];
        if (token?.kind !== "int") return one(s.with({ taskFlags: s.taskFlags & ~bit }));
        return one(s.with({ taskFlags: (s.taskFlags & ~bit) | (token.value & bit) }));
      }
      case "wait": {
        const ev = this.eventOf(op.event, e.args[op.arg], args[op.arg], s);
        if (!ev) return one(s);
        // complete(&x); ... wait_for_completion(&x) in one context: the wait returns at once.
        if (this.signalledHere.has(ev.classKey)) return one(this.sleep(s, "might", stack));
        let waited = this.acquire(s, ev, "event", "write", { stack, momentary: true });
        // flush_workqueue(wq) waits for every work item queued on wq (queue_work(wq, &w)).
        if (op.event === "wq_completion") {
          for (const fn of this.program.queuedOn.get(workKey(e.args[op.arg]?.text ?? "")) ?? []) {
            const work = `(work)${fn}`;
            waited = this.acquire(waited, { classKey: work, name: work, instance: work }, "event", "write", { stack, momentary: true });
          }
        }
        return one(this.sleep(waited, "might", stack));
      }
      case "signal": {
        const ev = this.eventOf(op.event, e.args[op.arg], args[op.arg], s);
        return one(ev ? this.signal(s, ev, stack) : s);
      }
      case "assert-held":
      case "nothing":
        return one(s);
    }
  }

  /** The event class an argument names: `(completion)&dev->done`, `(work)fn` for a work item. */
  private eventOf(prefix: string, expr: Expression | undefined, v: Value | undefined, s: PathState): LockRef | undefined {
    if (!expr) return undefined;
    if (prefix === "work") {
      const fn = this.program.workItems.get(workKey(expr.text));
      const name = `(work)${fn ?? workKey(expr.text)}`;
      return { classKey: name, name, instance: name };
    }
    if (prefix === "wq_completion") {
      const name = `(wq_completion)${workKey(expr.text)}`;
      return { classKey: name, name, instance: name };
    }
    // wait_event(q, ...) names the head, wake_up(&q) its address: one event either way.
    const addressed: Expression = prefix === "wq" && !(expr.kind === "unary" && expr.operator === "&") ? { kind: "unary", operator: "&", operand: expr, text: `&${expr.text}`, loc: expr.loc } : expr;
    const lock = v?.kind === "lock" ? v.lock : lockOf(addressed, this.scope(s));
    if (!lock) return undefined;
    return { classKey: `(${prefix})${lock.classKey}`, name: `(${prefix})${lock.name}`, instance: `(${prefix})${lock.instance}` };
  }

  /**
   * A memoized call's acquisitions, as made from this call site: each stack keeps its frames
   * inside the call and takes this site's callers (not those of the run that made the summary).
   * Only where a history still lacks the class: the rest would be dropped anyway.
   */
  private replayAcquired(cached: Summary, callLoc: Loc): void {
    const call = this.acquiredInCalls[this.acquiredInCalls.length - 1];
    let callers: Stack | undefined;
    for (const a of cached.acquired) {
      const k = a.lock.classKey;
      if (this.history.has(k) && (call === undefined || call.has(k))) continue;
      callers ??= this.stackAt(callLoc);
      this.noteAcquired({ ...a, stack: [...a.stack.slice(0, a.stack.length - cached.depth), ...callers] });
    }
  }

  /** `a` was acquired: by the entry point, and by each call being executed. */
  private noteAcquired(a: Acquired): void {
    this.history.add(a);
    this.acquiredInCalls[this.acquiredInCalls.length - 1]?.add(a);
  }

  /** `ev` is signalled: it depends on everything this context acquired before (history). */
  private signal(s: PathState, ev: LockRef, stack: Stack): PathState {
    this.signalled[this.signalled.length - 1]?.push(ev);
    this.signalledHere.add(ev.classKey);
    const got = this.emitter.task(s, this.who);
    const from = this.emitter.classId(ev, "event");
    for (const h of this.history.items) {
      if (h.lock.classKey === ev.classKey) continue;
      this.emitter.emit({ kind: "dependency", task: got.task, from, to: this.emitter.classId(h.lock, h.kind), stack: h.stack, via: stack });
    }
    return got.state;
  }

  private allocate(s: PathState, gfpAsWritten: number, stack: Stack, inlinePath: boolean, loc: Loc): Results {
    if (this.recording) {
      this.recording.sites.add(siteKey(loc));
      for (const h of s.held) {
        this.recording.held.add(h.lock.classKey);
        this.recording.held.add(h.lock.name);
      }
    }
    const change = this.change;
    let gfp = gfpAsWritten;
    let flags = s.taskFlags;
    if (change?.kind === "mask" && change.site === siteKey(loc)) gfp = change.gfp;
    if (change?.kind === "scope" && s.held.some((h) => h.lock.classKey === change.whileHolding || h.lock.name === change.whileHolding)) flags |= change.flag;
    if (change?.kind === "context-scope" && change.entry === this.who.name) flags |= change.flag;
    if (change?.kind === "hoist" && change.site === siteKey(loc)) {
      // Made before the locks were taken: its dependencies are those of an allocation with nothing held.
      this.allocateUnlocked(gfp, flags, stack);
      return [{ state: s, value: ALLOCATED }];
    }
    const actions = allocationActions(gfp as never, flags as TaskFlags, this.gfp);
    let st = this.pseudoLocks(s, actions.pseudoLocks, stack);
    if (actions.mightSleep) st = this.sleep(st, "might", stack);
    const allocator = inlinePath && this.program.hooks.allocator ? this.program.functions.get(this.program.hooks.allocator) : undefined;
    const after = allocator ? this.callFunction(allocator, [int(gfp)], st, loc).map((r) => r.state) : [st];
    // It returns memory or NULL: kernel code checks, and a path that assumed success would be
    // a path the kernel never takes.
    return concatMap(after, (a) => [
      { state: a, value: ALLOCATED },
      { state: a.fork(), value: FALSE },
    ]);
  }

  private allocateUnlocked(gfp: number, flags: number, stack: Stack): void {
    const saved = this.who;
    const start = PathState.start(flags);
    this.pseudoLocks(start, allocationActions(gfp as never, flags as TaskFlags, this.gfp).pseudoLocks, stack);
    this.who = saved;
  }

  /** Takes the pseudo-locks nested in order and releases them in reverse (fs_reclaim_acquire/release). */
  private pseudoLocks(s: PathState, names: readonly string[], stack: Stack): PathState {
    const refs = names.map((n) => ({ classKey: n, name: n, instance: n }));
    let st = s;
    refs.forEach((r, i) => {
      st = this.acquire(st, r, "lockdep_map", "write", { stack, momentary: i === refs.length - 1 });
    });
    for (let i = refs.length - 2; i >= 0; i--) st = this.release(st, refs[i]!, "lockdep_map", stack);
    return st;
  }

  // ---------------------------------------------------------------------------------------------
  // Engine operations on a path

  private acquire(
    s: PathState,
    lock: LockRef,
    kind: LockKind,
    mode: AcquireMode,
    o: { stack: Stack; subclass?: number; nest?: LockRef | undefined; trylock?: boolean; momentary?: boolean },
  ): PathState {
    const got = this.emitter.task(s, this.who);
    const cls = this.emitter.classId(lock, kind);
    this.emitter.emit({
      kind: "acquire",
      task: got.task,
      class: cls,
      instance: this.emitter.instanceId(lock),
      mode,
      ...(o.trylock ? { trylock: true } : {}),
      ...(o.subclass ? { subclass: o.subclass } : {}),
      ...(o.nest ? { nestLock: this.emitter.instanceId(o.nest) } : {}),
      ...(o.momentary ? { momentary: true } : {}),
      stack: o.stack,
    });
    this.noteAcquired({ lock, kind, stack: o.stack });
    if (o.momentary) return got.state;
    const entry: HeldEntry = { lock, kind, mode, trylock: o.trylock ?? false, subclass: o.subclass ?? 0, stack: o.stack };
    return got.state.with({ held: [...got.state.held, entry] });
  }

  private release(s: PathState, lock: LockRef, kind: LockKind, stack: Stack): PathState {
    const got = this.emitter.task(s, this.who);
    this.emitter.emit({ kind: "release", task: got.task, class: this.emitter.classId(lock, kind), instance: this.emitter.instanceId(lock), stack });
    const held = got.state.held;
    let i = held.length - 1;
    while (i >= 0 && held[i]!.lock.instance !== lock.instance) i--;
    if (i < 0) return got.state;
    return got.state.with({ held: [...held.slice(0, i), ...held.slice(i + 1)] });
  }

  private toggle(s: PathState, what: Toggle, disable: boolean, stack: Stack): PathState {
    const got = this.emitter.task(s, this.who);
    this.emitter.emit({ kind: disable ? "disable" : "enable", task: got.task, what, stack });
    return got.state.toggled(what, disable);
  }

  private sleep(s: PathState, certainty: "might" | "actual", stack: Stack): PathState {
    const got = this.emitter.task(s, this.who);
    this.emitter.emit({ kind: "sleep", task: got.task, certainty, stack });
    return got.state;
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers

  private lockArg(op: { lock: number; fixedClass?: string; member?: string }, e: Extract<Expression, { kind: "call" }>, args: readonly Value[], s: PathState): LockRef | undefined {
    if (op.fixedClass) {
      const argText = e.args[0]?.text.replace(/\s+/g, "") ?? "";
      return { classKey: op.fixedClass, name: op.fixedClass, instance: `${op.fixedClass}@${argText}` };
    }
    const lock = this.lockFromValue(args[op.lock], e.args[op.lock], s);
    if (!lock || !op.member) return lock;
    // A lock inside the object: zonelist_update_seq.seqcount, &sl->seqlock.lock
    return { classKey: `${lock.classKey}.${op.member}`, name: `${lock.name}.${op.member}`, instance: `${lock.instance}.${op.member}` };
  }

  private lockFromValue(v: Value | undefined, expr: Expression | undefined, s?: PathState): LockRef | undefined {
    if (v?.kind === "lock") return v.lock;
    if (!expr) return undefined;
    return lockOf(expr, this.scope(s));
  }

  /** A lock's kind comes from its declaration or first use; another kind later is an error. */
  private checkKind(lock: LockRef, kind: LockKind, loc: Loc): LockKind {
    const want = lock.declared && !compatible(lock.declared, kind) ? lock.declared : kind;
    if (lock.declared && !compatible(lock.declared, kind)) {
      this.problem(loc, `${lock.name} is declared as ${lock.declared} but used here as ${kind}`);
    }
    const seen = this.lockKinds.get(lock.classKey);
    if (!seen) {
      this.lockKinds.set(lock.classKey, { kind: want, loc });
      return want;
    }
    if (!compatible(seen.kind, kind) && !lock.declared) {
      this.problem(loc, `${lock.name} is used as ${kind} here but as ${seen.kind} at ${seen.loc.file}:${seen.loc.line}:${seen.loc.column}`);
    }
    return seen.kind;
  }

  /** A lock held that keeps preemption off: raw spinlocks always, spinlock_t/rwlock_t off PREEMPT_RT. */
  private spinningHeld(s: PathState): boolean {
    return s.held.some((h) => spinsWithPreemptionOff(h.kind, this.preemptRt));
  }

  /** A local variable or parameter of the running function (not a global of the same name). */
  private isLocal(name: string, s: PathState): boolean {
    return s.locals.has(name) || (this.frames[this.frames.length - 1]?.types.has(name) ?? false);
  }

  private scope(s?: PathState): LockScope {
    const frame = this.frames[this.frames.length - 1];
    return {
      program: this.program,
      local: (n) => s?.locals.get(n),
      localType: (n) => frame?.types.get(n),
      initNames: this.initNames,
      firstNames: this.firstNames,
    };
  }

  private stackAt(loc: Loc): Stack {
    const top = this.frames.length - 1;
    const f = this.frames[top];
    return f ? [{ function: f.fn.name, file: loc.file, line: loc.line }, ...this.callersOf(top)] : [];
  }

  /** The entries below frames[i] (see Frame.callers); an entry point's frame has no call site. */
  private callersOf(i: number): Stack {
    const f = this.frames[i]!;
    if (!f.callers) {
      const below = this.frames[i - 1];
      f.callers = f.call && below ? [{ function: below.fn.name, file: f.call.file, line: f.call.line }, ...this.callersOf(i - 1)] : [];
    }
    return f.callers;
  }

  private constValue(e: Expression): number | undefined {
    const r = this.eval(e, PathState.start());
    return r.length === 1 && r[0]!.value.kind === "int" ? r[0]!.value.value : undefined;
  }

  private problem(loc: Loc, message: string, severity: "error" | "note" = "error"): void {
    const key = `${loc.file}:${loc.line}:${loc.column}:${message}`;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.problems.push({ loc, message: severity === "note" ? `note: ${message}` : message });
  }

  /** `*_init(&o->lock)` anywhere names its (struct, field) class; gathered before running. */
  private prescanInitNames(): void {
    for (const fn of this.program.functions.values()) {
      const index = indexFunction(fn);
      const initCalls = index.calls.filter((c) => c.name !== null && INIT_CALLS.has(c.name) && c.args[0] !== undefined);
      if (initCalls.length === 0) continue;
      const types = new Map<string, TypeRef>();
      fn.parameters.forEach((p) => p.name && types.set(p.name, p.type));
      for (const d of index.declarations) types.set(d.name, d.type);
      const scope: LockScope = { program: this.program, local: () => undefined, localType: (x) => types.get(x), initNames: this.initNames, firstNames: new Map() };
      for (const c of initCalls) noteInitName(c.args[0]!, scope);
    }
  }
}

/** A memo key for a call, besides the caller's lock state: the function, its arguments, the context. */
function callKey(fn: FunctionDefinition, args: readonly Value[], entryKey: string, blockable: Value): string {
  // A loop rather than args.map(valueKey).join(): argument arrays come in several element kinds
  // (empty ones are small-integer arrays), and map's optimised code is specialised to one.
  let key = `${fn.name}(`;
  for (let i = 0; i < args.length; i++) key += i === 0 ? valueKey(args[i]!) : `,${valueKey(args[i]!)}`;
  return `${key})|${entryKey}|${valueKey(blockable)}`;
}

/**
 * One exit per (lock state, returned value), in the order they first occur, a path that already
 * has an engine task preferred: the caller's future depends on nothing else (locals are the
 * caller's again). A function has few distinct exits, so they are compared rather than keyed.
 */
function distinctExits(ends: readonly Returned[]): Returned[] {
  const out: Returned[] = [];
  for (const r of ends) {
    const i = out.findIndex((o) => o.state.lockKey === r.state.lockKey && sameValue(o.value, r.value));
    if (i < 0) out.push(r);
    else if (out[i]!.state.engineTask === undefined && r.state.engineTask !== undefined) out[i] = r;
  }
  return out;
}

function compatible(a: LockKind, b: LockKind): boolean {
  if (a === b) return true;
  // Wrappers and generic maps: a lockdep_map may be taken by might_lock; seqlock_t contains a spinlock.
  const family = (k: LockKind): string => (k === "rt_mutex" || k === "ww_mutex" ? "mutex" : k);
  return family(a) === family(b) || a === "lockdep_map" || b === "lockdep_map";
}

function intArg(v: Value | undefined, fallback = 0): number {
  return v?.kind === "int" ? v.value : fallback;
}

function unaryOp(op: string, v: Value): Value {
  if (op === "!") {
    const t = truth(v);
    return t === undefined ? UNKNOWN : t ? FALSE : TRUE;
  }
  if (v.kind !== "int") return op === "*" || op === "+" ? v : UNKNOWN;
  switch (op) {
    case "~":
      return int(~v.value >>> 0);
    case "-":
      return int(-v.value);
    default:
      return v;
  }
}

function binaryOp(op: string, a: Value, b: Value): Value {
  if (a.kind !== "int" || b.kind !== "int") {
    // `x & 0` is known whatever x is; everything else about an unknown is unknown.
    if (op === "&" && ((a.kind === "int" && a.value === 0) || (b.kind === "int" && b.value === 0))) return FALSE;
    return UNKNOWN;
  }
  const x = a.value;
  const y = b.value;
  const bool = (c: boolean): Value => (c ? TRUE : FALSE);
  switch (op) {
    case "|":
      return int((x | y) >>> 0);
    case "&":
      return int((x & y) >>> 0);
    case "^":
      return int((x ^ y) >>> 0);
    case "+":
      return int(x + y);
    case "-":
      return int(x - y);
    case "*":
      return int(x * y);
    case "/":
      return y === 0 ? UNKNOWN : int(Math.trunc(x / y));
    case "%":
      return y === 0 ? UNKNOWN : int(x % y);
    case "<<":
      return int((x << y) >>> 0);
    case ">>":
      return int(x >>> y);
    case "==":
      return bool(x === y);
    case "!=":
      return bool(x !== y);
    case "<":
      return bool(x < y);
    case ">":
      return bool(x > y);
    case "<=":
      return bool(x <= y);
    case ">=":
      return bool(x >= y);
    default:
      return UNKNOWN;
  }
}

function compound(op: string, old: Value, v: Value): Value {
  if (op === "=") return v;
  return binaryOp(op.slice(0, -1), old, v);
}

function lastLine(b: Block): number {
  const last = b.statements[b.statements.length - 1];
  return last ? last.loc.line + 1 : b.loc.line;
}

