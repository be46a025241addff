/**
 * Reports about the held-lock stack itself (kernel/locking/lockdep.c; lockdep-reports.md §6–§9):
 * `print_unlock_imbalance_bug`, `print_lock_invalid_wait_context`,
 * `print_lock_nested_lock_not_held`, `print_freed_lock_bug`, `print_held_locks_bug` (task exit)
 * and `lockdep_sys_exit` (return to user space).
 */
import { printable } from "../printable.js";
import { backtrace, type ReportLayout } from "./context.js";
import { frameText, heldLockLine, heldLocksBlock, taskText } from "./lines.js";

/**
 * The lock is named by its map name only. lockdep prints the release ip as `[<addr>] sym`
 * (`print_ip_sym`); we print the innermost frame, or `?` when the release has no stack.
 */
export const badUnlockReport: ReportLayout<"bad-unlock-balance"> = (finding, detail) => {
  const at = finding.stack[0];
  return [
    `${taskText(finding.task)} is trying to release lock (${printable(detail.lock)}) at:`,
    at === undefined ? "?" : frameText(at),
    "but there are no more locks to release!",
    "",
    "other info that might help us debug this:",
    ...heldLocksBlock(finding.task, finding.heldLocks),
    "",
    ...backtrace(finding.stack),
  ];
};

/** The one report with no empty lines between its sections. */
export const invalidWaitContextReport: ReportLayout<"invalid-wait-context"> = (finding, detail) => [
  `${taskText(finding.task)} is trying to lock:`,
  heldLockLine(detail.lock),
  "other info that might help us debug this:",
  // The task's base wait context (`task_wait_context`), not the minimum over the held locks.
  `context-{${detail.context}:${detail.context}}`,
  ...heldLocksBlock(finding.task, finding.heldLocks),
  ...backtrace(finding.stack),
];

/** lockdep dumps the stack twice here (once before the held locks, once after); so do we. */
export const nestedLockReport: ReportLayout<"nested-lock-not-held"> = (finding, detail) => [
  `${taskText(finding.task)} is trying to lock:`,
  heldLockLine(detail.lock),
  "",
  "but this task is not holding:",
  printable(detail.nestLock),
  "",
  ...backtrace(finding.stack),
  "",
  "other info that might help us debug this:",
  ...heldLocksBlock(finding.task, finding.heldLocks),
  "",
  ...backtrace(finding.stack),
];

/**
 * lockdep names the freed range, `is freeing memory <from>-<to>, with a lock still held there!`;
 * we have no addresses, so the range is left out of an otherwise identical line.
 */
export const heldLockFreedReport: ReportLayout<"held-lock-freed"> = (finding, detail) => [
  `${taskText(finding.task)} is freeing memory, with a lock still held there!`,
  heldLockLine(detail.lock),
  ...heldLocksBlock(finding.task, finding.heldLocks),
  "",
  ...backtrace(finding.stack),
];

/** Exit names the task in the title; return to user space says it in the body and dumps no stack. */
export const heldAtExitReport: ReportLayout<"held-lock-at-exit"> = (finding, detail) =>
  detail.how === "exit"
    ? [...heldLocksBlock(finding.task, finding.heldLocks), "", ...backtrace(finding.stack)]
    : [`${taskText(finding.task)} is leaving the kernel with locks still held!`, ...heldLocksBlock(finding.task, finding.heldLocks)];

/**
 * The kernel has no banner report for ww_mutex misuse: DEBUG_WW_MUTEX checks are
 * `DEBUG_LOCKS_WARN_ON(...)` asserts that print a generic WARNING. This layout is reclaimdep's
 * own, built from the same parts as the lockdep reports so it reads like one.
 */
export const wwMisuseReport: ReportLayout<"ww-api-misuse"> = (finding, detail) => {
  const at = finding.stack[0];
  return [
    `${taskText(finding.task)}: ${printable(detail.message)}`,
    ...(detail.lock === null ? [] : [`lock: ${printable(detail.lock)}`]),
    ...(at === undefined ? [] : [`at: ${frameText(at)}`]),
    "",
    "other info that might help us debug this:",
    ...heldLocksBlock(finding.task, finding.heldLocks),
    "",
    ...backtrace(finding.stack),
  ];
};
