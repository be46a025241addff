/**
 * The lock classes of the generated stream: `subsystems` groups of 32 classes with a mix of kinds
 * (mutex, rwsem, lockdep_map, spinlock, rwlock, raw_spinlock). Every class has a *rank* in one
 * global lock order; tasks only ever nest a class of higher rank, so the stream has no cycle by
 * construction. Roles keep the irq and wait-type rules quiet as well (see MAY_NEST).
 */
import type { ClassId, DefineClassEvent, IrqContext, LockKind, Stack, Toggle } from "../../src/ir/index.js";
import type { Prng } from "./prng.js";

/** Roles in global rank order: every class of a role ranks above every class of earlier roles. */
export const ROLES = ["sleeping", "spinning", "softirq-safe", "raw", "hardirq-safe"] as const;
export type Role = (typeof ROLES)[number];

/** Lock kinds of one subsystem's classes, per role (12 + 10 + 3 + 4 + 3 = 32). */
export const SUBSYSTEM_LAYOUT = {
  sleeping: ["mutex", "rwsem", "mutex", "lockdep_map", "mutex", "rwsem", "mutex", "mutex", "lockdep_map", "rwsem", "mutex", "mutex"],
  spinning: ["spinlock", "rwlock", "spinlock", "spinlock", "rwlock", "spinlock", "spinlock", "spinlock", "rwlock", "spinlock"],
  "softirq-safe": ["spinlock", "spinlock", "spinlock"],
  raw: ["raw_spinlock", "raw_spinlock", "raw_spinlock", "raw_spinlock"],
  "hardirq-safe": ["raw_spinlock", "raw_spinlock", "raw_spinlock"],
} as const satisfies Record<Role, readonly LockKind[]>;

export const CLASSES_PER_SUBSYSTEM = ROLES.reduce((sum, role) => sum + SUBSYSTEM_LAYOUT[role].length, 0);

/**
 * Roles that may be acquired while a class of the key role is the innermost held lock.
 * - no sleeping lock under a spinning one: invalid wait context / sleep in atomic;
 * - an irq-safe lock leads only to irq-safe locks: else "<S>-safe -> <S>-unsafe lock order"
 *   (lockdep-notes.md §10);
 * - nothing but raw_spinlock_t under raw_spinlock_t: PROVE_RAW_LOCK_NESTING (§12).
 */
export const MAY_NEST = {
  sleeping: ROLES,
  spinning: ["spinning", "softirq-safe", "raw", "hardirq-safe"],
  "softirq-safe": ["softirq-safe", "hardirq-safe"],
  raw: ["raw", "hardirq-safe"],
  "hardirq-safe": ["hardirq-safe"],
} as const satisfies Record<Role, readonly Role[]>;

/**
 * Roles an interrupt handler takes. Hardirq handlers take only raw_spinlock_t so the stream stays
 * clean with PROVE_RAW_LOCK_NESTING too (non-threaded hardirq context is LD_WAIT_SPIN, §12).
 */
export const IRQ_ROLES = {
  hardirq: ["hardirq-safe"],
  softirq: ["softirq-safe", "hardirq-safe"],
} as const satisfies Record<IrqContext, readonly Role[]>;

/**
 * What is switched off around an irq-safe class everywhere (spin_lock_irqsave / spin_lock_bh),
 * so it never gets an ENABLED_* usage bit and never meets an irq-unsafe class (§10).
 */
export const TOGGLE_AROUND = {
  "hardirq-safe": "hardirqs",
  "softirq-safe": "softirqs",
} as const satisfies Partial<Record<Role, Toggle>>;

export interface BenchClass {
  readonly id: ClassId;
  readonly name: string;
  readonly lock: LockKind;
  readonly role: Role;
  /** Position in the global lock order. */
  readonly rank: number;
  readonly subsystem: number;
  /** Where it is taken and released; shared by every task (the engine keeps references). */
  readonly acquireStack: Stack;
  readonly releaseStack: Stack;
}

export interface ClassCatalogue {
  /** Indexed by class id. */
  readonly byId: readonly BenchClass[];
  /** Per subsystem, in rank order. */
  readonly bySubsystem: readonly (readonly BenchClass[])[];
  readonly defineEvents: readonly DefineClassEvent[];
}

const NAME_FIELD = {
  mutex: "mutex",
  rwsem: "rwsem",
  lockdep_map: "map",
  spinlock: "lock",
  rwlock: "rwlock",
  raw_spinlock: "raw_lock",
} as const;

function className(lock: keyof typeof NAME_FIELD, subsystem: number, slot: number): string {
  // Static maps are printed bare, like lockdep's `(wq_completion)...`; object locks as `&dev->lock`.
  return lock === "lockdep_map" ? `(wq_completion)dev${subsystem}_${slot}` : `&dev${subsystem}->${NAME_FIELD[lock]}${slot}`;
}

/** Class ids are a seeded permutation of ranks, so id order says nothing about lock order. */
export function buildClassCatalogue(subsystems: number, prng: Prng): ClassCatalogue {
  const total = subsystems * CLASSES_PER_SUBSYSTEM;
  const ids = Array.from({ length: total }, (_, i) => i);
  for (let i = total - 1; i > 0; i--) {
    const j = prng.below(i + 1);
    [ids[i], ids[j]] = [ids[j]!, ids[i]!];
  }
  const byId: BenchClass[] = new Array<BenchClass>(total);
  const bySubsystem: BenchClass[][] = Array.from({ length: subsystems }, () => []);
  let rank = 0;
  for (const role of ROLES) {
    for (let subsystem = 0; subsystem < subsystems; subsystem++) {
      const file = `drivers/bench/dev${subsystem}.c`;
      const caller = { function: `dev${subsystem}_ioctl`, file, line: 20 };
      SUBSYSTEM_LAYOUT[role].forEach((lock, index) => {
        const slot = bySubsystem[subsystem]!.length;
        const fn = `dev${subsystem}_${role.replace("-", "_")}_${index}`;
        const line = 100 + slot * 10;
        const benchClass: BenchClass = {
          id: ids[rank]!,
          name: className(lock, subsystem, slot),
          lock,
          role,
          rank,
          subsystem,
          acquireStack: [{ function: fn, file, line }, caller],
          releaseStack: [{ function: fn, file, line: line + 5 }, caller],
        };
        byId[benchClass.id] = benchClass;
        bySubsystem[subsystem]!.push(benchClass);
        rank++;
      });
    }
  }
  const defineEvents = byId.map(
    (c): DefineClassEvent => ({ kind: "define-class", id: c.id, name: c.name, lock: c.lock, stack: c.acquireStack }),
  );
  return { byId, bySubsystem, defineEvents };
}
