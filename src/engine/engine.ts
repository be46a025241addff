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
import type { AcquireEvent, ClassId, Event, InstanceId, Stack, TaskId, TaskResumeEvent, Toggle, WwContextEvent } from "../ir/index.js";
import { chainStepHi, chainStepLo } from "./chain-cache.js";
import { MAX_SUBCLASSES, type KeyRecord } from "./classes.js";
import { EngineCore, type WwContextState } from "./core.js";
import type { Finding } from "./finding.js";
import { depType } from "./graph.js";
import { checkNoncircular } from "./checks/circular.js";
import { checkFreed, checkHeldAtExit, checkNestLockHeld, findHeld, reportBadUnlock } from "./checks/held-locks.js";
import { checkIrqOrder } from "./checks/irq-order.js";
import { markHeldLocks, markUsage } from "./checks/irq-usage.js";
import { checkRecursion, DeadlockCheck } from "./checks/recursive.js";
import { checkSleep } from "./checks/sleep.js";
import { checkWaitContext } from "./checks/wait-context.js";
import { checkWwSlow, reportWw, wwAcquired, wwDeadlk } from "./checks/ww-mutex.js";
import { TaskState, type HeldLock } from "./task-state.js";

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
const NO_STACK: Stack = [];
/** Instance used when an event names none: one lock object per class key. */
const defaultInstance = (key: ClassId): InstanceId => -1 - key;

export class Engine {
  private readonly core: EngineCore;
  private events = 0;
  /** Which ww acquire context holds each ww_mutex instance. */
  private readonly wwOwner = new Map<InstanceId, InstanceId>();

  constructor(readonly config: EngineConfig = {}) {
    const preemptRt = config.preemptRt ?? false;
    this.core = new EngineCore({
      rawNesting: (config.proveRawLockNesting ?? false) || preemptRt,
      preemptRt,
      readLockRecursive: config.readLockRecursive ?? false,
    });
  }

  /** Checks one event. Returns an error value for input the engine cannot accept; never throws for it. */
  apply(event: Event): EngineError | undefined {
    this.events++;
    const message = this.dispatch(event);
    return message === undefined ? undefined : { message, event };
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
        checkHeldAtExit(this.core, task, ev.how ?? "exit", ev.stack ?? NO_STACK);
        task.held.length = 0;
        task.ended = true;
        return undefined;
      }
      case "task-resume":
        return this.resumeTask(ev);
      case "acquire":
        return this.acquire(ev);
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
        return this.irq(ev.task, ev.kind === "irq-enter", ev.context, ev.kind === "irq-enter" ? ev.threaded : undefined, ev.stack ?? NO_STACK);
      case "disable":
      case "enable":
        return this.toggle(ev.task, ev.what, ev.kind === "disable", ev.stack);
      case "sleep": {
        const task = this.liveTask(ev.task);
        if (typeof task === "string") return task;
        checkSleep(this.core, task, { certainty: ev.certainty }, ev.stack);
        return undefined;
      }
      case "ww-context":
        return this.wwContext(ev);
      default:
        return `unknown event kind ${JSON.stringify((ev as { kind?: unknown }).kind)}`;
    }
  }

  private startTask(id: TaskId, name: string, pid: number | undefined): string | undefined {
    const old = this.core.tasks.get(id);
    if (old && !old.ended) return `task ${id} (${old.name}) started twice`;
    this.core.tasks.set(id, new TaskState(id, name, pid ?? id));
    return undefined;
  }

  /** A task starting in an already-checked state: held locks pushed without checks or usage marks. */
  private resumeTask(ev: TaskResumeEvent): string | undefined {
    const err = this.startTask(ev.task, ev.name, ev.pid);
    if (err) return err;
    const task = this.core.tasks.get(ev.task)!;
    if (ev.hardirq) {
      task.hardirqDepth = 1;
      task.hardirqThreaded.push(ev.hardirq.threaded);
    }
    if (ev.softirq) task.softirqDepth = 1;
    task.irqsOffDepth = ev.disabled?.hardirqs ?? 0;
    task.bhOffDepth = ev.disabled?.softirqs ?? 0;
    task.preemptOffDepth = ev.disabled?.preemption ?? 0;
    task.nonBlockDepth = ev.disabled?.blocking ?? 0;
    for (const r of ev.held) {
      const key = this.core.classes.keyOf(r.class);
      if (!key) return `unknown class id ${r.class}`;
      const cls = this.core.classes.classOf(key, r.subclass ?? 0);
      const h = this.entry(task, key, cls, r.instance ?? defaultInstance(r.class), READ_OF[r.mode], r.trylock ?? false, r.stack);
      if (key.lock === "rwlock" && h.read === 1 && (this.core.config.readLockRecursive || task.inIrq)) h.read = 2;
      const top = task.held[task.held.length - 1];
      const same = top !== undefined && top.irqContext === h.irqContext;
      const step = (h.cls << 3) | (h.read << 1) | (h.trylock ? 1 : 0);
      h.keyLo = chainStepLo(same ? top.keyLo : 0x811c9dc5 ^ h.irqContext, step);
      h.keyHi = chainStepHi(same ? top.keyHi : 0x01000193 + h.irqContext, step);
      task.held.push(h);
    }
    return undefined;
  }

  /** The task an event belongs to; a task never started is started on first use (traces). */
  private liveTask(id: TaskId): TaskState | string {
    let task = this.core.tasks.get(id);
    if (!task) {
      task = new TaskState(id, `task-${id}`, id);
      this.core.tasks.set(id, task);
    }
    return task.ended ? `task ${id} (${task.name}) has ended` : task;
  }

  private acquire(ev: AcquireEvent): string | undefined {
    const core = this.core;
    const key = core.classes.keyOf(ev.class);
    if (!key) return `unknown class id ${ev.class}`;
    const subclass = ev.subclass ?? 0;
    if (!Number.isInteger(subclass) || subclass < 0 || subclass >= MAX_SUBCLASSES) return `subclass ${subclass} of ${key.name} is outside 0..${MAX_SUBCLASSES - 1}`;
    const task = this.liveTask(ev.task);
    if (typeof task === "string") return task;
    const instance = ev.instance ?? defaultInstance(ev.class);
    const ww = ev.ww ? this.wwState(ev.ww.ctx) : undefined;
    if (ev.ww?.outcome === "ealready") return undefined; // returns before lockdep sees it
    if (ev.ww?.slow && ww) checkWwSlow(core, task, ev.ww.ctx, ww, key.name, ev.stack);
    let read: number = READ_OF[ev.mode];
    // qrwlock readers are recursive only in interrupts (or when the selftests force it).
    if (key.lock === "rwlock" && read === 1 && (core.config.readLockRecursive || task.inIrq)) read = 2;
    const cls = core.classes.classOf(key, subclass);

    const top = task.held[task.held.length - 1];
    if (ev.nestLock !== undefined && top && top.cls === cls) {
      // Same class as the top entry under a nest lock: merged, no validation (lockdep §3).
      top.references = top.references === 0 ? 2 : top.references + 1;
    } else {
      const h = this.entry(task, key, cls, instance, read, ev.trylock ?? false, ev.stack);
      h.nestLock = ev.nestLock;
      this.validate(task, h, true);
      const held = ev.momentary !== true && ev.ww?.outcome !== "edeadlk";
      if (held) task.held.push(h);
    }
    if (ev.ww && ww) {
      if (ev.ww.outcome === "edeadlk") wwDeadlk(core, task, ev.ww.ctx, ww, instance, key.name, ev.stack);
      else {
        wwAcquired(core, task, ev.ww.ctx, ww, instance, key.name, ev.stack);
        this.wwOwner.set(instance, ev.ww.ctx);
      }
    }
    return undefined;
  }

  private entry(task: TaskState, key: KeyRecord, cls: number, instance: InstanceId, read: number, trylock: boolean, stack: Stack): HeldLock {
    return {
      cls,
      key,
      instance,
      read,
      trylock,
      check: key.traits.check,
      irqContext: task.irqContext,
      hardirqsOff: !task.hardirqsEnabled,
      references: 0,
      nestLock: undefined,
      wwCtx: undefined,
      stack,
      keyLo: 0,
      keyHi: 0,
    };
  }

  /** Validates `h` on top of the task's held stack (not yet pushed); `fresh` unless re-acquired. */
  private validate(task: TaskState, h: HeldLock, fresh: boolean): void {
    const core = this.core;
    const traits = h.key.traits;
    const badWait = !h.trylock && checkWaitContext(core, task, h);
    const blocks = traits.blocks === "always" || (traits.blocks === "on-rt" && core.config.preemptRt);
    // One cause, one finding: an invalid wait context is not also reported as sleeping.
    if (fresh && blocks && !h.trylock && !badWait) checkSleep(core, task, { certainty: "might", rtSpinlock: traits.blocks === "on-rt" }, h.stack);
    if (h.check) markUsage(core, task, h, h.stack);
    if (fresh && h.nestLock !== undefined) checkNestLockHeld(core, task, h, this.instanceName(task, h.nestLock));

    const top = task.held[task.held.length - 1];
    const sameSegment = top !== undefined && top.irqContext === h.irqContext;
    const baseLo = sameSegment ? top.keyLo : 0x811c9dc5 ^ h.irqContext;
    const baseHi = sameSegment ? top.keyHi : 0x01000193 + h.irqContext;
    const step = (h.cls << 3) | (h.read << 1) | (h.trylock ? 1 : 0);
    h.keyLo = chainStepLo(baseLo, step);
    h.keyHi = chainStepHi(baseHi, step);
    if (h.trylock || !h.check || !core.chains.add(h.keyLo, h.keyHi)) return;

    const rec = checkRecursion(core, task, h);
    if (rec !== DeadlockCheck.Ok) return;
    this.addPrevs(task, h);
  }

  /** Edges from the held locks of the segment: down to and including the first non-trylock. */
  private addPrevs(task: TaskState, next: HeldLock): void {
    const held = task.held;
    for (let i = held.length - 1; i >= 0; i--) {
      const prev = held[i]!;
      if (prev.irqContext !== next.irqContext) break;
      if (!prev.check) continue;
      this.addDependency(task, prev, next);
      if (!prev.trylock) break;
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
    g.add(prev.cls, next.cls, type, next.stack);
  }

  private release(taskId: TaskId, classId: ClassId, inst: InstanceId | undefined, stack: Stack): string | undefined {
    const core = this.core;
    const key = core.classes.keyOf(classId);
    if (!key) return `unknown class id ${classId}`;
    const task = this.liveTask(taskId);
    if (typeof task === "string") return task;
    const instance = inst ?? defaultInstance(classId);
    const i = findHeld(task, instance, key);
    if (i < 0) {
      reportBadUnlock(core, task, key.name, stack);
      return undefined;
    }
    const h = task.held[i]!;
    this.wwReleased(instance);
    if (h.references > 0 && --h.references > 0) return undefined;
    this.removeAndReacquire(task, i, undefined);
    return undefined;
  }

  private downgrade(taskId: TaskId, classId: ClassId, inst: InstanceId | undefined, stack: Stack): string | undefined {
    const key = this.core.classes.keyOf(classId);
    if (!key) return `unknown class id ${classId}`;
    const task = this.liveTask(taskId);
    if (typeof task === "string") return task;
    const i = findHeld(task, inst ?? defaultInstance(classId), key);
    if (i < 0) {
      reportBadUnlock(this.core, task, key.name, stack);
      return undefined;
    }
    const h = task.held[i]!;
    this.removeAndReacquire(task, i, { ...h, read: 1, stack });
    return undefined;
  }

  /** Removes entry `i`; the locks above it are re-acquired (and re-validated) as lockdep does. */
  private removeAndReacquire(task: TaskState, i: number, replacement: HeldLock | undefined): void {
    const above = task.held.splice(i);
    above.shift();
    if (replacement) above.unshift(replacement);
    for (const h of above) {
      this.validate(task, h, false);
      task.held.push(h);
    }
  }

  private irq(taskId: TaskId, enter: boolean, context: "hardirq" | "softirq", threaded: boolean | undefined, stack: Stack): string | undefined {
    const task = this.liveTask(taskId);
    if (typeof task === "string") return task;
    const hard = task.hardirqsEnabled;
    const soft = task.softirqsEnabled;
    if (context === "hardirq") {
      if (enter) {
        task.hardirqDepth++;
        task.hardirqThreaded.push(threaded ?? this.core.config.preemptRt);
      } else {
        if (task.hardirqDepth === 0) return `irq-exit from hardirq while not in one (task ${taskId})`;
        task.hardirqDepth--;
        task.hardirqThreaded.pop();
      }
    } else if (enter) task.softirqDepth++;
    else {
      if (task.softirqDepth === 0) return `irq-exit from softirq while not in one (task ${taskId})`;
      task.softirqDepth--;
    }
    this.enabledTransitions(task, hard, soft, stack);
    return undefined;
  }

  private toggle(taskId: TaskId, what: Toggle, disable: boolean, stack: Stack): string | undefined {
    const task = this.liveTask(taskId);
    if (typeof task === "string") return task;
    const hard = task.hardirqsEnabled;
    const soft = task.softirqsEnabled;
    const d = disable ? 1 : -1;
    // A redundant enable is legal kernel code (local_irq_enable with irqs on); never go below 0.
    switch (what) {
      case "hardirqs":
        task.irqsOffDepth = Math.max(0, task.irqsOffDepth + d);
        break;
      case "softirqs":
        task.bhOffDepth = Math.max(0, task.bhOffDepth + d);
        break;
      case "preemption":
        task.preemptOffDepth = Math.max(0, task.preemptOffDepth + d);
        break;
      case "blocking":
        task.nonBlockDepth = Math.max(0, task.nonBlockDepth + d);
        break;
    }
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
        return this.acquire({ kind: "acquire", task: ev.task, class: ev.class, instance: ev.ctx, mode: "write", stack: ev.stack });
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
    const h = task.held.find((x) => x.instance === instance);
    if (h) return this.core.classes.name[h.cls]!;
    return instance < 0 ? (this.core.classes.keyOf(-1 - instance)?.name ?? `instance ${instance}`) : `instance ${instance}`;
  }
}
