/**
 * Findings as data: what the engine (and later the kernel layer) reports, in a form every
 * renderer takes unchanged (text in lockdep's format, JSON, SARIF, HTML). Nothing here is
 * formatting; renderers only format. A finding survives a JSON round trip.
 */
import type { AcquireMode, Stack } from "../ir/index.js";

export const FINDING_KINDS = [
  "circular-dependency",
  "recursive-locking",
  "inconsistent-lock-state",
  "irq-lock-inversion",
  "irq-safe-unsafe-order",
  "bad-unlock-balance",
  "invalid-wait-context",
  "sleep-in-atomic",
  "held-lock-at-exit",
  "held-lock-freed",
  "nested-lock-not-held",
  "ww-api-misuse",
] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

/** lockdep's headline for each kind (the report title, exact text). */
export const FINDING_TITLES: Readonly<Record<Exclude<FindingKind, "irq-safe-unsafe-order" | "held-lock-at-exit">, string>> = {
  "circular-dependency": "WARNING: possible circular locking dependency detected",
  "recursive-locking": "WARNING: possible recursive locking detected",
  "inconsistent-lock-state": "WARNING: inconsistent lock state",
  "irq-lock-inversion": "WARNING: possible irq lock inversion dependency detected",
  "bad-unlock-balance": "WARNING: bad unlock balance detected!",
  "invalid-wait-context": "[ BUG: Invalid wait context ]",
  "sleep-in-atomic": "BUG: sleeping function called from invalid context",
  "held-lock-freed": "WARNING: held lock freed!",
  "nested-lock-not-held": "WARNING: Nested lock was not taken",
  "ww-api-misuse": "WARNING: ww_mutex API misuse",
};

/** A lock class as reports print it: `(&c->lock){+.+.}-{3:3}`. */
export interface ClassInfo {
  /** Class name with lockdep's suffixes: `/N` subclass, `#N` name version. */
  readonly name: string;
  /** Usage characters, one per irq state and direction: HARDIRQ-W, HARDIRQ-R, SOFTIRQ-W, SOFTIRQ-R. */
  readonly usage: string;
  /** Wait types as printed under the configuration checked (outer shown as inner when unset). */
  readonly wait: { readonly outer: number; readonly inner: number };
}

/** An entry of the task's held-lock stack at the time of the finding. */
export interface HeldLockInfo extends ClassInfo {
  readonly mode: AcquireMode;
  readonly trylock: boolean;
  /** Where it was acquired. */
  readonly stack: Stack;
}

/** A dependency `from → to`: `to` was acquired while `from` was held, first seen at `stack`. */
export interface Dependency {
  readonly from: ClassInfo;
  readonly to: ClassInfo;
  readonly stack: Stack;
  /**
   * For a dependency through an event (`from` is the event): where it is signalled, after the
   * signaller acquired `to` at `stack`.
   */
  readonly via?: Stack;
}

/** One line of lockdep's "Possible unsafe locking scenario" table. */
export interface ScenarioStep {
  readonly cpu: 0 | 1;
  /** `lock(&c->lock);`, `rlock(A);`, `<Interrupt>`, `local_irq_disable();`. */
  readonly op: string;
  /** Indented under `<Interrupt>`. */
  readonly inInterrupt?: boolean;
}

export interface Scenario {
  /** `Possible unsafe locking scenario` or `Possible interrupt unsafe locking scenario`. */
  readonly header: string;
  readonly cpus: 1 | 2;
  readonly steps: readonly ScenarioStep[];
  /** `[Chain exists of: A --> B --> C]`, where lockdep prints it. */
  readonly chainExistsOf?: readonly string[];
}

/** The task as a report names it, with lockdep's irq-state tag `[HC0[0]:SC0[0]:HE1:SE1]`. */
export interface TaskInfo {
  readonly name: string;
  readonly pid: number;
  readonly irq: { readonly hardirq: number; readonly softirq: number; readonly hardirqsEnabled: boolean; readonly softirqsEnabled: boolean };
}

/** Usage bit names as lockdep prints them (`IN-HARDIRQ-W`, `SOFTIRQ-ON-R`). */
export type UsageName = string;

/** Why sleeping is forbidden where a sleep finding fires (the first that applies, in this order). */
export const SLEEP_REASONS = ["hardirq", "softirq", "irqs-disabled", "spinlock", "preemption-disabled", "rcu", "non-block"] as const;
export type SleepReason = (typeof SLEEP_REASONS)[number];

export type FindingDetail =
  | { readonly kind: "circular-dependency"; readonly lock: HeldLockInfo; readonly holding: HeldLockInfo }
  | { readonly kind: "recursive-locking"; readonly lock: HeldLockInfo; readonly holding: HeldLockInfo }
  | {
      readonly kind: "inconsistent-lock-state";
      readonly lock: HeldLockInfo;
      readonly old: UsageName;
      readonly new: UsageName;
      /** Where the class first got the old usage bit. */
      readonly oldStack: Stack;
    }
  | {
      readonly kind: "irq-lock-inversion";
      readonly lock: ClassInfo;
      /** The class on the other end of the path. */
      readonly other: ClassInfo;
      /** `unsafe`: THIS became safe and took an unsafe lock; `safe`: THIS became unsafe and a safe lock took it. */
      readonly otherIs: "safe" | "unsafe";
      /** `HARDIRQ`, `SOFTIRQ`, `HARDIRQ-READ`, `SOFTIRQ-READ`. */
      readonly state: string;
      readonly newUsage: UsageName;
    }
  | {
      readonly kind: "irq-safe-unsafe-order";
      readonly prev: HeldLockInfo;
      readonly next: HeldLockInfo;
      readonly safe: ClassInfo;
      readonly safeStack: Stack;
      readonly unsafe: ClassInfo;
      readonly unsafeStack: Stack;
      /** `HARDIRQ`, `SOFTIRQ`, `HARDIRQ-READ`, `SOFTIRQ-READ`: from the safe lock's usage bit. */
      readonly state: string;
    }
  | { readonly kind: "bad-unlock-balance"; readonly lock: string }
  | { readonly kind: "invalid-wait-context"; readonly lock: HeldLockInfo; readonly context: number }
  | {
      readonly kind: "sleep-in-atomic";
      readonly reason: SleepReason;
      readonly certainty: "might" | "actual";
      readonly inAtomic: boolean;
      readonly irqsDisabled: boolean;
      readonly nonBlock: number;
      readonly preemptCount: number;
      readonly rcuDepth: number;
    }
  | { readonly kind: "held-lock-at-exit"; readonly how: "exit" | "return-to-user" }
  | { readonly kind: "held-lock-freed"; readonly lock: HeldLockInfo }
  | { readonly kind: "nested-lock-not-held"; readonly lock: HeldLockInfo; readonly nestLock: string }
  | { readonly kind: "ww-api-misuse"; readonly lock: string | null; readonly message: string };

export interface Finding {
  readonly kind: FindingKind;
  /** The report's headline, exactly as lockdep prints it. */
  readonly title: string;
  readonly task: TaskInfo;
  /** Lock classes involved; for a cycle each once, in dependency order (DESIGN.md §6). */
  readonly locks: readonly string[];
  /** For cycles and irq orders: the dependencies that prove it, in order, each with its stack. */
  readonly chain: readonly Dependency[];
  /** Where the finding fired (the acquisition, release or sleep being checked). */
  readonly stack: Stack;
  readonly heldLocks: readonly HeldLockInfo[];
  readonly scenario: Scenario | null;
  readonly detail: FindingDetail;
  /** The smallest change that makes it go away, verified by re-checking (kernel layer). */
  readonly fix: string | null;
}
