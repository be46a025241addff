/**
 * What a set of translation units defines, gathered before anything runs: functions (a scenario's
 * definition wins over the model's), struct field types, global locks and their kinds, entry
 * points, hooks and the model's RECLAIM/ALLOCATOR functions.
 */
import type { LockKind } from "../../ir/index.js";
import type { Expression, FunctionDefinition, InitializerList, Loc, StructDeclaration, TopLevelItem, TranslationUnit, TypeRef } from "../ast.js";
import type { Value } from "./values.js";
import { INIT_CALLS } from "../../kernel/api/vocabulary.js";
import { indexFunction } from "./function-index.js";

export type EntryContext = "process" | "hardirq" | "softirq";

export interface EntryPoint {
  readonly function: string;
  /** The comm reports print. */
  readonly name: string;
  readonly context: EntryContext;
  readonly loc: Loc;
}

export interface Hooks {
  readonly shrinkers: { readonly count: string | null; readonly scan: string | null; readonly loc: Loc }[];
  readonly mmuNotifiers: { readonly start: string; readonly loc: Loc }[];
  readonly consoles: { readonly write: string; readonly loc: Loc }[];
  reclaim: string | undefined;
  allocator: string | undefined;
}

export interface GlobalLock {
  readonly kind: LockKind;
  /** Class name when it is not the variable's name (STATIC_LOCKDEP_MAP_INIT("fs_reclaim", ...)). */
  readonly className?: string;
}

export interface ProblemReport {
  readonly loc: Loc;
  readonly message: string;
}

/** Lock kinds of the kernel's lock types, for struct fields and globals declared by type. */
const TYPE_KINDS: Readonly<Record<string, LockKind>> = {
  "struct mutex": "mutex",
  "struct rt_mutex": "rt_mutex",
  "struct ww_mutex": "ww_mutex",
  "struct rw_semaphore": "rwsem",
  "struct percpu_rw_semaphore": "rwsem",
  "struct semaphore": "semaphore",
  spinlock_t: "spinlock",
  raw_spinlock_t: "raw_spinlock",
  rwlock_t: "rwlock",
  seqcount_t: "seqcount",
  seqlock_t: "seqcount",
  seqcount_spinlock_t: "seqcount",
  local_lock_t: "local_lock",
  "struct srcu_struct": "srcu",
  "struct lockdep_map": "lockdep_map",
};

/** DEFINE_*(x) macros at file scope and the kind of lock they define. */
const DEFINE_MACROS: Readonly<Record<string, LockKind>> = {
  DEFINE_MUTEX: "mutex",
  DEFINE_SPINLOCK: "spinlock",
  DEFINE_RAW_SPINLOCK: "raw_spinlock",
  DEFINE_RWLOCK: "rwlock",
  DECLARE_RWSEM: "rwsem",
  DEFINE_SEQLOCK: "lockdep_map",
  DEFINE_STATIC_SRCU: "srcu",
  DEFINE_SRCU: "srcu",
  DEFINE_LOCAL_LOCK: "local_lock",
  DEFINE_PER_CPU_LOCAL_LOCK: "local_lock",
  DEFINE_RT_MUTEX: "rt_mutex",
  DEFINE_WW_CLASS: "ww_mutex",
};

const ENTRY_MACROS: Readonly<Record<string, EntryContext>> = { TASK: "process", WORK: "process", IRQ_HANDLER: "hardirq", SOFTIRQ_HANDLER: "softirq" };

export const lockKindOfType = (type: TypeRef): LockKind | undefined =>
  type.derivation.length === 0 ? TYPE_KINDS[type.base.replace(/^(const|volatile)\s+/, "")] : undefined;

export class Program {
  readonly functions = new Map<string, FunctionDefinition>();
  readonly structs = new Map<string, StructDeclaration>();
  readonly globals = new Map<string, GlobalLock>();
  readonly globalTypes = new Map<string, TypeRef>();
  readonly constants = new Map<string, Expression>();
  readonly entryPoints: EntryPoint[] = [];
  readonly hooks: Hooks = { shrinkers: [], mmuNotifiers: [], consoles: [], reclaim: undefined, allocator: undefined };
  readonly problems: ProblemReport[] = [];
  /** Work items by the text naming them (`w`, `dev->work`), to the function they run. */
  readonly workItems = new Map<string, string>();
  /** Work functions queued on each workqueue (`queue_work(wq, &w)`), by the workqueue's text. */
  readonly queuedOn = new Map<string, Set<string>>();
  /** Functions run as work items (entry points whose end signals `(work)fn`). */
  readonly workFunctions = new Set<string>();
  /**
   * Whether the model's runs (reclaim levels, model tasks) may differ because of the scenario: it
   * registers hooks, initialises struct-field locks, or defines a name the model's text mentions
   * (a function, struct, global, macro constant, work item or workqueue). Only when this is false
   * may a check reuse the model runs another scenario recorded.
   */
  scenarioShapesReclaim = false;
  /** Identifiers the scenario files define or register (see scenarioShapesReclaim). */
  private readonly scenarioDefines = new Set<string>();
  /** Functions defined by the scenario files (not the model). */
  readonly scenarioFunctions = new Set<string>();
  private readonly explicitEntries = new Set<string>();
  private readonly queued: { wq: string; item: string }[] = [];

  /** `units` in order: scenario files first, then the model (whose definitions do not override). */
  constructor(scenario: readonly TranslationUnit[], model: readonly TranslationUnit[]) {
    for (const u of scenario) this.collect(u.items, true);
    for (const u of model) this.collect(u.items, false);
    for (const u of [...scenario, ...model]) for (const m of u.macros) if (m.kind === "object" && m.value) this.constants.set(m.name, m.value);
    for (const u of scenario) for (const m of u.macros) if (m.kind === "object") this.scenarioDefines.add(m.name);
    for (const q of this.queued) {
      const fn = this.workItems.get(q.item);
      if (!fn) continue;
      const set = this.queuedOn.get(q.wq) ?? new Set<string>();
      set.add(fn);
      this.queuedOn.set(q.wq, set);
    }
    this.addDefaultTasks(scenario);
    // *_init calls name struct-field classes, which the model's reclaim runs may print.
    for (const name of this.scenarioFunctions) {
      const fn = this.functions.get(name);
      if (fn && indexFunction(fn).calls.some((c) => c.name !== null && INIT_CALLS.has(c.name))) this.scenarioShapesReclaim = true;
    }
    const mentioned = modelNames(model);
    for (const name of this.scenarioDefines) if (mentioned.has(name)) this.scenarioShapesReclaim = true;
  }

  private collect(items: readonly TopLevelItem[], fromScenario: boolean): void {
    for (const item of items) {
      switch (item.kind) {
        case "function":
          if (!this.functions.has(item.name)) this.functions.set(item.name, item);
          if (fromScenario) {
            this.scenarioFunctions.add(item.name);
            this.scenarioDefines.add(item.name);
          }
          this.scanRuntimeRegistrations(item, fromScenario);
          break;
        case "struct":
          if (item.tag) this.structs.set(`${item.keyword} ${item.tag}`, item);
          if (item.tag && fromScenario) this.scenarioDefines.add(item.tag);
          break;
        case "variable": {
          if (fromScenario) this.scenarioDefines.add(item.name);
          this.globalTypes.set(item.name, item.type);
          const before = this.hookCount();
          this.collectVariable(item.name, item.type, item.init, item.loc);
          if (fromScenario && this.hookCount() !== before) this.scenarioShapesReclaim = true;
          break;
        }
        case "macro-call": {
          // DEFINE_MUTEX(m), DECLARE_WORK(w, fn): the names a macro call defines are its arguments.
          if (fromScenario) for (const a of item.call.args) if (a.kind === "identifier") this.scenarioDefines.add(a.name);
          const before = this.hookCount();
          this.collectMacro(item.call.name ?? "", item.call.args, item.loc, fromScenario);
          if (fromScenario && this.hookCount() !== before) this.scenarioShapesReclaim = true;
          break;
        }
        default:
          break;
      }
    }
  }

  private collectVariable(name: string, type: TypeRef, init: Expression | null, loc: Loc): void {
    const kind = lockKindOfType(type);
    if (kind) {
      const mapName = init?.kind === "call" && init.name === "STATIC_LOCKDEP_MAP_INIT" && init.args[0]?.kind === "string" ? init.args[0].value : undefined;
      this.globals.set(name, mapName ? { kind, className: mapName } : { kind });
      return;
    }
    if (init?.kind !== "init-list") return;
    const base = type.base;
    if (base === "struct shrinker") {
      this.hooks.shrinkers.push({ count: fieldFunction(init, "count_objects"), scan: fieldFunction(init, "scan_objects"), loc });
    } else if (base === "struct mmu_notifier_ops") {
      const start = fieldFunction(init, "invalidate_range_start");
      if (start) this.hooks.mmuNotifiers.push({ start, loc });
    } else if (base === "struct console") {
      const write = fieldFunction(init, "write");
      if (write) this.hooks.consoles.push({ write, loc });
    }
  }

  private collectMacro(name: string, args: readonly Expression[], loc: Loc, fromScenario: boolean): void {
    const arg = (i: number): string | null => {
      const a = args[i];
      return a?.kind === "identifier" ? a.name : a?.kind === "unary" && a.operand.kind === "identifier" ? a.operand.name : null;
    };
    const defined = DEFINE_MACROS[name];
    if (defined) {
      const n = arg(0);
      if (n) this.globals.set(n, { kind: defined });
      return;
    }
    const context = ENTRY_MACROS[name];
    if (context) {
      const fn = arg(0);
      if (fn) this.addEntry({ function: fn, name: fn, context, loc }, fromScenario);
      if (fn && name === "WORK") this.workFunctions.add(fn);
      return;
    }
    switch (name) {
      case "TASK_NAMED": {
        const fn = arg(0);
        const comm = args[1]?.kind === "string" ? args[1].value : fn;
        if (fn && comm) this.addEntry({ function: fn, name: comm, context: "process", loc }, fromScenario);
        return;
      }
      case "DECLARE_WORK":
      case "DECLARE_DELAYED_WORK": {
        const fn = arg(1);
        const item = arg(0);
        if (fn) this.addWork(item, fn, loc);
        return;
      }
      case "SHRINKER":
        this.hooks.shrinkers.push({ count: arg(0), scan: arg(1), loc });
        return;
      case "MMU_NOTIFIER": {
        const fn = arg(0);
        if (fn) this.hooks.mmuNotifiers.push({ start: fn, loc });
        return;
      }
      case "CONSOLE": {
        const fn = arg(0);
        if (fn) this.hooks.consoles.push({ write: fn, loc });
        return;
      }
      case "RECLAIM":
        this.hooks.reclaim = arg(0) ?? undefined;
        return;
      case "ALLOCATOR":
        this.hooks.allocator = arg(0) ?? undefined;
        return;
      default:
        return;
    }
  }

  /**
   * INIT_WORK(&w, fn) inside a function binds a work item: its function is an entry point. Work
   * queued by the scenario on a workqueue the model flushes changes the model's run.
   */
  private scanRuntimeRegistrations(fn: FunctionDefinition, fromScenario: boolean): void {
    for (const call of indexFunction(fn).calls) {
      const a = call.args;
      if ((call.name === "INIT_WORK" || call.name === "INIT_DELAYED_WORK") && a[1]?.kind === "identifier") {
        this.addWork(workKey(a[0]?.text ?? ""), a[1].name, call.loc);
        if (fromScenario) {
          // Binding a model function as work makes it one of the model's entry points.
          addIdentifiers(this.scenarioDefines, a[0]?.text ?? "");
          this.scenarioDefines.add(a[1].name);
        }
      }
      if ((call.name === "queue_work" || call.name === "queue_delayed_work") && a[1]) {
        this.queued.push({ wq: workKey(a[0]?.text ?? ""), item: workKey(a[1].text) });
        if (fromScenario) addIdentifiers(this.scenarioDefines, a[0]?.text ?? "");
      }
    }
  }

  private hookCount(): number {
    const h = this.hooks;
    return h.shrinkers.length + h.mmuNotifiers.length + h.consoles.length + (h.reclaim ? 1 : 0) + (h.allocator ? 1 : 0);
  }

  private addWork(item: string | null, fn: string, loc: Loc): void {
    if (item) this.workItems.set(workKey(item), fn);
    this.workFunctions.add(fn);
    this.addEntry({ function: fn, name: fn, context: "process", loc }, false);
  }

  private addEntry(entry: EntryPoint, explicit: boolean): void {
    if (explicit) this.explicitEntries.add(entry.function);
    if (!this.entryPoints.some((e) => e.function === entry.function && e.context === entry.context)) this.entryPoints.push(entry);
  }

  /**
   * Where the scenario names no entry point (the model's own do not count), every function of
   * the scenario that no other scenario function calls is a TASK.
   */
  private addDefaultTasks(scenario: readonly TranslationUnit[]): void {
    // Work items bound by DECLARE_WORK/INIT_WORK are entry points, but not ones the user named.
    if (this.explicitEntries.size > 0) return;
    const already = new Set(this.entryPoints.map((e) => e.function));
    const hooked = new Set([...this.hooks.shrinkers.flatMap((h) => [h.count, h.scan]), ...this.hooks.mmuNotifiers.map((m) => m.start), ...this.hooks.consoles.map((c) => c.write)]);
    const called = new Set<string>();
    for (const name of this.scenarioFunctions) {
      const fn = this.functions.get(name);
      if (!fn) continue;
      const index = indexFunction(fn);
      for (const c of index.calls) if (c.name) called.add(c.name);
      for (const id of index.identifiers) called.add(id); // taken as a function pointer
    }
    for (const u of scenario) {
      for (const item of u.items) {
        if (item.kind !== "function" || called.has(item.name) || hooked.has(item.name) || already.has(item.name)) continue;
        this.entryPoints.push({ function: item.name, name: item.name, context: "process", loc: item.loc });
      }
    }
  }

  /** The kind of field `field` in `struct T`, when declared with a lock type. */
  fieldKind(structType: string, field: string): LockKind | undefined {
    const f = this.structs.get(structType)?.fields.find((x) => x.name === field);
    return f ? lockKindOfType(f.type) : undefined;
  }

  fieldType(structType: string, field: string): TypeRef | undefined {
    return this.structs.get(structType)?.fields.find((x) => x.name === field)?.type;
  }
}

const IDENTIFIER = /[A-Za-z_][A-Za-z0-9_]*/g;

function addIdentifiers(into: Set<string>, text: string): void {
  for (const m of text.matchAll(IDENTIFIER)) into.add(m[0]);
}

const modelNamesCache = new WeakMap<readonly TranslationUnit[], ReadonlySet<string>>();

/**
 * Every identifier in the model's syntax trees (names, types, struct tags, expression texts,
 * macros), once per parsed model. Deliberately broad: a scenario defining any of them is treated
 * as shaping the model's runs, which costs a re-run, never a wrong answer.
 */
function modelNames(model: readonly TranslationUnit[]): ReadonlySet<string> {
  const known = modelNamesCache.get(model);
  if (known) return known;
  const names = new Set<string>();
  const seen = new Set<object>();
  const walk = (node: unknown): void => {
    if (typeof node === "string") return addIdentifiers(names, node);
    if (typeof node !== "object" || node === null || seen.has(node)) return;
    seen.add(node);
    if (Array.isArray(node)) for (const x of node) walk(x);
    else for (const [key, value] of Object.entries(node)) if (key !== "loc" && key !== "file" && key !== "files") walk(value);
  };
  for (const u of model) walk({ items: u.items, macros: u.macros });
  modelNamesCache.set(model, names);
  return names;
}

/** A work item's name as flush_work(&dev->work) and INIT_WORK(&dev->work, fn) both write it. */
export const workKey = (text: string): string => text.replace(/\s+/g, "").replace(/^&/, "");

function fieldFunction(init: InitializerList, field: string): string | null {
  const entry = init.entries.find((e) => e.designators[0]?.kind === "field" && e.designators[0].name === field);
  const v = entry?.value;
  if (v?.kind === "identifier") return v.name;
  if (v?.kind === "unary" && v.operator === "&" && v.operand.kind === "identifier") return v.operand.name;
  return null;
}

export type { Value };
