/**
 * A small builder for engine tests: named classes and tasks, one call per event, stacks made
 * from the call's label so findings can be traced back to the step that caused them.
 */
import { Engine, type EngineConfig, type Finding } from "../../src/engine/index.js";
import type { AcquireMode, Event, LockKind, Stack, Toggle } from "../../src/ir/index.js";

export class Scenario {
  readonly engine: Engine;
  readonly events: Event[] = [];
  readonly errors: string[] = [];
  private readonly classIds = new Map<string, number>();
  private nextTask = 1;

  constructor(config: EngineConfig = {}) {
    this.engine = new Engine(config);
  }

  emit(e: Event): this {
    this.events.push(e);
    const err = this.engine.apply(e);
    if (err) this.errors.push(err.message);
    return this;
  }

  lock(name: string, kind: LockKind): number {
    let id = this.classIds.get(name);
    if (id === undefined) {
      id = this.classIds.size + 1;
      this.classIds.set(name, id);
      this.emit({ kind: "define-class", id, name, lock: kind });
    }
    return id;
  }

  task(name: string): TaskBuilder {
    const id = this.nextTask++;
    this.emit({ kind: "task-start", task: id, name });
    return new TaskBuilder(this, id);
  }

  findings(): readonly Finding[] {
    return this.engine.findings();
  }
}

export class TaskBuilder {
  private step = 0;
  constructor(
    private readonly s: Scenario,
    readonly id: number,
  ) {}

  private stack(what: string): Stack {
    return [{ function: what, file: "test.c", line: ++this.step }];
  }

  acquire(kind: LockKind, name: string, mode: AcquireMode = "write", extra: { trylock?: boolean; subclass?: number; instance?: number; nestLock?: number; momentary?: boolean } = {}): this {
    const cls = this.s.lock(name, kind);
    this.s.emit({ kind: "acquire", task: this.id, class: cls, mode, ...extra, stack: this.stack(`lock ${name}`) });
    return this;
  }
  release(kind: LockKind, name: string, instance?: number): this {
    const cls = this.s.lock(name, kind);
    this.s.emit({ kind: "release", task: this.id, class: cls, ...(instance !== undefined ? { instance } : {}), stack: this.stack(`unlock ${name}`) });
    return this;
  }
  mutex(name: string): this {
    return this.acquire("mutex", name);
  }
  unmutex(name: string): this {
    return this.release("mutex", name);
  }
  spin(name: string): this {
    return this.acquire("spinlock", name);
  }
  unspin(name: string): this {
    return this.release("spinlock", name);
  }
  toggle(what: Toggle, disable: boolean): this {
    this.s.emit({ kind: disable ? "disable" : "enable", task: this.id, what, stack: this.stack(`${disable ? "disable" : "enable"} ${what}`) });
    return this;
  }
  irqOff(): this {
    return this.toggle("hardirqs", true);
  }
  irqOn(): this {
    return this.toggle("hardirqs", false);
  }
  hardirq(body: (t: this) => void, threaded = false): this {
    this.s.emit({ kind: "irq-enter", task: this.id, context: "hardirq", threaded });
    body(this);
    this.s.emit({ kind: "irq-exit", task: this.id, context: "hardirq" });
    return this;
  }
  softirq(body: (t: this) => void): this {
    this.s.emit({ kind: "irq-enter", task: this.id, context: "softirq" });
    body(this);
    this.s.emit({ kind: "irq-exit", task: this.id, context: "softirq" });
    return this;
  }
  sleep(certainty: "might" | "actual" = "might"): this {
    this.s.emit({ kind: "sleep", task: this.id, certainty, stack: this.stack("might_sleep") });
    return this;
  }
  end(how: "exit" | "return-to-user" = "exit"): this {
    this.s.emit({ kind: "task-end", task: this.id, how, stack: this.stack("exit") });
    return this;
  }
}
