/**
 * The event language: the only thing front-ends (scenario interpreter, trace importers) hand to
 * the engine. See README.md in this folder for the invariants.
 *
 * Words follow lockdep: a *class* is what rules are about (all instances initialised at one site
 * share one); an *instance* is one lock object; a *held lock* is an entry on a task's stack.
 */

/** One frame of the call stack that led to an event, innermost first in a {@link Stack}. */
export interface Frame {
  readonly function: string;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
}

/** Call stack, innermost frame first (as lockdep prints it). Front-ends share arrays freely. */
export type Stack = readonly Frame[];

/**
 * Lock kinds the engine distinguishes. They decide wait types, whether a read acquisition may
 * recurse, whether the class takes part in dependency and irq-usage checks, and whether taking it
 * may sleep. (Kernel type → kind is the front-end's business.)
 */
export const LOCK_KINDS = [
  "mutex", // struct mutex
  "rt_mutex",
  "ww_mutex",
  "rwsem", // struct rw_semaphore (and percpu_rw_semaphore)
  "semaphore",
  "spinlock", // spinlock_t: spins on !RT, sleeps on PREEMPT_RT
  "raw_spinlock",
  "rwlock", // rwlock_t: like spinlock_t; read side recursive in irq context or when forced
  "seqcount", // writer exclusive; a reader is a recursive-read acquire+release ("might wait")
  "local_lock", // per-CPU: skipped by irq-usage searches
  "rcu", // rcu_read_lock: check=0, wait types FREE/CONFIG
  "rcu_bh",
  "rcu_sched", // FREE/SPIN
  "srcu",
  "lockdep_map", // a bare struct lockdep_map: fs_reclaim, workqueue maps, pseudo-locks
  "ww_acquire_ctx",
  // Something waited for: a completion, a wait queue condition, a bit, a work item's end, a
  // seqcount writer's exit. Waiting acquires it for a moment; it never takes part in irq usage
  // (a completion signalled from an interrupt is ordinary).
  "event",
] as const;
export type LockKind = (typeof LOCK_KINDS)[number];

/** How an acquisition holds the lock (lockdep's `read` argument 0, 1, 2). */
export const ACQUIRE_MODES = ["write", "read", "recursive-read"] as const;
export type AcquireMode = (typeof ACQUIRE_MODES)[number];

/** Interrupt contexts a task can enter (lockdep's irq_context segments). */
export type IrqContext = "hardirq" | "softirq";

export type ClassId = number;
export type TaskId = number;
/** Identity of one lock object; two instances of one class are "recursive locking" if nested. */
export type InstanceId = number;

/** Declares a lock class before any event names it. */
export interface DefineClassEvent {
  readonly kind: "define-class";
  readonly id: ClassId;
  /** lockdep's class name: `&c->lock`, `fs_reclaim`, `dev_list_lock`. */
  readonly name: string;
  readonly lock: LockKind;
  /** Where the class was initialised, when known (DEFINE_MUTEX line, mutex_init call). */
  readonly stack?: Stack;
}

export interface TaskStartEvent {
  readonly kind: "task-start";
  readonly task: TaskId;
  /** The comm lockdep would print: `kswapd0`, an entry point's function name. */
  readonly name: string;
  /** pid to print; defaults to the task id. */
  readonly pid?: number;
}

/**
 * The task returns to user space (`how: "return-to-user"`) or exits; held locks are reported.
 * `abandon`: a path-exploring front-end no longer needs the task (its path merged with another);
 * it is freed without checks.
 */
export interface TaskEndEvent {
  readonly kind: "task-end";
  readonly task: TaskId;
  readonly how?: "exit" | "return-to-user" | "abandon";
  readonly stack?: Stack;
}

/**
 * A task that continues an already-checked path: it starts holding `held` in the given contexts,
 * without the acquisitions being checked again (they were, when the path first reached this
 * state). Used by path-exploring front-ends when a path forks or a memoized call returns.
 */
export interface TaskResumeEvent {
  readonly kind: "task-resume";
  readonly task: TaskId;
  readonly name: string;
  readonly pid?: number;
  readonly held: readonly ResumedLock[];
  readonly hardirq?: { readonly threaded: boolean };
  readonly softirq?: boolean;
  /** Disable depths, as `disable` events would have left them. */
  readonly disabled?: Partial<Readonly<Record<Toggle, number>>>;
}

export interface ResumedLock {
  readonly class: ClassId;
  readonly instance?: InstanceId;
  readonly mode: AcquireMode;
  readonly trylock?: boolean;
  readonly subclass?: number;
  readonly stack: Stack;
}

export interface AcquireEvent {
  readonly kind: "acquire";
  readonly task: TaskId;
  readonly class: ClassId;
  /** Lock object; defaults to one instance per class. */
  readonly instance?: InstanceId;
  readonly mode: AcquireMode;
  /** A successful trylock (a failed one is not an event). */
  readonly trylock?: boolean;
  /** Nesting annotation (`_nested(l, n)`), 0..7. */
  readonly subclass?: number;
  /** `nest_lock` argument: a held instance that makes same-class nesting legal. */
  readonly nestLock?: InstanceId;
  /**
   * Validate as if acquired and released at once, without holding (`might_lock`, lockdep's
   * `lock_sync`, a seqcount reader spinning on its writer).
   */
  readonly momentary?: boolean;
  /** Wound/wait mutex details (ww_mutex_lock with an acquire context). */
  readonly ww?: WwAcquire;
  readonly stack: Stack;
}

/**
 * A ww_mutex acquisition under an acquire context. `edeadlk`/`ealready` attempts are validated
 * like any acquisition but leave the lock not held; DEBUG_WW_MUTEX's protocol (back off after
 * -EDEADLK, take the contended lock first) is checked against them.
 */
export interface WwAcquire {
  readonly ctx: InstanceId;
  readonly slow?: boolean;
  readonly outcome?: "acquired" | "edeadlk" | "ealready";
}

/** `ww_acquire_init` / `ww_acquire_done` / `ww_acquire_fini` on context `ctx` of class `class`. */
export interface WwContextEvent {
  readonly kind: "ww-context";
  readonly task: TaskId;
  readonly op: "init" | "done" | "fini";
  readonly class: ClassId;
  readonly ctx: InstanceId;
  readonly stack: Stack;
}

export interface ReleaseEvent {
  readonly kind: "release";
  readonly task: TaskId;
  readonly class: ClassId;
  readonly instance?: InstanceId;
  readonly stack: Stack;
}

/** `downgrade_write`: a held write lock becomes a read lock. */
export interface DowngradeEvent {
  readonly kind: "downgrade";
  readonly task: TaskId;
  readonly class: ClassId;
  readonly instance?: InstanceId;
  readonly stack: Stack;
}

/** A lock object is initialised again or its memory freed (`mutex_init`, `kfree`). */
export interface InstanceResetEvent {
  readonly kind: "instance-reset";
  readonly task: TaskId;
  readonly class: ClassId;
  readonly instance?: InstanceId;
  readonly stack: Stack;
}

export interface IrqEnterEvent {
  readonly kind: "irq-enter";
  readonly task: TaskId;
  readonly context: IrqContext;
  /** A force-threaded hard interrupt handler (wait context CONFIG, not SPIN). */
  readonly threaded?: boolean;
  readonly stack?: Stack;
}

export interface IrqExitEvent {
  readonly kind: "irq-exit";
  readonly task: TaskId;
  readonly context: IrqContext;
  readonly stack?: Stack;
}

/** What a context switch turns off or on. */
export const TOGGLES = ["hardirqs", "softirqs", "preemption", "blocking"] as const;
export type Toggle = (typeof TOGGLES)[number];

/**
 * `local_irq_disable` (hardirqs), `local_bh_disable` (softirqs), `preempt_disable`,
 * `non_block_start` (blocking). Disables nest; enabling undoes one level.
 */
export interface DisableEvent {
  readonly kind: "disable";
  readonly task: TaskId;
  readonly what: Toggle;
  readonly stack: Stack;
}

export interface EnableEvent {
  readonly kind: "enable";
  readonly task: TaskId;
  readonly what: Toggle;
  readonly stack: Stack;
}

/**
 * A point where the task may sleep (`might_sleep`, a blocking allocation) or does sleep
 * (`schedule`, `msleep`). Checked against atomic context, irq context, RCU readers and
 * non-blocking sections.
 */
export interface SleepEvent {
  readonly kind: "sleep";
  readonly task: TaskId;
  /** `might`: a might_sleep check; `actual`: the task schedules. */
  readonly certainty: "might" | "actual";
  readonly stack: Stack;
}

/**
 * A dependency that no nesting of acquisitions shows: `to` is needed before `from` can happen.
 * Front-ends that follow waits (DEPT's idea) emit `event → X` for everything a signalling
 * context acquired, allocated or waited for before it signalled the event. Checked like a new
 * edge: a cycle through it is a circular dependency; irq usage is not involved.
 */
export interface DependencyEvent {
  readonly kind: "dependency";
  /** The task the dependency is attributed to in reports (the signaller). */
  readonly task: TaskId;
  readonly from: ClassId;
  readonly to: ClassId;
  /** Where `to` was acquired (the stack reports show for this link). */
  readonly stack: Stack;
  /** What makes it a dependency: where the event is signalled (shown after the acquisition). */
  readonly via?: Stack;
}

export type Event =
  | DefineClassEvent
  | DependencyEvent
  | TaskStartEvent
  | TaskEndEvent
  | TaskResumeEvent
  | AcquireEvent
  | ReleaseEvent
  | DowngradeEvent
  | InstanceResetEvent
  | IrqEnterEvent
  | IrqExitEvent
  | DisableEvent
  | EnableEvent
  | SleepEvent
  | WwContextEvent;

export type EventKind = Event["kind"];
