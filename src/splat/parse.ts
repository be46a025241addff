/**
 * Raw report → structured report. Shared sections come from sections.ts, per-kind body lines
 * from body.ts; this module reads the sleep-report fields and assembles a `SplatReport`.
 * Everything is optional: a truncated or mangled report yields whatever it shows, nulls for the
 * rest, and never throws.
 */
import { parseFrame } from "./frames.js";
import { nameOnly } from "./locks.js";
import { framesAfterLine, lockAfter, lockAfterLine, readChain, readOtherLock, readSafeUnsafe, readTaskLine } from "./body.js";
import {
  findLine,
  readBacktrace,
  readChainExistsOf,
  readDumpHeader,
  readHeldLocks,
  readIdent,
  readScenario,
  type ReportLines,
} from "./sections.js";
import type { RawReport } from "./split.js";
import type { Frame, LockRef, SplatReport, TaskRef } from "./report.js";

const SLEEP_FLAGS = /^in_atomic\(\): ?(\d+), irqs_disabled\(\): ?(\d+)(?:, non_block: (\d+))?(?:, pid: (\d+), name: (.+))?$/;
const PREEMPT = /^preempt_count: ([0-9a-fA-Fx]+), expected: ([0-9a-fA-Fx]+)$/;
const RCU_NEST = /^RCU nest depth: (\d+), expected: (\d+)$/;

function hexNumber(text: string | undefined): number | null {
  if (text === undefined) return null;
  const value = Number.parseInt(text.replace(/^0x/, ""), 16);
  return Number.isFinite(value) ? value : null;
}

function preemptDisabledAt(lines: ReportLines): Frame | null {
  const found = findLine(lines, /^Preemption disabled at:(.*)$/);
  if (!found) return null;
  const inline = (found.match[1] ?? "").trim();
  return parseFrame(inline !== "" ? inline : (lines.text[found.index + 1] ?? ""));
}

/** Title capture groups that matched (the `WARNING:` and `[ INFO:` alternatives number apart). */
function titleGroups(raw: RawReport): string[] {
  return raw.title.match.slice(1).filter((g): g is string => g !== undefined);
}

export function parseReport(raw: RawReport): SplatReport {
  const lines: ReportLines = {
    text: raw.lines.map((l) => l.text.trim()),
    raw: raw.lines.map((l) => l.text),
  };
  const kind = raw.title.rule.kind;
  const groups = titleGroups(raw);
  const title = lines.text[0] ?? "";
  const ident = kind === "sleep-in-atomic" || kind === "scheduling-while-atomic" ? null : readIdent(lines);
  const dump = readDumpHeader(lines);
  const taskLine = readTaskLine(lines);
  const sleepFlags = findLine(lines, SLEEP_FLAGS)?.match ?? null;
  const preempt = findLine(lines, PREEMPT)?.match ?? null;
  const rcu = findLine(lines, RCU_NEST)?.match ?? null;
  const heldLocks = readHeldLocks(lines);

  let task: TaskRef | null = taskLine?.task ?? null;
  if (!task && kind === "held-lock-at-exit" && groups.length >= 2) task = { name: groups[0] ?? "", pid: Number(groups[1]), cpu: null };
  if (!task && kind === "scheduling-while-atomic") task = { name: groups[0] ?? "", pid: Number(groups[1]), cpu: null };
  if (!task && kind === "sleep-in-atomic" && title.startsWith("BUG: scheduling in a non-blocking section")) {
    task = { name: groups[0] ?? "", pid: Number(groups[1]), cpu: null };
  }
  if (!task && sleepFlags?.[4] !== undefined) task = { name: sleepFlags[5] ?? "", pid: Number(sleepFlags[4]), cpu: null };
  if (!task && heldLocks?.task) task = heldLocks.task;
  if (!task && dump) task = { name: dump.comm, pid: dump.pid, cpu: null };
  if (task) {
    const callerCpu = raw.lines[0]?.callerCpu ?? null;
    const cpu = dump && dump.pid === task.pid ? dump.cpu : callerCpu;
    task = { ...task, cpu };
  }

  let lock: LockRef | null = null;
  let holding: LockRef | null = null;
  switch (kind) {
    case "circular-dependency":
    case "recursive-locking":
      lock = taskLine ? lockAfter(lines, taskLine.index) : null;
      holding = lockAfterLine(lines, /^but task is already holding lock:$/);
      break;
    case "irq-safe-unsafe-order":
      lock = taskLine ? lockAfter(lines, taskLine.index) : null;
      holding = lockAfterLine(lines, /^and this task is already holding:$/);
      break;
    case "bad-unlock-balance":
      if (taskLine?.releasedName != null) {
        lock = { ...nameOnly(taskLine.releasedName), at: parseFrame(lines.text[taskLine.index + 1] ?? "") };
      }
      break;
    case "inconsistent-lock-state":
    case "irq-lock-inversion":
    case "invalid-wait-context":
    case "nested-lock-not-held":
    case "held-lock-freed":
      lock = taskLine ? lockAfter(lines, taskLine.index) : null;
      break;
    default:
      break;
  }

  const usageLine = findLine(lines, /^inconsistent \{(.+)\} -> \{(.+)\} usage\.$/)?.match ?? null;
  const waitContext = findLine(lines, /^context-\{(\d+): ?(\d+)\}$/)?.match ?? null;
  const nestLine = findLine(lines, /^but this task is not holding:$/);
  const location =
    kind === "sleep-in-atomic" && groups.length === 2 && /^BUG|^Debug/.test(title) && title.includes(" at ")
      ? { file: groups[0] ?? "", line: Number(groups[1]) }
      : null;
  const nonBlockSection = title.startsWith("BUG: scheduling in a non-blocking section");

  return {
    kind,
    title,
    kernel: ident?.kernel ?? dump?.kernel ?? null,
    taint: ident ? ident.taint : (dump?.taint ?? null),
    task,
    lock,
    holding,
    chain: kind === "circular-dependency" ? readChain(lines) : [],
    chainExistsOf: readChainExistsOf(lines),
    usage: usageLine ? [usageLine[1] ?? "", usageLine[2] ?? ""] : null,
    usageTrace: usageLine ? framesAfterLine(lines, /^\{.+\} state was registered at:$/) : [],
    irqContext: taskLine?.irq ?? null,
    otherLock: kind === "irq-lock-inversion" ? readOtherLock(lines) : null,
    safeUnsafe: kind === "irq-safe-unsafe-order" ? readSafeUnsafe(lines, groups[0] ?? "") : null,
    scenario: readScenario(lines),
    heldLocks,
    lockdepOff: findLine(lines, /^INFO: lockdep is turned off\.$/) !== null,
    waitContext: waitContext ? { outer: Number(waitContext[1]), inner: Number(waitContext[2]) } : null,
    nestLock: nestLine ? (lines.text[nestLine.index + 1] ?? null) : null,
    freedRange: taskLine?.freed ?? null,
    location,
    inAtomic: sleepFlags ? sleepFlags[1] !== "0" : null,
    irqsDisabled: sleepFlags ? sleepFlags[2] !== "0" : null,
    nonBlock: nonBlockSection ? Number(groups[2]) : sleepFlags?.[3] !== undefined ? Number(sleepFlags[3]) : null,
    preemptCount: kind === "scheduling-while-atomic" ? hexNumber(groups[2]) : hexNumber(preempt?.[1]),
    preemptExpected: hexNumber(preempt?.[2]),
    rcuNestDepth: rcu ? Number(rcu[1]) : null,
    preemptDisabledAt: preemptDisabledAt(lines),
    backtrace: readBacktrace(lines, kind === "sleep-in-atomic" || kind === "scheduling-while-atomic"),
    line: raw.line,
    truncated: raw.truncated,
  };
}
