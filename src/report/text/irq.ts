/**
 * The three irq-usage reports of kernel/locking/lockdep.c: `print_usage_bug` (one class, two
 * incompatible usage bits; lockdep-reports.md §3), `print_irq_inversion_bug` (a class changed
 * state and the graph already links it to one with the opposite usage; §4) and
 * `print_bad_irq_dependency` (a new dependency links an irq-safe class to an irq-unsafe one; §5).
 */
import type { Frame } from "../../ir/index.js";
import type { Finding } from "../../engine/finding.js";
import { printable } from "../printable.js";
import { backtrace, type ReportLayout } from "./context.js";
import { classLine, heldLockLine, heldLocksBlock, irqTag, lockLine, stackLines, taskText } from "./lines.js";
import { backwardEntries, classBlocks, forwardEntries, pathBetween, safeSideEntries } from "./path.js";
import { scenarioLines } from "./scenario.js";

function scenarioOf(finding: Finding): string[] {
  return finding.scenario === null ? [] : scenarioLines(finding.scenario);
}

export const inconsistentReport: ReportLayout<"inconsistent-lock-state"> = (finding, detail) => [
  `inconsistent {${printable(detail.old)}} -> {${printable(detail.new)}} usage.`,
  `${taskText(finding.task)} ${irqTag(finding.task)} takes:`,
  heldLockLine(detail.lock),
  `{${printable(detail.old)}} state was registered at:`,
  ...stackLines(detail.oldStack, 2),
  // lockdep prints the irq-event block (`irq event stamp: ...`) here; findings carry no stamps.
  "",
  "other info that might help us debug this:",
  ...scenarioOf(finding),
  ...heldLocksBlock(finding.task, finding.heldLocks),
  "",
  ...backtrace(finding.stack),
];

/**
 * Where the lock whose state changed was acquired: its held-lock entry when it is held (the
 * newest one of that class), else the current acquisition.
 */
function changedLockSite(finding: Finding, name: string): Frame | undefined {
  const held = finding.heldLocks.filter((lock) => lock.name === name).at(-1);
  return held?.stack[0] ?? finding.stack[0];
}

export const irqInversionReport: ReportLayout<"irq-lock-inversion"> = (finding, detail) => {
  const state = printable(detail.state);
  // Forward search (`check_usage_forwards`) when THIS became safe; backward when it became unsafe.
  const forwards = detail.otherIs === "unsafe";
  const path = forwards
    ? pathBetween(finding.chain, detail.lock.name, detail.other.name)
    : pathBetween(finding.chain, detail.other.name, detail.lock.name);
  const entries = forwards
    ? forwardEntries(path, detail.lock, finding.stack)
    : backwardEntries(path, detail.lock, finding.stack);
  return [
    `${taskText(finding.task)} just changed the state of lock:`,
    lockLine(detail.lock, changedLockSite(finding, detail.lock.name)),
    forwards
      ? `but this lock took another, ${state}-unsafe lock in the past:`
      : `but this lock was taken by another, ${state}-safe lock in the past:`,
    classLine(detail.other),
    "",
    "",
    "and interrupts could create inverse lock ordering between them.",
    "",
    "",
    "other info that might help us debug this:",
    ...scenarioOf(finding),
    ...heldLocksBlock(finding.task, finding.heldLocks),
    "",
    "the shortest dependencies between 2nd lock and 1st lock:",
    ...classBlocks(entries),
    "",
    ...backtrace(finding.stack),
  ];
};

export const irqSafeUnsafeReport: ReportLayout<"irq-safe-unsafe-order"> = (finding, detail) => {
  const state = printable(detail.state);
  // Finding.chain runs safe → … → prev, prev → next, next → … → unsafe.
  const bridge = finding.chain.findIndex((d) => d.from.name === detail.prev.name && d.to.name === detail.next.name);
  const safeSide = bridge < 0 ? [] : pathBetween(finding.chain.slice(0, bridge), detail.safe.name, detail.prev.name);
  const unsafeSide = bridge < 0 ? [] : pathBetween(finding.chain.slice(bridge + 1), detail.next.name, detail.unsafe.name);
  return [
    `${taskText(finding.task)} ${irqTag(finding.task)} is trying to acquire:`,
    heldLockLine(detail.next),
    "",
    "and this task is already holding:",
    heldLockLine(detail.prev),
    "which would create a new lock dependency:",
    `${classLine(detail.prev)} ->${classLine(detail.next)}`,
    "",
    `but this new dependency connects a ${state}-irq-safe lock:`,
    classLine(detail.safe),
    "",
    `... which became ${state}-irq-safe at:`,
    ...stackLines(detail.safeStack, 2),
    "",
    `to a ${state}-irq-unsafe lock:`,
    classLine(detail.unsafe),
    "",
    `... which became ${state}-irq-unsafe at:`,
    "...",
    ...stackLines(detail.unsafeStack, 2),
    "",
    "other info that might help us debug this:",
    "",
    ...scenarioOf(finding),
    ...heldLocksBlock(finding.task, finding.heldLocks),
    "",
    `the dependencies between ${state}-irq-safe lock and the holding lock:`,
    ...classBlocks(safeSideEntries(safeSide, detail.safe)),
    "",
    "the dependencies between the lock to be acquired",
    ` and ${state}-irq-unsafe lock:`,
    ...classBlocks(forwardEntries(unsafeSide, detail.next, finding.stack)),
    "",
    ...backtrace(finding.stack),
  ];
};
