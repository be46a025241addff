/**
 * `print_circular_bug` (kernel/locking/lockdep.c; lockdep-reports.md §1): the new lock, the held
 * lock, the existing path new → … → held printed from the held end (`-> #k`) down to the new
 * lock (`-> #0`, with the current stack), then the scenario and the held locks.
 */
import type { Finding } from "../../engine/finding.js";
import { backtrace, type DetailOf, type ReportLayout } from "./context.js";
import { className, heldLockLine, heldLocksBlock, stackLines, taskText } from "./lines.js";
import { pathBetween } from "./path.js";
import { scenarioLines } from "./scenario.js";

/**
 * A dependency through an event (DEPT-style; reclaimdep's own): after where the signaller took the
 * lock, where it then signals the event the other side waits for.
 */
function signalLines(d: Finding["chain"][number]): string[] {
  return d.via ? [`       ... then signals ${className(d.from)}:`, ...stackLines(d.via, 7)] : [];
}

/** `-> #N (class){..}-{..}:` and its trace at 7 spaces (`print_circular_bug_entry`). */
function chainSection(finding: Finding, detail: DetailOf<"circular-dependency">): string[] {
  const path = pathBetween(finding.chain, detail.lock.name, detail.holding.name);
  const lines: string[] = [];
  for (let index = path.length - 1; index >= 0; index--) {
    const dependency = path[index];
    if (dependency === undefined) continue;
    lines.push("", `-> #${index + 1} ${className(dependency.to)}:`, ...stackLines(dependency.stack, 7), ...signalLines(dependency));
  }
  const newLock = path[0]?.from ?? detail.lock;
  const closing = finding.chain.find((d) => d.to.name === detail.lock.name && d.from.name === detail.holding.name);
  lines.push("", `-> #0 ${className(newLock)}:`, ...stackLines(finding.stack, 7), ...(closing ? signalLines(closing) : []));
  return lines;
}

/** The opening both reports share: the lock being acquired and the one already held. */
function acquiringWhileHolding(finding: Finding, detail: DetailOf<"circular-dependency" | "recursive-locking">): string[] {
  return [`${taskText(finding.task)} is trying to acquire lock:`, heldLockLine(detail.lock), "", "but task is already holding lock:", heldLockLine(detail.holding), ""];
}

export const circularReport: ReportLayout<"circular-dependency"> = (finding, detail) => [
  ...acquiringWhileHolding(finding, detail),
  "which lock already depends on the new lock.",
  "",
  "",
  "the existing dependency chain (in reverse order) is:",
  ...chainSection(finding, detail),
  "",
  "other info that might help us debug this:",
  "",
  ...(finding.scenario === null ? [] : scenarioLines(finding.scenario)),
  ...heldLocksBlock(finding.task, finding.heldLocks),
  "",
  ...backtrace(finding.stack),
];

/**
 * `print_deadlock_bug` (lockdep-reports.md §2): the same class taken twice. The scenario has one
 * CPU, and lockdep always adds the nesting hint after it.
 */
export const recursiveReport: ReportLayout<"recursive-locking"> = (finding, detail) => [
  ...acquiringWhileHolding(finding, detail),
  "other info that might help us debug this:",
  ...(finding.scenario === null ? [] : scenarioLines(finding.scenario)),
  " May be due to missing lock nesting notation",
  "",
  ...heldLocksBlock(finding.task, finding.heldLocks),
  "",
  ...backtrace(finding.stack),
];
