/**
 * How a report's lock class is written in the scenario language (SCENARIO-LANGUAGE.md): the call
 * pair that takes and drops it, and the top-level definition it needs, keeping the class name
 * exact so the check names the same locks as the report.
 *
 * - An address expression (`&c->lock`, `&(&host->lock)->rlock`, `&irq_desc_lock_class`) is used
 *   as written: the scenario's class is the expression's text.
 * - A bare static name (`target_list_lock`) is defined with its kind's DEFINE_* macro.
 * - Any other name (`&ni->ni_lock#2/5`, `PL061Data::inner`, `(&c->lock)`, `base_crng.lock`) is a
 *   variable of the lock's type initialised with STATIC_LOCKDEP_MAP_INIT("exact name", &key),
 *   which gives the class that name (src/scenario/interpret/program.ts, collectVariable).
 *   `fs_reclaim` is such a lockdep map too, not fs_reclaim_acquire(): since 5.10 that also touches
 *   the MMU-notifier map (mm/page_alloc.c), which reports from older kernels do not show.
 */
import type { LockFamily, LockKind, LockMode } from "./scenario-lock-kinds.js";

/** Sanitises text for a C comment or a `//` line (no comment terminators, no newlines). */
export function commentSafe(text: string): string {
  return text.replace(/\*\//g, "* /").replace(/\/\*/g, "/ *").replace(/[\r\n]+/g, " ");
}

interface FamilyCode {
  readonly write: readonly [string, string];
  readonly read: readonly [string, string];
  readonly ctype: string;
  readonly define: string | null;
  /** Re-initialisation (lockdep treats it as freeing the held lock). */
  readonly init: string | null;
  /** The `_nest_lock` acquisition (lockdep's nest_lock annotation). */
  readonly nest: string | null;
}

type CodedFamily = Exclude<LockFamily, "rcu">;

/** Calls per kind (include/linux/mutex.h, rwsem.h, spinlock.h, rwlock.h, lockdep.h). */
const FAMILY_CODE: Readonly<Record<CodedFamily, FamilyCode>> = {
  mutex: { write: ["mutex_lock", "mutex_unlock"], read: ["mutex_lock", "mutex_unlock"], ctype: "struct mutex", define: "DEFINE_MUTEX", init: "mutex_init", nest: "mutex_lock_nest_lock" },
  rwsem: { write: ["down_write", "up_write"], read: ["down_read", "up_read"], ctype: "struct rw_semaphore", define: "DECLARE_RWSEM", init: "init_rwsem", nest: "down_write_nest_lock" },
  spinlock: { write: ["spin_lock", "spin_unlock"], read: ["spin_lock", "spin_unlock"], ctype: "spinlock_t", define: "DEFINE_SPINLOCK", init: "spin_lock_init", nest: "spin_lock_nest_lock" },
  raw_spinlock: {
    write: ["raw_spin_lock", "raw_spin_unlock"],
    read: ["raw_spin_lock", "raw_spin_unlock"],
    ctype: "raw_spinlock_t",
    define: "DEFINE_RAW_SPINLOCK",
    init: "raw_spin_lock_init",
    nest: "raw_spin_lock_nest_lock",
  },
  rwlock: { write: ["write_lock", "write_unlock"], read: ["read_lock", "read_unlock"], ctype: "rwlock_t", define: "DEFINE_RWLOCK", init: "rwlock_init", nest: "write_lock_nest_lock" },
  map: { write: ["lock_map_acquire", "lock_map_release"], read: ["lock_map_acquire_read", "lock_map_release"], ctype: "struct lockdep_map", define: null, init: null, nest: null },
};

/** RCU readers have no lock object; as a nest lock (never in a report) they are written as maps. */
const coded = (family: LockFamily): CodedFamily => (family === "rcu" ? "map" : family);

const FIELD = String.raw`(?:->|\.)[A-Za-z_]\w*`;
/** `&c->lock`, `&(&host->lock)->rlock`, `&irq_desc_lock_class`: the scenario's class is this text. */
const ADDRESS_EXPR = new RegExp(String.raw`^&(?:\(&[A-Za-z_]\w*(?:${FIELD})+\)|[A-Za-z_]\w*)(?:${FIELD})*$`);
const BARE_NAME = /^[A-Za-z_]\w*$/;
const C_KEYWORDS = new Set(["if", "else", "for", "while", "do", "return", "switch", "case", "default", "break", "continue", "goto", "static", "struct", "int", "void", "char", "long", "unsigned", "const", "sizeof"]);

export interface LockCall {
  readonly acquire: string;
  readonly release: string;
}

export function cString(text: string): string {
  return `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/[\r\n]+/g, " ")}"`;
}

export class LockCoder {
  readonly definitions: string[] = [];
  private readonly variables = new Map<string, string>();

  constructor(private readonly kinds: ReadonlyMap<string, LockKind>) {}

  kindOf(name: string): LockKind {
    return this.kinds.get(name) ?? { family: "map", mode: "write" };
  }

  /** Does holding this class make the task atomic (the engine's "spinning" locks and RCU)? */
  spins(name: string): boolean {
    const f = this.kindOf(name).family;
    return f === "spinlock" || f === "raw_spinlock" || f === "rwlock" || f === "rcu";
  }

  /** The calls taking and dropping `name`, in `mode` or as the report's traces took it. */
  call(name: string, mode?: LockMode): LockCall {
    const kind = this.kindOf(name);
    if (kind.family === "rcu") return { acquire: `${name}()`, release: `${name.replace("_lock", "_unlock")}()` };
    const code = FAMILY_CODE[kind.family];
    const [acquire, release] = code[mode ?? kind.mode];
    const arg = this.argument(name, code);
    return { acquire: `${acquire}(${arg})`, release: `${release}(${arg})` };
  }

  /** `mutex_init(&x)` and friends: re-initialising the lock, or "" for a kind without one. */
  init(name: string): string {
    const code = FAMILY_CODE[coded(this.kindOf(name).family)];
    return code.init ? `${code.init}(${this.argument(name, code)})` : "";
  }

  /** `mutex_lock_nest_lock(&l, &nest)` and its release, or null for a kind without one. */
  nestCall(name: string, nest: string): LockCall | null {
    const code = FAMILY_CODE[coded(this.kindOf(name).family)];
    if (!code.nest) return null;
    const arg = this.argument(name, code);
    return { acquire: `${code.nest}(${arg}, ${this.argument(nest, FAMILY_CODE[coded(this.kindOf(nest).family)])})`, release: `${code.write[1]}(${arg})` };
  }

  private argument(name: string, code: FamilyCode): string {
    if (ADDRESS_EXPR.test(name)) return name;
    let variable = this.variables.get(name);
    if (variable === undefined) {
      const bare = BARE_NAME.test(name) && !C_KEYWORDS.has(name) && code.define !== null;
      variable = bare ? name : `lock${this.variables.size}_${name.replace(/[^A-Za-z0-9_]+/g, "_").replace(/^_+|_+$/g, "").slice(0, 32)}`.replace(/_$/, "");
      this.variables.set(name, variable);
      if (bare) this.definitions.push(`${code.define}(${name});`);
      else this.definitions.push(`static struct lock_class_key ${variable}_key;`, `static ${code.ctype} ${variable} = STATIC_LOCKDEP_MAP_INIT(${cString(name)}, &${variable}_key);`);
    }
    return `&${variable}`;
  }
}
