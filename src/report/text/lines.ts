/**
 * The building blocks every lockdep report shares (lockdep-reports.md §0, mirroring
 * `print_lock`, `print_lock_name`, `lockdep_print_held_locks` and `stack_trace_print` in
 * kernel/locking/lockdep.c and kernel/stacktrace.c). Each returns printable text: every name
 * goes through {@link printable}.
 */
import type { Frame, Stack } from "../../ir/index.js";
import type { ClassInfo, HeldLockInfo, TaskInfo } from "../../engine/finding.js";
import { printable } from "../printable.js";

/**
 * One frame. lockdep prints `symbol+off/len`; our frames are scenario or trace functions with a
 * source place, so they print as `function (file:line)`, or just the function without a file.
 */
export function frameText(frame: Frame): string {
  const name = printable(frame.function);
  if (frame.file === undefined) return name;
  const place = frame.line === undefined ? printable(frame.file) : `${printable(frame.file)}:${frame.line}`;
  return `${name} (${place})`;
}

/**
 * A saved trace, one frame per line. `stack_trace_print(..., spaces)` indents by `spaces + 1`:
 * the chain section passes 6 (7 spaces), "state was registered at" passes 1 (2 spaces), the
 * lock-class blocks pass 2 (3 spaces).
 */
export function stackLines(stack: Stack, indent: number): string[] {
  const pad = " ".repeat(indent);
  return stack.map((frame) => pad + frameText(frame));
}

/** `(name){usage}-{outer:inner}`: `print_lock_name` without its leading space. */
export function className(info: ClassInfo): string {
  return `(${printable(info.name)}){${printable(info.usage)}}-{${info.wait.outer}:${info.wait.inner}}`;
}

/** ` (name){usage}-{outer:inner}`: a class printed on its own line (leading space, as lockdep). */
export function classLine(info: ClassInfo): string {
  return ` ${className(info)}`;
}

/**
 * `print_lock`: `<instance> (name){usage}-{o:i}, at: <acquire ip>`. We have no instance
 * address, so it is left out (lockdep before 5.x printed none either); the acquire site is the
 * innermost frame of the acquisition's stack, and `, at:` is left out when there is none.
 */
export function lockLine(lock: ClassInfo, at: Frame | undefined): string {
  return at === undefined ? className(lock) : `${className(lock)}, at: ${frameText(at)}`;
}

export function heldLockLine(lock: HeldLockInfo): string {
  return lockLine(lock, lock.stack[0]);
}

/** `comm/pid`, as every report names the task. */
export function taskText(task: TaskInfo): string {
  return `${printable(task.name)}/${task.pid}`;
}

/**
 * lockdep's irq-state tag `[HC<in hardirq>[<hardirq count>]:SC<in softirq>[<softirq count>]:
 * HE<hardirqs on>:SE<softirqs on>]`: the first number of each pair is 0/1, the bracketed one the
 * nesting count (`hardirq_count() >> HARDIRQ_SHIFT`).
 */
export function irqTag(task: TaskInfo): string {
  const { hardirq, softirq, hardirqsEnabled, softirqsEnabled } = task.irq;
  const bit = (on: boolean): number => (on ? 1 : 0);
  return `[HC${bit(hardirq > 0)}[${hardirq}]:SC${bit(softirq > 0)}[${softirq}]:HE${bit(hardirqsEnabled)}:SE${bit(softirqsEnabled)}]`;
}

/** `lockdep_print_held_locks`: the count line, then ` #i: <lock line>` per entry. */
export function heldLocksBlock(task: TaskInfo, held: readonly HeldLockInfo[]): string[] {
  if (held.length === 0) return [`no locks held by ${taskText(task)}.`];
  const header = `${held.length} lock${held.length === 1 ? "" : "s"} held by ${taskText(task)}:`;
  return [header, ...held.map((lock, index) => ` #${index}: ${heldLockLine(lock)}`)];
}

/**
 * What `dump_stack()` prints after `stack backtrace:`, minus the `CPU:`/`Hardware name:` lines
 * (there is no CPU or machine): the x86 `Call Trace:` frame list with its `<TASK>` markers and
 * one-space indent.
 */
export function callTrace(stack: Stack): string[] {
  return ["Call Trace:", " <TASK>", ...stackLines(stack, 1), " </TASK>"];
}
