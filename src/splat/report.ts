/**
 * The structured form of one lockdep / might_sleep report ("splat") as the parser extracts it.
 * A superset of the `explain --format json` contract (DESIGN.md §6); `json.ts` projects it.
 * Structures follow `lockdep-reports.md` (kernel/locking/lockdep.c, kernel/sched/core.c).
 * Every field a report does not show is null (or empty for lists), never guessed.
 */
import type { FindingKind } from "../engine/finding.js";

/** DESIGN.md §6: the finding kinds, plus `scheduling-while-atomic` for `explain`. */
export type SplatKind = Exclude<FindingKind, "ww-api-misuse"> | "scheduling-while-atomic";

/** Which stack a frame was printed in, from `<IRQ>`/`<SOFTIRQ>`/`<NMI>`/`<TASK>` markers. */
export type FrameContext = "task" | "irq" | "softirq" | "nmi" | null;

/** One call-trace line: `func+0x1f/0x1c0 [mod]`, `[<addr>] func+off/len`, `func file.c:12 [inline]`. */
export interface Frame {
  readonly function: string;
  readonly offset: number | null;
  readonly size: number | null;
  readonly module: string | null;
  /** Source place when the trace was symbolised (syzbot, decode_stacktrace.sh). */
  readonly file: string | null;
  readonly line: number | null;
  readonly inlined: boolean;
  /** False for `? func` frames (unwinder not sure the frame is live). */
  readonly reliable: boolean;
  readonly context: FrameContext;
}

/** lockdep's wait types `-{outer:inner}` (5.7+). */
export interface WaitTypes {
  readonly outer: number;
  readonly inner: number;
}

/** A lock as `print_lock` / `print_lock_name` print it. */
export interface LockRef {
  /** Instance address (5.x+ held locks and headers); null for class-only names and old kernels. */
  readonly instance: string | null;
  /** Class name exactly as printed, suffixes `#N`, `/N` kept. */
  readonly name: string;
  /** Usage characters: 4 (HARDIRQ-W/R, SOFTIRQ-W/R) or 6 before 4.14 (third pair RECLAIM_FS). */
  readonly usage: string | null;
  readonly waitTypes: WaitTypes | null;
  /** The `at:` place. */
  readonly at: Frame | null;
}

/** One `-> #N (class):` entry of a circular report: the lock and where it was taken. */
export interface ChainLink {
  readonly index: number;
  readonly lock: LockRef;
  readonly trace: readonly Frame[];
}

export interface ScenarioStep {
  readonly cpu: 0 | 1;
  /** `lock(&c->lock);`, `rlock(A);`, `<Interrupt>`, `local_irq_disable();` (trimmed). */
  readonly op: string;
}

export interface ScenarioTable {
  readonly header: string;
  readonly cpus: 1 | 2;
  readonly steps: readonly ScenarioStep[];
}

export interface HeldLocks {
  readonly task: TaskRef | null;
  /** The count lockdep printed (may exceed `locks.length` if cut short). */
  readonly count: number;
  readonly locks: readonly LockRef[];
}

export interface TaskRef {
  readonly name: string;
  readonly pid: number;
  readonly cpu: number | null;
}

/** `[HC0[0]:SC1[1]:HE1:SE0]`: in hardirq [nesting], in softirq [count], irqs / bhs enabled. */
export interface IrqContextTag {
  readonly hardirq: number;
  readonly hardirqCount: number;
  readonly softirq: number;
  readonly softirqCount: number;
  readonly hardirqsEnabled: boolean;
  readonly softirqsEnabled: boolean;
}

/** The lock an irq report compares against (`took another, SOFTIRQ-unsafe lock`). */
export interface IrqOtherLock {
  readonly lock: LockRef;
  /** `took`: the reported lock took it (forward); `taken-by`: it took the reported lock. */
  readonly relation: "took" | "taken-by";
  /** `HARDIRQ`, `SOFTIRQ`, `HARDIRQ-READ`, `RECLAIM_FS`... */
  readonly state: string;
  readonly safety: "safe" | "unsafe";
}

/** `<S>-safe -> <S>-unsafe` report: the two ends the new dependency connects. */
export interface SafeUnsafePair {
  readonly state: string;
  readonly safeLock: LockRef | null;
  readonly safeTrace: readonly Frame[];
  readonly unsafeLock: LockRef | null;
  readonly unsafeTrace: readonly Frame[];
}

export interface SourcePlace {
  readonly file: string;
  readonly line: number;
}

export interface SplatReport {
  readonly kind: SplatKind;
  /** The headline as printed (`WARNING: ...`, `[ INFO: ... ]`, `BUG: ... at f.c:12`). */
  readonly title: string;
  /** Kernel release from the identity line or the `CPU: ... Comm:` dump line. */
  readonly kernel: string | null;
  /** `Not tainted` or `Tainted: G        W` (trailing spaces trimmed). */
  readonly taint: string | null;
  readonly task: TaskRef | null;
  /** The lock the report is about: being acquired, released, or whose usage changed. */
  readonly lock: LockRef | null;
  /** The held lock the report names (`but task is already holding lock:`). */
  readonly holding: LockRef | null;
  /** Circular reports: the `-> #N` links in printed order (highest N first). */
  readonly chain: readonly ChainLink[];
  /** `Chain exists of:` names, where printed. */
  readonly chainExistsOf: readonly string[] | null;
  /** Inconsistent-lock-state: `[old, new]` as printed, e.g. `["SOFTIRQ-ON-W", "IN-SOFTIRQ-W"]`. */
  readonly usage: readonly [string, string] | null;
  /** Trace under `{OLD} state was registered at:`. */
  readonly usageTrace: readonly Frame[];
  readonly irqContext: IrqContextTag | null;
  readonly otherLock: IrqOtherLock | null;
  readonly safeUnsafe: SafeUnsafePair | null;
  readonly scenario: ScenarioTable | null;
  /** null where no held-lock block is printed; `lockdepOff` says why for sleep reports. */
  readonly heldLocks: HeldLocks | null;
  readonly lockdepOff: boolean;
  /** Invalid wait context: the task's `context-{c:c}`. */
  readonly waitContext: WaitTypes | null;
  /** Nested-lock-not-held: the nest lock named by `but this task is not holding:`. */
  readonly nestLock: string | null;
  /** Held-lock-freed: `is freeing memory <start>-<end>`. */
  readonly freedRange: { readonly start: string; readonly end: string } | null;
  /** Sleep reports. */
  readonly location: SourcePlace | null;
  readonly inAtomic: boolean | null;
  readonly irqsDisabled: boolean | null;
  readonly nonBlock: number | null;
  readonly preemptCount: number | null;
  readonly preemptExpected: number | null;
  readonly rcuNestDepth: number | null;
  /** `Preemption disabled at:` place. */
  readonly preemptDisabledAt: Frame | null;
  /** The `stack backtrace:` / `Call Trace:` frames (the current stack). */
  readonly backtrace: readonly Frame[];
  /** 1-based line of the title in the input. */
  readonly line: number;
  /** The report was cut short (input ended or the size cap was hit before its end). */
  readonly truncated: boolean;
}
