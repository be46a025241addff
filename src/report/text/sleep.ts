/**
 * The scheduler's atomic-sleep reports (lockdep-reports.md §10–§11), not lockdep reports: no
 * banner. `might` certainty is `__might_resched` (kernel/sched/core.c) — `BUG: sleeping function
 * called from invalid context at <file>:<line>` and its state lines; `actual` is
 * `__schedule_bug` (`BUG: scheduling while atomic`) or, when only a `non_block_start()` section
 * forbids sleeping, `schedule_debug`'s `BUG: scheduling in a non-blocking section`. The headline
 * is built from the detail (it carries the place), not taken from `Finding.title`.
 */
import type { Finding, SleepReason } from "../../engine/finding.js";
import { printable } from "../printable.js";
import type { DetailOf, ReportLayout } from "./context.js";
import { callTrace, heldLocksBlock, taskText } from "./lines.js";

/** Why sleeping is forbidden, in plain words: the line the kernel leaves the reader to infer. */
const REASON_TEXT = {
  hardirq: "called from hardirq context (an interrupt handler)",
  softirq: "called from softirq context (bottom half, timer or tasklet)",
  "irqs-disabled": "interrupts are disabled (local_irq_disable, spin_lock_irq*)",
  spinlock: "a spinning lock is held, so preemption is disabled",
  "preemption-disabled": "preemption is disabled (preempt_disable, get_cpu, a per-CPU section)",
  rcu: "inside an RCU read-side critical section (rcu_read_lock)",
  "non-block": "inside a non_block_start()/non_block_end() section (e.g. an MMU notifier called by the OOM reaper)",
} as const satisfies Record<SleepReason, string>;

const bit = (on: boolean): number => (on ? 1 : 0);

/** `<file>:<line>` of the innermost frame (the `might_sleep()` site), or its function. */
function sitePlace(finding: Finding): string {
  const site = finding.stack[0];
  if (site === undefined) return "?";
  if (site.file === undefined) return printable(site.function);
  return site.line === undefined ? printable(site.file) : `${printable(site.file)}:${site.line}`;
}

function mightSleepLines(finding: Finding, detail: DetailOf<"sleep-in-atomic">): string[] {
  const lines = [
    `BUG: sleeping function called from invalid context at ${sitePlace(finding)}`,
    `in_atomic(): ${bit(detail.inAtomic)}, irqs_disabled(): ${bit(detail.irqsDisabled)}, non_block: ${detail.nonBlock}, ` +
      `pid: ${finding.task.pid}, name: ${printable(finding.task.name)}`,
    `preempt_count: ${(detail.preemptCount >>> 0).toString(16)}, expected: 0`,
  ];
  // CONFIG_PREEMPT_RCU kernels print this line always; we print it when there is a reader.
  if (detail.rcuDepth > 0) lines.push(`RCU nest depth: ${detail.rcuDepth}, expected: 0`);
  return lines;
}

export const sleepReport: ReportLayout<"sleep-in-atomic"> = (finding, detail) => {
  const reason = `reason: ${REASON_TEXT[detail.reason]}`;
  if (detail.certainty === "might") {
    return [...mightSleepLines(finding, detail), reason, ...heldLocksBlock(finding.task, finding.heldLocks), ...callTrace(finding.stack)];
  }
  if (detail.reason === "non-block") {
    return [`BUG: scheduling in a non-blocking section: ${taskText(finding.task)}/${detail.nonBlock}`, reason, ...callTrace(finding.stack)];
  }
  const count = (detail.preemptCount >>> 0).toString(16).padStart(8, "0");
  return [
    `BUG: scheduling while atomic: ${taskText(finding.task)}/0x${count}`,
    reason,
    ...heldLocksBlock(finding.task, finding.heldLocks),
    ...callTrace(finding.stack),
  ];
};
