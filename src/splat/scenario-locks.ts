/**
 * How a report's lock is written in the scenario language (SCENARIO-LANGUAGE.md): the call
 * pair that takes and drops it, and any top-level definition it needs. The primitive comes from
 * the trace that took it (`mutex_lock`, `down_read`, `_raw_spin_lock_bh`...); a lock whose name
 * is no C expression (`&ni->ni_lock#2/5`, `(wq_completion)events`) or whose primitive the trace
 * does not show becomes a lockdep map with the exact class name, so the round trip keeps names.
 */
import type { Frame } from "./report.js";

export interface LockCode {
  readonly acquire: string;
  readonly release: string;
  /** Top-level definitions this lock needs (emitted once per name). */
  readonly definitions: readonly string[];
}

/** Trace frame → primitive (kernel/locking/*.c entry points; include/linux/spinlock_api_smp.h). */
const PRIMITIVES = [
  { re: /^(?:__)?mutex_lock\w*$|^__mutex_lock\w*$/, acquire: "mutex_lock(%)", release: "mutex_unlock(%)", define: "DEFINE_MUTEX(%);" },
  { re: /^down_read\w*$/, acquire: "down_read(%)", release: "up_read(%)", define: "DECLARE_RWSEM(%);" },
  { re: /^down_write\w*$/, acquire: "down_write(%)", release: "up_write(%)", define: "DECLARE_RWSEM(%);" },
  { re: /^_raw_spin_lock_bh$/, acquire: "spin_lock_bh(%)", release: "spin_unlock_bh(%)", define: "DEFINE_SPINLOCK(%);" },
  { re: /^_raw_spin_lock_irq(?:save)?$/, acquire: "spin_lock_irq(%)", release: "spin_unlock_irq(%)", define: "DEFINE_SPINLOCK(%);" },
  { re: /^_raw_spin_lock(?:_nested)?$/, acquire: "spin_lock(%)", release: "spin_unlock(%)", define: "DEFINE_SPINLOCK(%);" },
  { re: /^_raw_read_lock\w*$/, acquire: "read_lock(%)", release: "read_unlock(%)", define: "DEFINE_RWLOCK(%);" },
  { re: /^_raw_write_lock\w*$/, acquire: "write_lock(%)", release: "write_unlock(%)", define: "DEFINE_RWLOCK(%);" },
] as const;

// `&c->lock`, `&(&tables_lock)->rlock`, `(console_sem).lock`, `dev_list_lock`.
const C_LOCK_EXPR = /^&?\(?&?[A-Za-z_]\w*\)?(?:(?:->|\.)[A-Za-z_]\w*)*$/;

/** Sanitises text for a C comment or a `//` line (no comment terminators, no newlines). */
export function commentSafe(text: string): string {
  return text.replace(/\*\//g, "* /").replace(/\/\*/g, "/ *").replace(/[\r\n]+/g, " ");
}

function cString(text: string): string {
  return `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/[\r\n]+/g, " ")}"`;
}

/** Identifier for a lockdep map standing for `name` (stable per name within one scenario). */
export function mapIdent(name: string, index: number): string {
  const base = name.replace(/[^A-Za-z0-9_]+/g, "_").replace(/^_+|_+$/g, "").slice(0, 40) || "lock";
  return `map${index}_${base}`;
}

type Primitive = (typeof PRIMITIVES)[number];

export class LockWriter {
  /** One primitive per class name, learned from every trace that shows the lock taken. */
  private readonly learned = new Map<string, Primitive>();
  private readonly maps = new Map<string, string>();
  private readonly defined = new Set<string>();
  readonly definitions: string[] = [];

  /**
   * Records the primitive a trace shows for `name`, so one class is written the same way in
   * every function (a class used as two lock types would be an error in the scenario language).
   * Only the frames above the first non-locking frame count: deeper frames are the caller's.
   */
  learn(name: string, trace: readonly (Frame | null)[]): void {
    if (this.learned.has(name)) return;
    for (const frame of trace) {
      if (!frame) continue;
      const primitive = PRIMITIVES.find((p) => p.re.test(frame.function));
      if (primitive) {
        this.learned.set(name, primitive);
        return;
      }
    }
  }

  /** The code for taking `name` as the traces showed (or as a lockdep map). */
  lock(name: string, trace: readonly Frame[] = []): LockCode {
    if (name === "rcu_read_lock") return { acquire: "rcu_read_lock()", release: "rcu_read_unlock()", definitions: [] };
    if (!this.learned.has(name)) this.learn(name, trace);
    const primitive = this.learned.get(name);
    if (primitive && C_LOCK_EXPR.test(name)) {
      // A bare name is a static lock (lockdep names it without `&`): define it, pass its address.
      const bare = /^[A-Za-z_]\w*$/.test(name);
      if (bare && !this.defined.has(name)) {
        this.defined.add(name);
        this.definitions.push(primitive.define.replace("%", name));
      }
      const expr = bare ? `&${name}` : name;
      return { acquire: primitive.acquire.replace("%", expr), release: primitive.release.replace("%", expr), definitions: [] };
    }
    let ident = this.maps.get(name);
    if (!ident) {
      ident = mapIdent(name, this.maps.size);
      this.maps.set(name, ident);
    }
    if (!this.defined.has(ident)) {
      this.defined.add(ident);
      this.definitions.push(`static struct lock_class_key ${ident}_key;`, `static struct lockdep_map ${ident} = STATIC_LOCKDEP_MAP_INIT(${cString(name)}, &${ident}_key);`);
    }
    return { acquire: `lock_map_acquire(&${ident})`, release: `lock_map_release(&${ident})`, definitions: [] };
  }
}
