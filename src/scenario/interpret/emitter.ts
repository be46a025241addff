/**
 * The interpreter's side of the event language: class and instance ids, engine tasks for paths,
 * and the `task-resume` that starts a path's task in the state the path has reached.
 */
import type { Event, LockKind, ResumedLock, Stack, TaskResumeEvent } from "../../ir/index.js";
import type { PathState } from "./state.js";
import type { LockRef } from "./values.js";

export interface TaskIdentity {
  readonly name: string;
  readonly pid: number;
  readonly hardirq?: { readonly threaded: boolean };
  readonly softirq?: boolean;
}

export interface EmitterSnapshot {
  readonly classIds: ReadonlyMap<string, number>;
  readonly instanceIds: ReadonlyMap<string, number>;
  readonly nextTask: number;
  readonly events: number;
}

export class Emitter {
  private readonly classIds = new Map<string, number>();
  private readonly instanceIds = new Map<string, number>();
  private nextTask = 1;
  /** Tasks started since the last release: freed when their entry point is done. */
  private live: number[] = [];
  events = 0;

  /** While set, every emitted event is also appended here (a tape of a phase, to replay later). */
  recording: Event[] | undefined;

  constructor(private readonly sink: (event: Event) => void) {}

  emit(event: Event): void {
    this.events++;
    this.recording?.push(event);
    this.sink(event);
  }

  /** What the emitter knows after a phase, so a replay of that phase's tape can restore it. */
  snapshot(): EmitterSnapshot {
    return { classIds: new Map(this.classIds), instanceIds: new Map(this.instanceIds), nextTask: this.nextTask, events: this.events };
  }

  /** Replays a recorded phase: its events go to the sink again, and the emitter's state is restored. */
  replay(tape: readonly Event[], after: EmitterSnapshot): void {
    for (const e of tape) this.sink(e);
    for (const [k, v] of after.classIds) this.classIds.set(k, v);
    for (const [k, v] of after.instanceIds) this.instanceIds.set(k, v);
    this.nextTask = after.nextTask;
    this.events = after.events;
  }

  classId(lock: LockRef, kind: LockKind, stack?: Stack): number {
    let id = this.classIds.get(lock.classKey);
    if (id === undefined) {
      id = this.classIds.size + 1;
      this.classIds.set(lock.classKey, id);
      this.emit({ kind: "define-class", id, name: lock.name, lock: kind, ...(stack ? { stack } : {}) });
    }
    return id;
  }

  instanceId(lock: LockRef): number {
    let id = this.instanceIds.get(lock.instance);
    if (id === undefined) {
      id = this.instanceIds.size + 1;
      this.instanceIds.set(lock.instance, id);
    }
    return id;
  }

  /** Frees every task started for the entry point that just finished, except ended ones. */
  releaseTasks(ended: ReadonlySet<number>): void {
    for (const task of this.live) if (!ended.has(task)) this.emit({ kind: "task-end", task, how: "abandon" });
    this.live = [];
  }

  /** The path's engine task, started (resumed in the path's state) on first use. */
  task(state: PathState, who: TaskIdentity): { state: PathState; task: number } {
    if (state.engineTask !== undefined) return { state, task: state.engineTask };
    const task = this.nextTask++;
    this.live.push(task);
    const held: ResumedLock[] = state.held.map((h) => ({
      class: this.classId(h.lock, h.kind),
      instance: this.instanceId(h.lock),
      mode: h.mode,
      ...(h.trylock ? { trylock: true } : {}),
      ...(h.subclass ? { subclass: h.subclass } : {}),
      stack: h.stack,
    }));
    const c = state.counters;
    const resume: TaskResumeEvent = {
      kind: "task-resume",
      task,
      name: who.name,
      pid: who.pid,
      held,
      ...(who.hardirq ? { hardirq: who.hardirq } : {}),
      ...(who.softirq ? { softirq: true } : {}),
      disabled: { hardirqs: c.hardirqs, softirqs: c.softirqs, preemption: c.preemption, blocking: c.blocking },
    };
    this.emit(resume);
    return { state: state.with({ engineTask: task }), task };
  }
}
