/**
 * Report-body readers for the lines that differ per kind (lockdep-reports.md §§1–7): the task
 * line (`<comm>/<pid> [ctx] is trying to acquire lock:` and its siblings), the lock after a
 * header line, the `-> #N` chain with its traces, the irq-inversion partner lock and the
 * safe/unsafe pair. Each returns data or null; none throws.
 */
import { readFrames } from "./frames.js";
import { readLockLine } from "./locks.js";
import { findLine, type ReportLines } from "./sections.js";
import type { ChainLink, Frame, IrqContextTag, IrqOtherLock, LockRef, SafeUnsafePair, TaskRef } from "./report.js";

// `<comm>/<pid> [HC0[0]:SC1[1]:HE1:SE0] <verb>` — comm may contain `/` (`kworker/u8:2`).
const TASK_LINE =
  /^(.+?)\/(\d+)(?: \[HC(\d)\[(\d+)\]:SC(\d)\[(\d+)\]:HE(\d):SE(\d)\])? (is trying to acquire lock:|is trying to acquire:|takes:|just changed the state of lock:|is trying to release lock \((.*)\) at:|is trying to lock:|is freeing memory (\S+)-(\S+), with a lock still held there!|is leaving the kernel with locks still held!)$/;

export interface TaskLine {
  readonly index: number;
  readonly task: TaskRef;
  readonly irq: IrqContextTag | null;
  readonly releasedName: string | null;
  readonly freed: { start: string; end: string } | null;
}

export function readTaskLine(lines: ReportLines): TaskLine | null {
  const found = findLine(lines, TASK_LINE);
  if (!found) return null;
  const m = found.match;
  const irq =
    m[3] === undefined
      ? null
      : {
          hardirq: Number(m[3]),
          hardirqCount: Number(m[4]),
          softirq: Number(m[5]),
          softirqCount: Number(m[6]),
          hardirqsEnabled: m[7] === "1",
          softirqsEnabled: m[8] === "1",
        };
  return {
    index: found.index,
    task: { name: m[1] ?? "", pid: Number(m[2]), cpu: null },
    irq,
    releasedName: m[10] ?? null,
    freed: m[11] !== undefined && m[12] !== undefined ? { start: m[11], end: m[12] } : null,
  };
}

/** The lock line right after line `index` (skipping blank continuation lines). */
export function lockAfter(lines: ReportLines, index: number): LockRef | null {
  let i = index + 1;
  while (i < lines.text.length && lines.text[i] === "") i++;
  return readLockLine(lines.text, i).lock;
}

export function lockAfterLine(lines: ReportLines, re: RegExp): LockRef | null {
  const found = findLine(lines, re);
  return found ? lockAfter(lines, found.index) : null;
}

export function framesAfterLine(lines: ReportLines, re: RegExp): Frame[] {
  const found = findLine(lines, re);
  if (!found) return [];
  let i = found.index + 1;
  // `... which became HARDIRQ-irq-unsafe at:` is followed by a `...` line before the trace.
  while (i < lines.text.length && (lines.text[i] === "" || lines.text[i] === "...")) i++;
  return readFrames(lines.text, i).frames;
}

const CHAIN_LINK = /^-> #(\d+) (.*):$/;

export function readChain(lines: ReportLines): ChainLink[] {
  const links: ChainLink[] = [];
  for (let i = 0; i < lines.text.length; i++) {
    const m = CHAIN_LINK.exec(lines.text[i] ?? "");
    if (!m) continue;
    const lock = readLockLine([m[2] ?? ""], 0).lock;
    if (!lock) continue;
    const { frames, next } = readFrames(lines.text, i + 1);
    links.push({ index: Number(m[1]), lock, trace: frames });
    i = next - 1;
  }
  return links;
}

const OTHER_LOCK = /^but this lock (took another|was taken by another), (\S+)-(safe|unsafe) lock in the past:$/;

export function readOtherLock(lines: ReportLines): IrqOtherLock | null {
  const found = findLine(lines, OTHER_LOCK);
  if (!found) return null;
  const lock = lockAfter(lines, found.index);
  if (!lock) return null;
  return {
    lock,
    relation: found.match[1] === "took another" ? "took" : "taken-by",
    state: found.match[2] ?? "",
    safety: found.match[3] === "safe" ? "safe" : "unsafe",
  };
}

export function readSafeUnsafe(lines: ReportLines, state: string): SafeUnsafePair {
  return {
    state,
    safeLock: lockAfterLine(lines, /^but this new dependency connects a \S+-irq-safe lock:$/),
    safeTrace: framesAfterLine(lines, /^\.\.\. which became \S+-irq-safe at:$/),
    unsafeLock: lockAfterLine(lines, /^to a \S+-irq-unsafe lock:$/),
    unsafeTrace: framesAfterLine(lines, /^\.\.\. which became \S+-irq-unsafe at:$/),
  };
}
