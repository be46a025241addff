/**
 * Sleeping where it is forbidden (__might_resched, schedule_debug): in an interrupt, with
 * interrupts or preemption disabled, holding a spinning lock, inside an RCU read-side section,
 * or inside a non_block_start/end section (the OOM reaper's MMU-notifier calls). The finding
 * names the first reason that applies.
 */
import type { Stack } from "../../ir/index.js";
import type { EngineCore } from "../core.js";
import { siteOf } from "../core.js";
import { FINDING_TITLES, type SleepReason } from "../finding.js";
import type { TaskState } from "../task-state.js";

// preempt_count layout (include/linux/preempt.h).
const HARDIRQ_OFFSET = 0x10000;
const SOFTIRQ_OFFSET = 0x100;
const SOFTIRQ_DISABLE_OFFSET = 0x200;

export interface SleepSite {
  readonly certainty: "might" | "actual";
  /**
   * A PREEMPT_RT spinlock_t/rwlock_t acquisition (rtlock_might_resched): other sleeping
   * spinlocks and the RCU read side they imply are allowed.
   */
  readonly rtSpinlock?: boolean;
}

export function checkSleep(core: EngineCore, task: TaskState, site: SleepSite, stack: Stack): void {
  const rt = core.config.preemptRt;
  let spinning = 0;
  let rcu = 0;
  const held = task.held;
  for (let i = 0; i < held.length; i++) {
    const t = core.classes.traits(held.cls[i]!);
    if (t.spins === "always" || (t.spins === "not-on-rt" && !(rt && site.rtSpinlock))) spinning++;
    if (t.rcuReader) rcu++;
  }
  // On PREEMPT_RT local_bh_disable() is a per-CPU lock, not a preempt-count section.
  const bh = rt ? 0 : task.bhOffDepth;
  const reason = firstReason(task, spinning, site.rtSpinlock ? 0 : rcu, bh);
  if (!reason) return;
  const preemptCount =
    task.hardirqDepth * HARDIRQ_OFFSET + task.softirqDepth * SOFTIRQ_OFFSET + bh * SOFTIRQ_DISABLE_OFFSET + task.preemptOffDepth + spinning;
  const title =
    site.certainty === "might"
      ? FINDING_TITLES["sleep-in-atomic"]
      : reason === "non-block"
        ? "BUG: scheduling in a non-blocking section"
        : "BUG: scheduling while atomic";
  core.log.report(`sleep:${reason}:${siteOf(stack)}`, () =>
    core.finding(
      task,
      title,
      {
        kind: "sleep-in-atomic",
        reason,
        certainty: site.certainty,
        inAtomic: preemptCount !== 0,
        irqsDisabled: !task.hardirqsEnabled,
        nonBlock: task.nonBlockDepth,
        preemptCount,
        rcuDepth: rcu,
      },
      stack,
      { locks: [...held.cls.subarray(0, held.length)].filter((cls) => core.classes.traits(cls).spins !== "never" || core.classes.traits(cls).rcuReader) },
    ),
  );
}

function firstReason(task: TaskState, spinning: number, rcu: number, bh: number): SleepReason | undefined {
  if (task.hardirqDepth > 0) return "hardirq";
  if (task.softirqDepth > 0) return "softirq";
  if (task.irqsOffDepth > 0) return "irqs-disabled";
  if (spinning > 0) return "spinlock";
  if (task.preemptOffDepth > 0 || bh > 0) return "preemption-disabled";
  if (rcu > 0) return "rcu";
  if (task.nonBlockDepth > 0) return "non-block";
  return undefined;
}
