/**
 * A selftest case → engine configuration + IR events, grouped by the op that produced them so
 * the suite can say at which op a finding fired. Classes are declared at their first use; each
 * lock name is one instance; tasks start in a prologue and run one after another.
 */
import type { EngineConfig } from "../../../src/engine/index.js";
import type { ClassId, Event, InstanceId, LockKind, Stack, TaskId } from "../../../src/ir/index.js";
import type { LockName } from "./names.js";
import { parseOp, type AcquireOp, type ParsedOp } from "./ops.js";
import { ReclaimScopes, type ReclaimEffect } from "./reclaim.js";
import { TABLE_FILE, type OpRef, type SelftestCase } from "./table.js";
import type { ContextStep } from "./vocabulary.js";

export interface OpEvents {
  readonly at: OpRef;
  readonly text: string;
  readonly events: readonly Event[];
}

export interface TranslatedCase {
  readonly config: EngineConfig;
  /** `task-start` of every task. */
  readonly prologue: readonly Event[];
  /** Every op of every task, in the order they run. */
  readonly ops: readonly OpEvents[];
}

export type Translation = TranslatedCase | { readonly error: string };

/** mm/page_alloc.c `__fs_reclaim_map`: a bare lockdep map named fs_reclaim. */
const FS_RECLAIM: LockName = { instance: "fs_reclaim", className: "fs_reclaim", wwBase: false };

class LoweringError {
  constructor(readonly message: string) {}
}

/** Ids for one case: classes declared on first use, one instance per lock name. */
class Names {
  private readonly classes = new Map<string, { readonly id: ClassId; readonly kind: LockKind }>();
  private readonly instances = new Map<string, InstanceId>();

  /** The class of `lock`, declaring it into `out` when new; its kind must agree with earlier uses. */
  classOf(lock: LockName, opKind: LockKind | null, out: Event[]): ClassId {
    // `X.base` is the ww_mutex's own map (include/linux/ww_mutex.h: struct ww_mutex { base; }).
    const kind = lock.wwBase ? "ww_mutex" : opKind;
    const known = this.classes.get(lock.className);
    if (known !== undefined) {
      if (kind !== null && kind !== known.kind) throw new LoweringError(`class "${lock.className}" is a ${known.kind}, not a ${kind}`);
      return known.id;
    }
    if (kind === null) throw new LoweringError(`the lock kind of "${lock.className}" is unknown here (no op has taken it yet)`);
    const id = this.classes.size + 1;
    this.classes.set(lock.className, { id, kind });
    out.push({ kind: "define-class", id, name: lock.className, lock: kind });
    return id;
  }

  instanceOf(lock: LockName): InstanceId {
    const known = this.instances.get(lock.instance);
    if (known !== undefined) return known;
    const id = this.instances.size + 1;
    this.instances.set(lock.instance, id);
    return id;
  }
}

function contextEvent(step: ContextStep, task: TaskId, stack: Stack): Event {
  switch (step.kind) {
    case "disable":
    case "enable":
      return { kind: step.kind, task, what: step.what, stack };
    case "irq-enter":
      return { kind: "irq-enter", task, context: step.context, ...(step.threaded === undefined ? {} : { threaded: step.threaded }), stack };
    case "irq-exit":
      return { kind: "irq-exit", task, context: step.context, stack };
    case "task-end":
      return { kind: "task-end", task, how: step.how, stack };
  }
}

function acquireEvent(op: AcquireOp, task: TaskId, stack: Stack, names: Names, out: Event[]): void {
  if (op.fails) return; // a failed trylock is not an event (src/ir/events.ts AcquireEvent)
  const cls = names.classOf(op.lock, op.kind, out);
  const ww = op.ww;
  out.push({
    kind: "acquire",
    task,
    class: cls,
    instance: names.instanceOf(op.lock),
    mode: op.mode,
    ...(op.trylock ? { trylock: true } : {}),
    ...(op.subclass === undefined ? {} : { subclass: op.subclass }),
    ...(op.nestLock === undefined ? {} : { nestLock: names.instanceOf(op.nestLock) }),
    ...(op.momentary ? { momentary: true } : {}),
    ...(ww === undefined
      ? {}
      : { ww: { ctx: names.instanceOf(ww.ctx), ...(ww.slow ? { slow: true } : {}), ...(ww.outcome === undefined ? {} : { outcome: ww.outcome }) } }),
    stack,
  });
}

function reclaimEvent(effect: ReclaimEffect, task: TaskId, stack: Stack, names: Names, out: Event[]): void {
  if (effect.kind === "might-sleep") {
    out.push({ kind: "sleep", task, certainty: "might", stack });
    return;
  }
  const cls = names.classOf(FS_RECLAIM, "lockdep_map", out);
  const instance = names.instanceOf(FS_RECLAIM);
  if (effect.kind === "release-fs-reclaim") out.push({ kind: "release", task, class: cls, instance, stack });
  else out.push({ kind: "acquire", task, class: cls, instance, mode: "write", ...(effect.momentary ? { momentary: true } : {}), stack });
}

function lowerOp(op: ParsedOp, task: TaskId, stack: Stack, names: Names, scopes: ReclaimScopes): Event[] {
  const out: Event[] = [];
  switch (op.type) {
    case "acquire":
      acquireEvent(op, task, stack, names, out);
      break;
    case "release":
    case "reset": {
      const cls = names.classOf(op.lock, op.kind, out);
      out.push({ kind: op.type === "reset" ? "instance-reset" : "release", task, class: cls, instance: names.instanceOf(op.lock), stack });
      break;
    }
    case "ww-context": {
      const cls = names.classOf(op.ctx, "ww_acquire_ctx", out);
      out.push({ kind: "ww-context", task, op: op.op, class: cls, ctx: names.instanceOf(op.ctx), stack });
      break;
    }
    case "context":
      for (const step of op.steps) out.push(contextEvent(step, task, stack));
      break;
    case "reclaim": {
      const effects = scopes.apply(op.op, op.gfp);
      if (typeof effects === "string") throw new LoweringError(effects);
      for (const effect of effects) reclaimEvent(effect, task, stack, names, out);
      break;
    }
    case "nothing":
      break;
  }
  return out;
}

/** Lowers a case; an op outside the notation or a kind conflict is an error naming the op. */
export function translateCase(c: SelftestCase): Translation {
  const names = new Names();
  const prologue: Event[] = c.tasks.map((t, i) => ({ kind: "task-start", task: i + 1, name: t.name }));
  const ops: OpEvents[] = [];
  for (const [index, t] of c.tasks.entries()) {
    const task = index + 1;
    const scopes = new ReclaimScopes();
    for (const [opIndex, text] of t.ops.entries()) {
      const where = `${TABLE_FILE}: ${c.name}/${t.name} op ${opIndex} "${text}"`;
      const parsed = parseOp(text);
      if ("error" in parsed) return { error: `${where}: ${parsed.error}` };
      const stack: Stack = [{ function: text.split(" ")[0] ?? text, file: `${c.name}/${t.name}`, line: opIndex + 1 }];
      try {
        ops.push({ at: { task: t.name, op: opIndex }, text, events: lowerOp(parsed, task, stack, names, scopes) });
      } catch (e) {
        if (e instanceof LoweringError) return { error: `${where}: ${e.message}` };
        throw e;
      }
    }
  }
  const config: EngineConfig = { readLockRecursive: c.config.readLockRecursive, proveRawLockNesting: c.config.proveRawLockNesting };
  return { config, prologue, ops };
}
