/**
 * Reports about the context a task was in (lockdep-reports.md §7, §10, §11): the skeleton
 * rebuilds that context — the held locks in order, the interrupt handler the preempt count
 * shows, disabled interrupts / bottom halves / preemption, an RCU read side, a non-blocking
 * section — and then does what the report caught: sleeps, or takes the lock.
 */
import type { SplatReport } from "./report.js";
import type { EntryKind, ScenarioBuilder, Take } from "./scenario-builder.js";
import type { LockFamily } from "./scenario-lock-kinds.js";

// preempt_count layout (include/linux/preempt.h); bits above NMI are flags (PREEMPT_NEED_RESCHED).
const PREEMPT_MASK = 0xff;
const SOFTIRQ_OFFSET = 0x100;
const SOFTIRQ_MASK = 0xff00;
const HARDIRQ_MASK = 0xf0000;

/** Wait types (include/linux/lockdep_types.h, PROVE_RAW_LOCK_NESTING numbering): smaller is stricter. */
const INNER_WAIT: Readonly<Record<LockFamily, number | null>> = { raw_spinlock: 2, spinlock: 3, rwlock: 3, rcu: 3, mutex: 4, rwsem: 4, map: null };

/** The entry point a preempt count puts the task in: hard irq, serving a softirq, or a task. */
function entryFor(preemptCount: number | null): EntryKind {
  if (preemptCount === null) return "TASK";
  if ((preemptCount & HARDIRQ_MASK) !== 0) return "IRQ_HANDLER";
  return (preemptCount & SOFTIRQ_MASK & SOFTIRQ_OFFSET) !== 0 ? "SOFTIRQ_HANDLER" : "TASK";
}

/** Held locks the report lists, or null (and a partial note) when the list was cut short. */
function heldOf(b: ScenarioBuilder, report: SplatReport): Take[] {
  const held = report.heldLocks;
  if (held && held.count > held.locks.length) b.partial(`${held.count} locks were held but only ${held.locks.length} are listed`);
  return (held?.locks ?? []).map((l) => ({ name: l.name }));
}

export function writeSleep(b: ScenarioBuilder, report: SplatReport): void {
  const held = heldOf(b, report);
  const spinning = held.filter((h) => b.locks.spins(h.name));
  const scheduling = report.kind === "scheduling-while-atomic" || (report.nonBlock ?? 0) > 0;
  const pc = report.preemptCount;
  const entry = entryFor(pc);
  const body: string[] = [];
  const close: string[] = [];
  const bracket = (on: string, off: string): void => {
    body.push(on);
    close.unshift(off);
  };
  if (pc !== null && (pc & SOFTIRQ_MASK) >= 2 * SOFTIRQ_OFFSET) bracket("local_bh_disable();", "local_bh_enable();");
  if (report.irqsDisabled && entry !== "IRQ_HANDLER") bracket("local_irq_disable();", "local_irq_enable();");
  if ((report.rcuNestDepth ?? 0) > 0 && !held.some((h) => h.name.startsWith("rcu_read_lock"))) bracket("rcu_read_lock();", "rcu_read_unlock();");
  // The scheduler counts itself once in `scheduling while atomic`; spinning locks count once each.
  const preempt = pc !== null ? (pc & PREEMPT_MASK) - (report.kind === "scheduling-while-atomic" ? 1 : 0) : report.inAtomic && !report.irqsDisabled ? 1 : 0;
  if (preempt > spinning.length && entry === "TASK") bracket("preempt_disable();", "preempt_enable();");
  if ((report.nonBlock ?? 0) > 0) bracket("non_block_start();", "non_block_end();");
  const atomic = body.length > 0 || spinning.length > 0 || entry !== "TASK";
  body.push(scheduling ? "schedule();" : "might_sleep();", ...close);
  b.path(report.title, held, { entry, body });
  if (!atomic) return b.partial("the report is cut before it shows the atomic context (preempt count, irqs, held locks)");
  const rcu = body.includes("rcu_read_lock();") ? ["rcu_read_lock"] : [];
  b.expect("sleep-in-atomic", [...spinning.map((h) => h.name), ...rcu]);
}

export function writeWaitContext(b: ScenarioBuilder, report: SplatReport): void {
  const lock = report.lock?.name;
  const held = heldOf(b, report);
  if (!lock) {
    b.partial("the report does not show the lock being taken");
    return;
  }
  // context-{c:c}: 5 a task, 3 a softirq (or threaded irq), 2 a hard irq (with raw nesting).
  // A held lock that may not be taken in that context shows the context came from something the
  // report does not list (a lock cut off the list): then the locks are taken by a task.
  const ctx = report.waitContext?.inner ?? null;
  const takenThere = held.every((h) => (INNER_WAIT[b.locks.kindOf(h.name).family] ?? 0) <= (ctx ?? Infinity));
  const entry: EntryKind = !takenThere ? "TASK" : ctx === 2 ? "IRQ_HANDLER" : ctx === 3 ? "SOFTIRQ_HANDLER" : "TASK";
  b.path(`${lock} taken under ${held.map((h) => h.name).join(", ") || "an atomic context"}`, [...held, { name: lock }], { entry });
  if (b.isPartial) return;
  // The engine names the held lock with the strictest wait type (lockdep's print_lock_invalid_wait_context).
  let culprit: string | null = null;
  let best = Infinity;
  for (const h of held) {
    const w = INNER_WAIT[b.locks.kindOf(h.name).family];
    if (w !== null && w < best) [culprit, best] = [h.name, w];
  }
  b.expect("invalid-wait-context", culprit ? [lock, culprit] : [lock]);
}
