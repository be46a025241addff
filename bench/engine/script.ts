/**
 * One task's program: a loop of top-level operations, each a tree of nested acquisitions in
 * rank order (see classes.ts), with trylocks, read acquisitions, irq/bh-off sections around
 * irq-safe locks, might_sleep points under sleeping locks only, and on some tasks hardirq and
 * softirq segments. A script ends with nothing held and everything re-enabled, so replaying it
 * again continues a valid program.
 */
import type { AcquireMode, Event, IrqContext, LockKind, TaskId, Toggle } from "../../src/ir/index.js";
import { IRQ_ROLES, MAY_NEST, ROLES, TOGGLE_AROUND } from "./classes.js";
import type { BenchClass, ClassCatalogue, Role } from "./classes.js";
import type { Prng } from "./prng.js";
import { TaskEvents } from "./task-events.js";

/** Shape of the generated code; chosen to look like driver code, not tuned for the engine. */
const SHAPE = {
  stayInSubsystem: 0.85,
  startSleeping: 0.6,
  sameRole: 0.7,
  childChanceAtTop: 0.6,
  childChanceDropPerLevel: 0.08,
  deepOperation: 0.05,
  trylock: 0.03,
  read: 0.5,
  irqsOffAroundSpinlock: 0.15,
  mightSleep: 0.05,
  softirqRatherThanHardirq: 0.5,
} as const;

const TRYLOCK_KINDS: ReadonlySet<LockKind> = new Set(["mutex", "rwsem", "spinlock", "raw_spinlock"]);
const READ_KINDS: ReadonlySet<LockKind> = new Set(["rwsem", "rwlock"]);

/** ABBA pairs for the "with findings" variant: pairs of classes taken in both orders. */
export interface AbbaPlan {
  readonly pairs: readonly (readonly [BenchClass, BenchClass])[];
  /** Share of the script's events spent on ABBA operations (0.05 = 5 %). */
  readonly share: number;
}

export interface TaskScriptPlan {
  readonly task: TaskId;
  readonly targetEvents: number;
  readonly maxDepth: number;
  readonly homeSubsystems: readonly number[];
  /** Chance that an interrupt arrives at a point where it could; 0 on tasks that take none. */
  readonly irqChance: number;
  readonly abba?: AbbaPlan;
}

export interface ScriptProfile {
  events: number;
  acquisitions: number;
  trylocks: number;
  reads: number;
  toggles: number;
  hardirqSegments: number;
  softirqSegments: number;
  sleeps: number;
  maxDepth: number;
  abbaEvents: number;
}

export const emptyProfile = (): ScriptProfile => ({
  events: 0, acquisitions: 0, trylocks: 0, reads: 0, toggles: 0, hardirqSegments: 0,
  softirqSegments: 0, sleeps: 0, maxDepth: 0, abbaEvents: 0,
});

type Context = "process" | IrqContext;

class ScriptWriter {
  readonly events: Event[] = [];
  readonly profile = emptyProfile();
  private readonly held: BenchClass[] = [];
  private context: Context = "process";
  private hardirqsOff = 0;
  private softirqsOff = 0;
  private readonly out: TaskEvents;

  constructor(
    private readonly plan: TaskScriptPlan,
    private readonly classes: ClassCatalogue,
    private readonly prng: Prng,
  ) {
    this.out = new TaskEvents(plan.task);
  }

  write(): void {
    const { abba, homeSubsystems } = this.plan;
    while (this.events.length < this.plan.targetEvents) {
      if (abba !== undefined && this.profile.abbaEvents < abba.share * this.events.length) {
        this.abbaOperation(abba);
        continue;
      }
      const home = homeSubsystems[this.prng.below(homeSubsystems.length)] ?? 0;
      this.maybeSleep();
      this.maybeInterrupt(home);
      this.nest(home, this.prng.chance(SHAPE.deepOperation) ? this.plan.maxDepth : 0);
    }
    this.profile.events = this.events.length;
  }

  /** Acquires one class, runs children, releases it; `mustReach` forces a chain that deep. */
  private nest(home: number, mustReach: number): void {
    const chosen = this.pickClass(home);
    if (chosen === undefined) return;
    const toggle = this.toggleFor(chosen);
    if (toggle !== undefined) this.emitToggle(this.out.disable(toggle, chosen), toggle, +1);
    const mode: AcquireMode = READ_KINDS.has(chosen.lock) && this.prng.chance(SHAPE.read) ? "read" : "write";
    const trylock = TRYLOCK_KINDS.has(chosen.lock) && this.prng.chance(SHAPE.trylock);
    this.emit(this.out.acquire(chosen, mode, trylock));
    this.profile.acquisitions++;
    if (mode === "read") this.profile.reads++;
    if (trylock) this.profile.trylocks++;
    this.held.push(chosen);
    this.profile.maxDepth = Math.max(this.profile.maxDepth, this.held.length);
    // Only the first child carries the forced depth on, so a deep operation is one deep chain.
    let forced = this.held.length < mustReach;
    while (this.held.length < this.plan.maxDepth && (forced || this.wantsChild())) {
      this.maybeSleep();
      this.maybeInterrupt(chosen.subsystem);
      const before = this.events.length;
      this.nest(chosen.subsystem, forced ? mustReach : 0);
      forced = false;
      if (this.events.length === before) break; // nothing can nest here any more
    }
    this.held.pop();
    this.emit(this.out.release(chosen));
    if (toggle !== undefined) this.emitToggle(this.out.enable(toggle, chosen), toggle, -1);
  }

  private wantsChild(): boolean {
    return this.prng.chance(SHAPE.childChanceAtTop - SHAPE.childChanceDropPerLevel * this.held.length);
  }

  /**
   * A class of higher rank than everything held, of a role allowed here, near `home`. Most
   * nesting stays within the role of the lock above (a mutex under a mutex, a spinlock under a
   * spinlock), as in real code; process-context operations start with a sleeping or plain lock.
   */
  private pickClass(home: number): BenchClass | undefined {
    const top = this.held.at(-1);
    const nestable: readonly Role[] = top === undefined ? ROLES : MAY_NEST[top.role];
    const inContext: readonly Role[] = this.context === "process" ? ROLES : IRQ_ROLES[this.context];
    const allowed = (role: Role): boolean => nestable.includes(role) && inContext.includes(role);
    const preferred: Role | undefined =
      top === undefined
        ? this.context === "process"
          ? this.prng.chance(SHAPE.startSleeping) ? "sleeping" : "spinning"
          : undefined
        : this.prng.chance(SHAPE.sameRole) ? top.role : undefined;
    const above = top?.rank ?? -1;
    const subsystems = this.classes.bySubsystem;
    const first = this.prng.chance(SHAPE.stayInSubsystem) ? home : this.prng.below(subsystems.length);
    for (let attempt = 0; attempt < 4; attempt++) {
      const subsystem = attempt === 0 ? first : this.prng.below(subsystems.length);
      const open = (subsystems[subsystem] ?? []).filter((c) => c.rank > above && allowed(c.role));
      const same = open.filter((c) => c.role === preferred);
      const candidates = same.length > 0 ? same : open;
      if (candidates.length === 0) continue;
      // Skewed towards the outermost candidates, so chains leave room to nest deeper.
      const r = this.prng.next();
      return candidates[Math.floor(candidates.length * r * r)];
    }
    return undefined;
  }

  /** irq-safe classes always get their toggle; some plain spinlocks get spin_lock_irq too. */
  private toggleFor(c: BenchClass): Toggle | undefined {
    if (c.role === "hardirq-safe" || c.role === "softirq-safe") return TOGGLE_AROUND[c.role];
    if (c.role === "spinning" && this.context === "process" && this.prng.chance(SHAPE.irqsOffAroundSpinlock)) {
      return "hardirqs";
    }
    return undefined;
  }

  /** might_sleep only where it is legal: process context, irqs on, nothing but sleeping locks. */
  private maybeSleep(): void {
    const top = this.held.at(-1);
    if (this.context !== "process" || this.hardirqsOff > 0 || this.softirqsOff > 0) return;
    if ((top !== undefined && top.role !== "sleeping") || !this.prng.chance(SHAPE.mightSleep)) return;
    this.emit(this.out.mightSleep(top?.acquireStack ?? this.classes.bySubsystem[0]![0]!.acquireStack));
    this.profile.sleeps++;
  }

  /** An interrupt arrives only in process context with it enabled and a level of nesting free. */
  private maybeInterrupt(home: number): void {
    if (this.context !== "process" || this.hardirqsOff > 0 || this.held.length >= this.plan.maxDepth) return;
    if (!this.prng.chance(this.plan.irqChance)) return;
    const soft = this.softirqsOff === 0 && this.prng.chance(SHAPE.softirqRatherThanHardirq);
    const context: IrqContext = soft ? "softirq" : "hardirq";
    this.emit(this.out.irqEnter(context));
    this.context = context;
    const handlerLocks = this.prng.between(1, 2);
    for (let i = 0; i < handlerLocks; i++) this.nest(home, 0);
    this.context = "process";
    this.emit(this.out.irqExit(context));
    if (soft) this.profile.softirqSegments++;
    else this.profile.hardirqSegments++;
  }

  /** `lock(a); lock(b)` in one order or the other, at top level: the "bad" variant's cycle. */
  private abbaOperation(abba: AbbaPlan): void {
    const pair = abba.pairs[this.prng.below(abba.pairs.length)];
    if (pair === undefined) return;
    const [outer, inner] = this.prng.chance(0.5) ? pair : ([pair[1], pair[0]] as const);
    const before = this.events.length;
    this.emit(this.out.acquire(outer, "write", false));
    this.emit(this.out.acquire(inner, "write", false));
    this.emit(this.out.release(inner));
    this.emit(this.out.release(outer));
    this.profile.acquisitions += 2;
    this.profile.maxDepth = Math.max(this.profile.maxDepth, 2);
    this.profile.abbaEvents += this.events.length - before;
  }

  private emitToggle(event: Event, what: Toggle, delta: 1 | -1): void {
    this.emit(event);
    this.profile.toggles++;
    if (what === "hardirqs") this.hardirqsOff += delta;
    if (what === "softirqs") this.softirqsOff += delta;
  }

  private emit(event: Event): void {
    this.events.push(event);
  }
}

export function writeTaskScript(
  plan: TaskScriptPlan,
  classes: ClassCatalogue,
  prng: Prng,
): { readonly events: readonly Event[]; readonly profile: ScriptProfile } {
  const writer = new ScriptWriter(plan, classes, prng);
  writer.write();
  return { events: writer.events, profile: writer.profile };
}
