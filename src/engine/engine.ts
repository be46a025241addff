/**
 * The lock-dependency engine: reads events (src/ir/) and finds what lockdep would find. This is
 * the dispatcher; each check lives in checks/, named after the report it produces. The order of
 * checks on an acquisition follows lockdep's __lock_acquire: wait context, usage marking, nest
 * lock, then — only for a held-lock chain not seen before — recursion, and for each previous lock
 * cycle search, irq safe→unsafe order, and the new dependency.
 *
 * Unlike lockdep, checking goes on after a finding as if the acquisition had happened, and each
 * cause is reported once (DESIGN.md §3).
 */
import type { AcquireEvent, ClassId, Event, InstanceId, Stack, TaskId, TaskResumeEvent, Toggle, WwAcquire, WwContextEvent } from "../ir/index.js";
import { FLAG_MOMENTARY, FLAG_TRYLOCK, NO_INSTANCE, NO_STACK, OP, RECORD_WIDTH, SUBCLASS_SHIFT, TOGGLES } from "../ir/index.js";
import { CHAIN_SEED_HI, CHAIN_SEED_LO, chainStepHi, chainStepLo } from "./chain-cache.js";
import { HOT, MAX_SUBCLASSES } from "./classes.js";
import { WAIT } from "./lock-kinds.js";
import { EngineCore, type WwContextState } from "./core.js";
import type { Finding } from "./finding.js";
import { depType } from "./graph.js";
import { checkNoncircular } from "./checks/circular.js";
import { checkFreed, checkHeldAtExit, checkNestLockHeld, findHeld, reportBadUnlock } from "./checks/held-locks.js";
import { checkIrqOrder } from "./checks/irq-order.js";
import { markHeldLocks, markUsage, usageMarked } from "./checks/irq-usage.js";
import { checkRecursion, DeadlockCheck } from "./checks/recursive.js";
import { checkSleep } from "./checks/sleep.js";
import { checkWaitContext, waitContextAfter, waitContextOn, waitContextValid } from "./checks/wait-context.js";
import { checkWwSlow, reportWw, wwAcquired, wwDeadlk } from "./checks/ww-mutex.js";
import { ENTRY, entryFlags, type HeldLock, type HeldStack } from "./held-stack.js";
import { TaskState } from "./task-state.js";
import { isDenseId } from "./typed-arrays.js";

/** Kernel configuration that changes lockdep's verdicts. */
export interface EngineConfig {
  /** CONFIG_PROVE_RAW_LOCK_NESTING: spinlock_t inside raw_spinlock_t is an invalid wait context. */
  readonly proveRawLockNesting?: boolean;
  /** CONFIG_PREEMPT_RT: spinlock_t and rwlock_t sleep; irq handlers are threaded. */
  readonly preemptRt?: boolean;
  /** The selftests' force flag: rwlock_t readers are recursive even in process context. */
  readonly readLockRecursive?: boolean;
}

/** Bad input through the API (unknown class, task ended twice): a value, never a throw. */
export interface EngineError {
  readonly message: string;
  readonly event: Event;
}

export interface EngineStats {
  readonly events: number;
  readonly classes: number;
  readonly dependencies: number;
  readonly chains: number;
}

const READ_OF = { write: 0, read: 1, "recursive-read": 2 } as const;
const NO_STACK_FRAMES: Stack = [];
/** The stack a record names by index into `stacks`. */
const stackAt = (stacks: readonly Stack[], si: number): Stack => (si === NO_STACK ? NO_STACK_FRAMES : (stacks[si] ?? NO_STACK_FRAMES));
/** Instance used when an event names none: one lock object per class key. */
const defaultInstance = (key: ClassId): InstanceId => -1 - key;

/**
 * What held entry `i` stores about its place on the stack, once placed on `top` (the top entry
 * of its irq segment, -1 for none) in wait context `below`: the wait context it leaves for what
 * nests inside, and its chain key (lockdep's iterate_chain_key: `top`'s key extended, or a new
 * segment's seed).
 */
function place(held: HeldStack, i: number, top: number, below: number, innerWait: number): void {
  held.waitCtx[i] = waitContextAfter(below, innerWait);
  const flags = held.flags[i]!;
  const step = (held.cls[i]! << 3) | ((flags & ENTRY.READ) << 1) | ((flags & ENTRY.TRYLOCK) >>> 2);
  const context = (flags & ENTRY.IRQ) >>> ENTRY.IRQ_SHIFT;
  held.keyLo[i] = chainStepLo(top >= 0 ? held.keyLo[top]! : (CHAIN_SEED_LO ^ context) >>> 0, step);
  held.keyHi[i] = chainStepHi(top >= 0 ? held.keyHi[top]! : (CHAIN_SEED_HI + context) >>> 0, step);
}

export class Engine {
  private readonly core: EngineCore;
  private events = 0;
  /** The SLEEP wait type's number under this configuration. */
  private readonly sleepWait: number;
  /** Tasks with small non-negative ids, by id. */
  private readonly tasksById: (TaskState | undefined)[] = [];
  /** Which ww acquire context holds each ww_mutex instance. */
  private readonly wwOwner = new Map<InstanceId, InstanceId>();

  constructor(readonly config: EngineConfig = {}) {
    const preemptRt = config.preemptRt ?? false;
    this.core = new EngineCore({
      rawNesting: (config.proveRawLockNesting ?? false) || preemptRt,
      preemptRt,
      readLockRecursive: config.readLockRecursive ?? false,
    });
    this.sleepWait = this.core.wait.of(WAIT.SLEEP);
  }

  /** Checks one event. Returns an error value for input the engine cannot accept; never throws for it. */
  apply(event: Event): EngineError | undefined {
    this.events++;
    const message = this.dispatch(event);
    return message === undefined ? undefined : { message, event };
  }

  /**
   * Checks `count` compact records (src/ir/records.ts) from `records`, stacks by index into
   * `stacks`. Same checks as `apply`; returns the first error value, if any, and goes on.
   */
  applyRecords(records: Int32Array, count: number, stacks: readonly Stack[]): EngineError | undefined {
    let first: EngineError | undefined;
    this.events += count;
    const tasksById = this.tasksById;
    for (let i = 0, o = 0; i < count; i++, o += RECORD_WIDTH) {
      const op = records[o]!;
      const task = records[o + 1]!;
      const a = records[o + 2]!;
      const b = records[o + 3]!;
      const c = records[o + 4]!;
      const si = records[o + 5]!;
      // A usual release needs no stack (looked up from its index otherwise), nor the class and
      // task checks that find its entry.
      const live = tasksById[task];
      if (op === OP.RELEASE && live !== undefined && !live.ended && this.releaseUsual(live, a, b)) continue;
      let err: string | undefined;
      switch (op) {
        case OP.ACQUIRE: {
          const cls = this.classIndex(a, c >>> SUBCLASS_SHIFT);
          if (typeof cls === "string") {
            err = cls;
            break;
          }
          const t = this.liveTask(task);
          if (typeof t === "string") err = t;
          else this.lock(t, cls, b === NO_INSTANCE ? defaultInstance(a) : b, this.readMode(t, cls, c & 3), (c & FLAG_TRYLOCK) !== 0, (c & FLAG_MOMENTARY) !== 0, stackAt(stacks, si));
          break;
        }
        case OP.RELEASE:
          err = this.release(task, a, b === NO_INSTANCE ? undefined : b, stackAt(stacks, si));
          break;
        case OP.DISABLE:
        case OP.ENABLE:
          err = a >= 0 && a < TOGGLES.length ? this.toggle(task, TOGGLES[a]!, op === OP.DISABLE, stackAt(stacks, si)) : `unknown toggle index ${a} at record ${i}`;
          break;
        case OP.IRQ_ENTER:
        case OP.IRQ_EXIT:
          err = a === 0 || a === 1 ? this.irq(task, op === OP.IRQ_ENTER, a === 0 ? "hardirq" : "softirq", b === 1, stackAt(stacks, si)) : `unknown irq context ${a} at record ${i}`;
          break;
        case OP.SLEEP: {
          const t = a === 0 || a === 1 ? this.liveTask(task) : `unknown sleep certainty ${a} at record ${i}`;
          if (typeof t === "string") err = t;
          else checkSleep(this.core, t, { certainty: a === 0 ? "might" : "actual" }, stackAt(stacks, si));
          break;
        }
        default:
          err = `unknown record op ${op} at record ${i}`;
      }
      if (err !== undefined && first === undefined) first = { message: err, event: { kind: "sleep", task, certainty: "might", stack: stackAt(stacks, si) } };
    }
    return first;
  }

  /**
   * Whether the dependency graph has a path from the class named `from` to the one named `to`
   * (any subclass, any dependency type): a question a front-end may ask after a run, such as
   * "would an allocation at this reclaim level under this lock close a cycle?".
   */
  reaches(from: string, to: string): boolean {
    const c = this.core.classes;
    const starts = c.indicesNamed(from);
    const targets = new Set(c.indicesNamed(to));
    if (starts.length === 0 || targets.size === 0) return false;
    return starts.some((s) => this.core.search.find(s, false, "forward", (cls) => targets.has(cls) && cls !== s, undefined, c.count) !== undefined);
  }

  findings(): readonly Finding[] {
    return this.core.log.list;
  }

  stats(): EngineStats {
    const c = this.core;
    return { events: this.events, classes: c.classes.count, dependencies: c.graph.edgeCount, chains: c.chains.count };
  }

  private dispatch(ev: Event): string | undefined {
    switch (ev.kind) {
      case "define-class":
        return this.core.classes.define(ev.id, ev.name, ev.lock, ev.stack);
      case "task-start":
        return this.startTask(ev.task, ev.name, ev.pid);
      case "task-end": {
        const task = this.liveTask(ev.task);
        if (typeof task === "string") return task;
        if (ev.how === "abandon") {
          this.core.tasks.delete(ev.task);
          if (this.tasksById[ev.task] === task) this.tasksById[ev.task] = undefined;
          return undefined;
        }
        checkHeldAtExit(this.core, task, ev.how ?? "exit", ev.stack ?? NO_STACK_FRAMES);
        task.held.length = 0;
        task.ended = true;
        return undefined;
      }
      case "task-resume":
        return this.resumeTask(ev);
      case "acquire":
        return this.acquireEvent(ev);
      case "release":
        return this.release(ev.task, ev.class, ev.instance, ev.stack);
      case "downgrade":
        return this.downgrade(ev.task, ev.class, ev.instance, ev.stack);
      case "instance-reset": {
        const task = this.liveTask(ev.task);
        if (typeof task === "string") return task;
        if (!this.core.classes.keyOf(ev.class)) return `unknown class id ${ev.class}`;
        checkFreed(this.core, task, ev.instance ?? defaultInstance(ev.class), ev.stack);
        return undefined;
      }
      case "irq-enter":
      case "irq-exit":
        return this.irq(ev.task, ev.kind === "irq-enter", ev.context, ev.kind === "irq-enter" ? ev.threaded : undefined, ev.stack ?? NO_STACK_FRAMES);
      case "disable":
      case "enable":
        return TOGGLES.includes(ev.what) ? this.toggle(ev.task, ev.what, ev.kind === "disable", ev.stack) : `unknown toggle ${JSON.stringify(ev.what)}`;
      case "sleep": {
        const task = this.liveTask(ev.task);
        if (typeof task === "string") return task;
        checkSleep(this.core, task, { certainty: ev.certainty }, ev.stack);
        return undefined;
      }
      case "ww-context":
        return this.wwContext(ev);
      case "dependency":
        return this.dependency(ev.task, ev.from, ev.to, ev.stack, ev.via);
      default:
        return `unknown event kind ${JSON.stringify((ev as { kind?: unknown }).kind)}`;
    }
  }

  /** A dependency from a wait/signal relation: checked and added like an edge between two acquisitions. */
  private dependency(taskId: TaskId, fromId: ClassId, toId: ClassId, stack: Stack, via: Stack | undefined): string | undefined {
    const from = this.classIndex(fromId, 0);
    if (typeof from === "string") return from;
    const to = this.classIndex(toId, 0);
    if (typeof to === "string") return to;
    const task = this.liveTask(taskId);
    if (typeof task === "string") return task;
    // Neither end is on the held stack: the dependency's two locks as entries of this task now.
    const synthetic = (cls: number, instance: InstanceId): HeldLock => ({
      cls,
      instance,
      read: 0,
      trylock: false,
      irqContext: task.irqContext,
      hardirqsOff: !task.hardirqsEnabled,
      references: 0,
      nestLock: undefined,
      stack,
    });
    const prev = synthetic(from, defaultInstance(fromId));
    const next = { ...synthetic(to, defaultInstance(toId)), ...(via ? { via } : {}) };
    if (prev.cls !== next.cls) this.addDependency(task, prev, next);
    return undefined;
  }

  private startTask(id: TaskId, name: string, pid: number | undefined): string | undefined {
    const old = this.core.tasks.get(id);
    if (old && !old.ended) return `task ${id} (${old.name}) started twice`;
    this.track(new TaskState(id, name, pid ?? id));
    return undefined;
  }

  /** Registers `task` under its id, in the by-id array too when the id is small and non-negative. */
  private track(task: TaskState): TaskState {
    this.core.tasks.set(task.id, task);
    if (isDenseId(task.id)) this.tasksById[task.id] = task;
    return task;
  }

  /** A task starting in an already-checked state: held locks pushed without checks or usage marks. */
  private resumeTask(ev: TaskResumeEvent): string | undefined {
    const err = this.startTask(ev.task, ev.name, ev.pid);
    if (err) return err;
    const task = this.core.tasks.get(ev.task)!;
    task.resume({
      ...(ev.hardirq ? { hardirq: ev.hardirq } : {}),
      softirq: ev.softirq === true,
      hardirqs: ev.disabled?.hardirqs ?? 0,
      softirqs: ev.disabled?.softirqs ?? 0,
      preemption: ev.disabled?.preemption ?? 0,
      blocking: ev.disabled?.blocking ?? 0,
    });
    const classes = this.core.classes;
    const held = task.held;
    for (const r of ev.held) {
      const cls = this.classIndex(r.class, r.subclass ?? 0);
      if (typeof cls === "string") return cls;
      const read = this.readMode(task, cls, READ_OF[r.mode]);
      const i = held.reserve();
      held.write(i, cls, r.instance ?? defaultInstance(r.class), entryFlags(read, r.trylock ?? false, task.irqContext, !task.hardirqsEnabled), r.stack);
      const top = held.nestsOn(i);
      place(held, i, top, waitContextOn(this.core, task, top), classes.innerWait[cls]!);
      held.length = i + 1;
    }
    return undefined;
  }

  /** The task an event belongs to; a task never started is started on first use (traces). */
  private liveTask(id: TaskId): TaskState | string {
    const task = this.tasksById[id] ?? this.core.tasks.get(id) ?? this.track(new TaskState(id, `task-${id}`, id));
    return task.ended ? `task ${id} (${task.name}) has ended` : task;
  }


  private acquireEvent(ev: AcquireEvent): string | undefined {
    return this.acquire(ev.task, ev.class, ev.instance, READ_OF[ev.mode], ev.trylock === true, ev.subclass ?? 0, ev.nestLock, ev.momentary === true, ev.ww, ev.stack);
  }

  private acquire(
    taskId: TaskId,
    classId: ClassId,
    inst: InstanceId | undefined,
    mode: number,
    trylock: boolean,
    subclass: number,
    nestLock: InstanceId | undefined,
    momentary: boolean,
    wwAcq: WwAcquire | undefined,
    stack: Stack,
  ): string | undefined {
    const core = this.core;
    const cls = this.classIndex(classId, subclass);
    if (typeof cls === "string") return cls;
    const task = this.liveTask(taskId);
    if (typeof task === "string") return task;
    const instance = inst ?? defaultInstance(classId);
    const read = this.readMode(task, cls, mode);
    if (nestLock === undefined && wwAcq === undefined) {
      this.lock(task, cls, instance, read, trylock, momentary, stack);
      return undefined;
    }
    const ww = wwAcq ? this.wwState(wwAcq.ctx) : undefined;
    if (wwAcq?.outcome === "ealready") return undefined; // returns before lockdep sees it
    const name = core.classes.key[cls]!.name;
    if (wwAcq?.slow && ww) checkWwSlow(core, task, wwAcq.ctx, ww, name, stack);
    const held = task.held;
    const top = held.length - 1;
    if (nestLock !== undefined && top >= 0 && held.cls[top] === cls) {
      // Same class as the top entry under a nest lock: merged, no validation (lockdep §3).
      held.references[top] = held.references[top] === 0 ? 2 : held.references[top]! + 1;
    } else this.lock(task, cls, instance, read, trylock, momentary || wwAcq?.outcome === "edeadlk", stack, nestLock);
    if (wwAcq && ww) {
      if (wwAcq.outcome === "edeadlk") wwDeadlk(core, task, wwAcq.ctx, ww, instance, name, stack);
      else {
        wwAcquired(core, task, wwAcq.ctx, ww, instance, name, stack);
        this.wwOwner.set(instance, wwAcq.ctx);
      }
    }
    return undefined;
  }

  /** The class index of (key `classId`, `subclass`), or the error message for a bad pair. */
  private classIndex(classId: ClassId, subclass: number): number | string {
    const classes = this.core.classes;
    const cls = subclass >= 0 && subclass < MAX_SUBCLASSES && Number.isInteger(subclass) ? classes.classIndex(classId, subclass) : -1;
    if (cls >= 0) return cls;
    const key = classes.keyOf(classId);
    return key ? `subclass ${subclass} of ${key.name} is outside 0..${MAX_SUBCLASSES - 1}` : `unknown class id ${classId}`;
  }

  /** The read mode lockdep records: qrwlock readers are recursive only in interrupts (or when the selftests force it). */
  private readMode(task: TaskState, cls: number, mode: number): number {
    return mode === 1 && (this.core.classes.hot[cls]! & HOT.RWLOCK) !== 0 && (this.core.config.readLockRecursive || task.inIrq) ? 2 : mode;
  }

  /** An acquisition written on top of the task's held stack, validated, then pushed unless `momentary`. */
  private lock(task: TaskState, cls: number, instance: InstanceId, read: number, trylock: boolean, momentary: boolean, stack: Stack, nestLock?: InstanceId): void {
    if (!momentary && nestLock === undefined && this.lockUsual(task, cls, instance, read, trylock, stack)) return;
    const held = task.held;
    const i = held.reserve();
    held.write(i, cls, instance, entryFlags(read, trylock, task.irqContext, !task.hardirqsEnabled), stack);
    if (nestLock !== undefined) {
      held.flags[i]! |= ENTRY.NESTED;
      held.nestLock[i] = nestLock;
    }
    this.validate(task, i, true);
    if (!momentary) held.length = i + 1;
  }

  /**
   * Validates the lock in slot `i` of the task's held stack (written, not yet pushed) against the
   * entries below it; `fresh` unless re-acquired after an entry below was removed.
   */
  private validate(task: TaskState, i: number, fresh: boolean): void {
    const core = this.core;
    const classes = core.classes;
    const held = task.held;
    const cls = held.cls[i]!;
    const flags = held.flags[i]!;
    const hot = classes.hot[cls]!;
    const top = held.nestsOn(i);
    const below = waitContextOn(core, task, top);
    const badWait = checkWaitContext(core, task, i, below);
    // One cause, one finding: an invalid wait context is not also reported as sleeping.
    if (!badWait && this.sleepChecked(task, hot, flags, below, fresh)) {
      checkSleep(core, task, { certainty: "might", rtSpinlock: (hot & HOT.RT_SLEEPING_SPIN) !== 0 }, held.stack[i]!);
    }
    if ((hot & HOT.MARKS_USAGE) !== 0) markUsage(core, task, i);
    if (fresh && (flags & ENTRY.NESTED) !== 0) checkNestLockHeld(core, task, held.entry(i), (nest) => this.instanceName(task, nest));
    place(held, i, top, below, classes.innerWait[cls]!);
    if ((flags & ENTRY.TRYLOCK) !== 0 || (hot & HOT.CHECK) === 0 || !core.chains.add(held.keyLo[i]!, held.keyHi[i]!)) return;

    if (checkRecursion(core, task, i) !== DeadlockCheck.Ok) return;
    this.addPrevs(task, i);
  }

  /**
   * The usual release: of the top entry, not merged under a nest lock, no ww_mutex in play. False,
   * changing nothing, for any other (`release` then finds the entry, or reports it missing).
   */
  private releaseUsual(task: TaskState, classId: ClassId, inst: InstanceId): boolean {
    const held = task.held;
    const top = held.length - 1;
    if (top < 0 || held.instance[top] !== (inst === NO_INSTANCE ? defaultInstance(classId) : inst) || held.references[top] !== 0 || this.wwOwner.size > 0) return false;
    // A default instance held proves its class id known; a named one does not.
    if (inst !== NO_INSTANCE && this.core.classes.numberOf(classId) < 0) return false;
    held.length = top;
    return true;
  }

  /**
   * The usual acquisition on a short path: pushed onto the task's held stack when nothing can be
   * reported before its chain (valid wait context, no sleep check due, usage bits already set).
   * Returns false, having pushed nothing, when it needs the full checks of `validate`.
   */
  private lockUsual(task: TaskState, cls: number, instance: InstanceId, read: number, trylock: boolean, stack: Stack): boolean {
    const held = task.held;
    const i = held.length;
    if (i === held.cls.length) return false;
    const core = this.core;
    const classes = core.classes;
    const hot = classes.hot[cls]!;
    const flags = entryFlags(read, trylock, task.irqContext, !task.hardirqsEnabled);
    const top = i > 0 && ((held.flags[i - 1]! ^ flags) & ENTRY.IRQ) === 0 ? i - 1 : -1;
    const below = waitContextOn(core, task, top);
    if (!waitContextValid(classes, cls, flags, below) || this.sleepChecked(task, hot, flags, below, true) || !usageMarked(core, task, cls, flags)) return false;
    // write(), place() and validate()'s chain step written out: V8 stops inlining at a budget,
    // and these calls cost about a tenth of a warm pass (measured in one process against them).
    held.cls[i] = cls;
    held.instance[i] = instance;
    held.flags[i] = flags;
    held.references[i] = 0;
    held.stack[i] = stack;
    held.waitCtx[i] = waitContextAfter(below, classes.innerWait[cls]!);
    const step = (cls << 3) | ((flags & ENTRY.READ) << 1) | ((flags & ENTRY.TRYLOCK) >>> 2);
    const context = (flags & ENTRY.IRQ) >>> ENTRY.IRQ_SHIFT;
    const lo = (held.keyLo[i] = chainStepLo(top >= 0 ? held.keyLo[top]! : (CHAIN_SEED_LO ^ context) >>> 0, step));
    const hi = (held.keyHi[i] = chainStepHi(top >= 0 ? held.keyHi[top]! : (CHAIN_SEED_HI + context) >>> 0, step));
    if (!trylock && (hot & HOT.CHECK) !== 0 && core.chains.add(lo, hi)) {
      if (checkRecursion(core, task, i) === DeadlockCheck.Ok) this.addPrevs(task, i);
    }
    held.length = i + 1;
    return true;
  }

  /**
   * Whether the acquisition must be checked for sleeping where it is forbidden. The usual case
   * needs no scan: nothing disabled, no irq, and only sleeping locks below (the stored wait
   * context is still at least SLEEP, so no spinning or RCU lock is held).
   */
  private sleepChecked(task: TaskState, hot: number, flags: number, below: number, fresh: boolean): boolean {
    return fresh && (hot & HOT.BLOCKS) !== 0 && (flags & ENTRY.TRYLOCK) === 0 && !(task.plainlyPreemptible && below >= this.sleepWait);
  }

  /** Edges into slot `next` from the held locks of its segment: down to and including the first non-trylock. */
  private addPrevs(task: TaskState, next: number): void {
    const held = task.held;
    const nextEntry = held.entry(next);
    const segment = held.flags[next]! & ENTRY.IRQ;
    for (let i = next - 1; i >= 0; i--) {
      if ((held.flags[i]! & ENTRY.IRQ) !== segment) break;
      if (!this.core.classes.validated(held.cls[i]!)) continue;
      this.addDependency(task, held.entry(i), nextEntry);
      if (!held.trylock(i)) break;
    }
  }

  private addDependency(task: TaskState, prev: HeldLock, next: HeldLock): void {
    const g = this.core.graph;
    const type = depType(prev.read, next.read);
    const known = g.edgeBetween(prev.cls, next.cls);
    // An edge already carrying this type changes nothing: no new cycle or irq path can appear.
    if (known !== undefined && (g.dep[known]! & type) === type) return;
    checkNoncircular(this.core, task, prev, next);
    checkIrqOrder(this.core, task, prev, next);
    g.add(prev.cls, next.cls, type, next.stack, next.via);
  }

  private release(taskId: TaskId, classId: ClassId, inst: InstanceId | undefined, stack: Stack): string | undefined {
    const core = this.core;
    const keyNumber = core.classes.numberOf(classId);
    if (keyNumber < 0) return `unknown class id ${classId}`;
    const task = this.liveTask(taskId);
    if (typeof task === "string") return task;
    const instance = inst ?? defaultInstance(classId);
    const i = findHeld(core, task, instance, keyNumber);
    if (i < 0) {
      reportBadUnlock(core, task, core.classes.keyOf(classId)!.name, stack);
      return undefined;
    }
    const held = task.held;
    if (this.wwOwner.size > 0) this.wwReleased(instance);
    if (held.references[i]! > 0 && --held.references[i]! > 0) return undefined;
    if (i === held.length - 1) held.length = i;
    else this.removeAndReacquire(task, i, undefined);
    return undefined;
  }

  private downgrade(taskId: TaskId, classId: ClassId, inst: InstanceId | undefined, stack: Stack): string | undefined {
    const keyNumber = this.core.classes.numberOf(classId);
    if (keyNumber < 0) return `unknown class id ${classId}`;
    const task = this.liveTask(taskId);
    if (typeof task === "string") return task;
    const i = findHeld(this.core, task, inst ?? defaultInstance(classId), keyNumber);
    if (i < 0) {
      reportBadUnlock(this.core, task, this.core.classes.keyOf(classId)!.name, stack);
      return undefined;
    }
    this.removeAndReacquire(task, i, { ...task.held.entry(i), read: 1, stack });
    return undefined;
  }

  /** Removes entry `i`; the locks above it are re-acquired (and re-validated) as lockdep does. */
  private removeAndReacquire(task: TaskState, i: number, replacement: HeldLock | undefined): void {
    const held = task.held;
    const above: HeldLock[] = [];
    if (replacement) above.push(replacement);
    for (let j = i + 1; j < held.length; j++) above.push(held.entry(j));
    held.length = i;
    for (const h of above) {
      const k = held.reserve();
      held.restore(k, h);
      this.validate(task, k, false);
      held.length = k + 1;
    }
  }

  private irq(taskId: TaskId, enter: boolean, context: "hardirq" | "softirq", threaded: boolean | undefined, stack: Stack): string | undefined {
    const task = this.liveTask(taskId);
    if (typeof task === "string") return task;
    const hard = task.hardirqsEnabled;
    const soft = task.softirqsEnabled;
    if (enter) task.enterIrq(context, context === "hardirq" && (threaded ?? this.core.config.preemptRt));
    else if (!task.exitIrq(context)) return `irq-exit from ${context} while not in one (task ${taskId})`;
    this.enabledTransitions(task, hard, soft, stack);
    return undefined;
  }

  private toggle(taskId: TaskId, what: Toggle, disable: boolean, stack: Stack): string | undefined {
    const task = this.liveTask(taskId);
    if (typeof task === "string") return task;
    const hard = task.hardirqsEnabled;
    const soft = task.softirqsEnabled;
    task.toggle(what, disable);
    this.enabledTransitions(task, hard, soft, stack);
    return undefined;
  }

  /** Interrupts that just became enabled make every held lock unsafe for them. */
  private enabledTransitions(task: TaskState, hardBefore: boolean, softBefore: boolean, stack: Stack): void {
    const hard = task.hardirqsEnabled;
    const soft = task.softirqsEnabled;
    if (hard && !hardBefore) {
      markHeldLocks(this.core, task, 0, stack);
      if (soft) markHeldLocks(this.core, task, 1, stack);
    } else if (hard && soft && !softBefore) markHeldLocks(this.core, task, 1, stack);
  }

  private wwState(ctx: InstanceId): WwContextState {
    let s = this.core.ww.get(ctx);
    if (!s) {
      s = { done: false, acquired: 0, contending: undefined };
      this.core.ww.set(ctx, s);
    }
    return s;
  }

  private wwReleased(instance: InstanceId): void {
    const ctx = this.wwOwner.get(instance);
    if (ctx === undefined) return;
    this.wwOwner.delete(instance);
    const s = this.core.ww.get(ctx);
    if (s && s.acquired > 0) s.acquired--;
  }

  private wwContext(ev: WwContextEvent): string | undefined {
    const core = this.core;
    const key = core.classes.keyOf(ev.class);
    if (!key) return `unknown class id ${ev.class}`;
    const task = this.liveTask(ev.task);
    if (typeof task === "string") return task;
    switch (ev.op) {
      case "init":
        core.ww.set(ev.ctx, { done: false, acquired: 0, contending: undefined });
        return this.acquire(ev.task, ev.class, ev.ctx, 0, false, 0, undefined, false, undefined, ev.stack);
      case "done": {
        const s = this.wwState(ev.ctx);
        if (s.done) reportWw(core, task, ev.ctx, null, "ww_acquire_done called twice", ev.stack);
        s.done = true;
        return undefined;
      }
      case "fini": {
        const s = this.wwState(ev.ctx);
        if (s.acquired > 0) reportWw(core, task, ev.ctx, null, "ww_acquire_fini with ww_mutexes still acquired", ev.stack);
        return this.release(ev.task, ev.class, ev.ctx, ev.stack);
      }
    }
  }

  private instanceName(task: TaskState, instance: InstanceId): string {
    const i = task.held.indexOfInstance(instance);
    if (i >= 0) return this.core.classes.name[task.held.cls[i]!]!;
    return instance < 0 ? (this.core.classes.keyOf(-1 - instance)?.name ?? `instance ${instance}`) : `instance ${instance}`;
  }
}
