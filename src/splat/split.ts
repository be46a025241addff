/**
 * The report splitter: finds every report in a log, streaming. Lines outside a report are
 * dropped as they pass, so memory is bounded by the largest report kept, and a report is capped
 * (`maxReportLines`) so a runaway one (a title followed by megabytes of frames) is cut and
 * flagged truncated instead of growing without limit.
 *
 * A report starts at its headline (titles.ts) and ends where the kernel stops printing it: after
 * the current stack (`stack backtrace:` / `Call Trace:` frames, up to `</TASK>` or the first line
 * that is not part of a stack dump), after the held-lock block for the return-to-user report
 * (which prints no stack), or where the next report starts. A report that ends any other way
 * (input ends, next headline arrives mid-report, cap reached) is truncated.
 */
import { type Chunk, linesOf } from "./lines.js";
import { normalizeLine, splitEmbeddedNewlines, type NormalizedLine } from "./normalize.js";
import { matchTitle, type TitleMatch } from "./titles.js";
import { isFrameLine, isStackMarker } from "./frames.js";

export interface RawReport {
  readonly title: TitleMatch;
  /** Normalized lines from the headline (index 0) to the report's end. */
  readonly lines: readonly NormalizedLine[];
  /** 1-based input line of the headline. */
  readonly line: number;
  readonly truncated: boolean;
}

export interface SplitOptions {
  /** Lines kept per report; beyond it the report is cut and flagged truncated. */
  readonly maxReportLines?: number;
  /** Characters kept per report (bounds memory together with `maxReportLines`). */
  readonly maxReportChars?: number;
  readonly maxLineLength?: number;
}

export const DEFAULT_MAX_REPORT_LINES = 10_000;
export const DEFAULT_MAX_REPORT_CHARS = 1024 * 1024;

// Lines that open the current-stack dump (arch dump_stack / show_stack output).
const DUMP_START = /^(?:stack backtrace:|Call [Tt]race:|Backtrace:|CPU: \d+ (?:UID: \d+ )?PID: \d+|Pid: \d+, comm:)/;
// Register and code lines printed around a trace (user-space regs at syscall exit, oops dumps).
const DUMP_DETAIL =
  /^(?:Hardware name:|Tainted: \[|Kernel Offset:|Workqueue:|Sched_ext:|Stack ?:|Call Trace:|Exception stack|RIP:|RSP:|RAX:|RDX:|RBP:|R\d\d:|Code:|FS:|CS:|CR2:|DR\d:|pc :|lr :|sp :|x\d+ :|\.\.\.|[0-9a-f]{8,16}(?: [0-9a-f]{8,16})+$|---\[ end trace)/;
// The nested-lock report prints its stack, then more body, then the stack again (lockdep.c quirk).
const BODY_AFTER_STACK = /^other info that might help us debug this:$/;
const HELD_HEADER = /^(?:\d+ locks? held by |no locks held by )/;
const HELD_ENTRY = /^#\d+:/;

class ReportBuilder {
  readonly lines: NormalizedLine[] = [];
  inDump = false;
  framesInDump = 0;
  sawHeldHeader = false;
  capped = false;
  afterFirstStack = false;
  /** A `<TASK>` opened the stack (5.17+ x86): only its `</TASK>` completes the report. */
  openTask = false;
  secondPart = false;
  chars = 0;
  constructor(
    readonly title: TitleMatch,
    readonly line: number,
  ) {}
}

// Every headline (titles.ts) contains one of these words.
const MAY_HOLD_TITLE = /WARNING|BUG|INFO|Debug/;

type Verdict = "continue" | "end-before" | "end-after" | "cut";

// A line that starts like a frame but does not parse: the kernel never prints one, so the text
// was cut there (a pasted excerpt ending mid-frame).
const BROKEN_FRAME = /^(?:\[<[0-9a-fA-F]*(?:>\].*)?|\[[\d\/ .,:]*|\? \S*|[\w.]+\+0x[0-9a-fA-F]*(?:\/(?:0x[0-9a-fA-F]*)?)?)$/;

function step(report: ReportBuilder, line: NormalizedLine): Verdict {
  const text = line.text.trim();
  const sleepKind = report.title.rule.kind === "sleep-in-atomic" || report.title.rule.kind === "scheduling-while-atomic";
  if (report.title.rule.endsAfterHeldLocks) {
    if (HELD_HEADER.test(text)) report.sawHeldHeader = true;
    else if (report.sawHeldHeader && !HELD_ENTRY.test(text)) return "end-before";
  }
  if (report.afterFirstStack) {
    // nested-lock-not-held: between its two stacks only blank lines and the body header belong.
    if (text === "") return "continue";
    if (!BODY_AFTER_STACK.test(text)) return "end-before";
    report.afterFirstStack = false;
    report.secondPart = true;
    return "continue";
  }
  if (report.inDump) {
    if (text === "</TASK>") {
      report.openTask = false;
      if (report.title.rule.kind === "nested-lock-not-held" && !report.secondPart) {
        report.inDump = false;
        report.framesInDump = 0;
        report.afterFirstStack = true;
        return "continue";
      }
      return "end-after";
    }
    if (isFrameLine(text) || isStackMarker(text)) {
      if (text === "<TASK>") report.openTask = true;
      report.framesInDump++;
      return "continue";
    }
    if (DUMP_DETAIL.test(text) || DUMP_START.test(text)) return "continue";
    if (report.framesInDump === 0) return "continue";
    if (BROKEN_FRAME.test(text)) return "cut";
    if (report.title.rule.kind === "nested-lock-not-held" && !report.secondPart && BODY_AFTER_STACK.test(text)) {
      report.inDump = false;
      report.framesInDump = 0;
      report.secondPart = true;
      return "continue";
    }
    return "end-before";
  }
  if (DUMP_START.test(text) || (sleepKind && isFrameLine(text))) {
    report.inDump = true;
    if (isFrameLine(text)) report.framesInDump++;
  }
  return "continue";
}

/** Whether a report that stops here (input ended, next headline) had reached its natural end. */
function complete(report: ReportBuilder): boolean {
  if (report.capped) return false;
  if (report.afterFirstStack) return true;
  if (report.inDump && report.framesInDump > 0) return !report.openTask;
  return report.title.rule.endsAfterHeldLocks === true && report.sawHeldHeader;
}

function finish(report: ReportBuilder, truncated: boolean): RawReport {
  return { title: report.title, lines: report.lines, line: report.line, truncated };
}

/** Splits a stream of log chunks into raw reports, one at a time, in input order. */
export async function* splitReports(
  chunks: AsyncIterable<Chunk> | Iterable<Chunk>,
  options: SplitOptions = {},
): AsyncGenerator<RawReport> {
  const maxLines = options.maxReportLines ?? DEFAULT_MAX_REPORT_LINES;
  const maxChars = options.maxReportChars ?? DEFAULT_MAX_REPORT_CHARS;
  let current: ReportBuilder | null = null;
  let lineNo = 0;
  // HTML renderings of old reports break `[<addr>]` after `[<`; the halves are rejoined.
  let broken: NormalizedLine | null = null;
  for await (const raw of linesOf(chunks, options.maxLineLength)) {
    lineNo++;
    // Fast path: outside a report only a line that can hold a headline needs normalising.
    if (!current && !broken && !MAY_HOLD_TITLE.test(raw)) continue;
    for (const piece of splitEmbeddedNewlines(raw)) {
      let line = normalizeLine(piece);
      if (broken) {
        line = { ...broken, text: `${broken.text}${line.text.trimStart()}` };
        broken = null;
      }
      if (line.text.endsWith("[<") && line.text.length < 4096) {
        broken = line;
        continue;
      }
      const title = matchTitle(line.text);
      if (title) {
        if (current) yield finish(current, !complete(current));
        current = new ReportBuilder(title, lineNo);
        current.lines.push(line);
        continue;
      }
      if (!current) continue;
      const verdict = step(current, line);
      if (verdict === "end-before" || verdict === "cut") {
        // A `<TASK>` stack that stops before `</TASK>` was cut (or another printk interleaved).
        yield finish(current, verdict === "cut" || current.openTask);
        current = null;
        continue;
      }
      current.lines.push(line);
      if (verdict === "end-after") {
        yield finish(current, false);
        current = null;
      } else if (current.lines.length >= maxLines || (current.chars += line.text.length) > maxChars) {
        // Cut a runaway report here; its remaining lines pass by as non-report text.
        current.capped = true;
        yield finish(current, true);
        current = null;
      }
    }
  }
  if (current) yield finish(current, !complete(current));
}
