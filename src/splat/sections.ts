/**
 * Sections every report kind shares (lockdep-reports.md §0): the kernel identity line, the
 * arch dump line (`CPU: n PID: p Comm: c <taint> <release> #v`), the held-lock block, the
 * unsafe-scenario table, `Chain exists of:` and the current stack. Each reader takes the
 * report's lines and returns data or null; none of them throws.
 */
import { readFrames, parseFrame } from "./frames.js";
import { readLockLine } from "./locks.js";
import type { Frame, HeldLocks, LockRef, ScenarioStep, ScenarioTable } from "./report.js";

/** The report's lines, trimmed (`text`) and with their printed indentation (`raw`). */
export interface ReportLines {
  readonly text: readonly string[];
  readonly raw: readonly string[];
}

export function findLine(lines: ReportLines, re: RegExp, from = 0): { index: number; match: RegExpExecArray } | null {
  for (let i = from; i < lines.text.length; i++) {
    const match = re.exec(lines.text[i] ?? "");
    if (match) return { index: i, match };
  }
  return null;
}

// `6.12.29aufsD+ #532 Not tainted`, `syzkaller #0 Not tainted`, `2.6.32-220.el6.debug #1`.
const IDENT = /^(\S+)(?: (#\S+))?(?: +(Not tainted|Tainted:.*))?$/;
const BAR = /^(?:=+|-+)$/;

/** The identity line printed under a lockdep headline (`print_kernel_ident`). */
export function readIdent(lines: ReportLines): { kernel: string; taint: string | null } | null {
  for (let i = 1; i < Math.min(lines.text.length, 4); i++) {
    const text = lines.text[i] ?? "";
    if (text === "" || BAR.test(text)) continue;
    const m = IDENT.exec(text);
    if (!m || m[1] === undefined) return null;
    // A release has a digit or is the syzbot placeholder; a lone word is body text.
    if (!/\d/.test(m[1]) && m[1] !== "syzkaller") return null;
    return { kernel: m[1], taint: m[3]?.trimEnd() ?? null };
  }
  return null;
}

// x86/arm64 `dump_stack` header (3.10+; `UID:` since 6.11) and the 2.6-era `Pid: n, comm: c`.
const DUMP_CPU = /^CPU: (\d+) (?:UID: \d+ )?PID: (\d+) Comm: (\S+)(?: Kdump: loaded)?(?: (Not tainted|Tainted:.*?))? +(\S+) (#\S+)(?: .*)?$/;
const DUMP_PID = /^Pid: (\d+), comm: (\S+)(?: (Not tainted|Tainted:.*?))? +(\S+) (#\S+)(?: .*)?$/;

export interface DumpHeader {
  readonly cpu: number | null;
  readonly pid: number;
  readonly comm: string;
  readonly taint: string | null;
  readonly kernel: string;
}

export function readDumpHeader(lines: ReportLines): DumpHeader | null {
  for (const text of lines.text) {
    const cpu = DUMP_CPU.exec(text);
    if (cpu) {
      return { cpu: Number(cpu[1]), pid: Number(cpu[2]), comm: cpu[3] ?? "", taint: cpu[4]?.trimEnd() ?? null, kernel: cpu[5] ?? "" };
    }
    const pid = DUMP_PID.exec(text);
    if (pid) {
      return { cpu: null, pid: Number(pid[1]), comm: pid[2] ?? "", taint: pid[3]?.trimEnd() ?? null, kernel: pid[4] ?? "" };
    }
  }
  return null;
}

const HELD_HEADER = /^(\d+) locks? held by (.+)\/(\d+):$/;
const NO_HELD = /^no locks held by (.+)\/(\d+)\.$/;
const HELD_ENTRY = /^#\d+:/;

/** The first held-lock block at or after `from` (`lockdep_print_held_locks`). */
export function readHeldLocks(lines: ReportLines, from = 0): HeldLocks | null {
  for (let i = from; i < lines.text.length; i++) {
    const text = lines.text[i] ?? "";
    const none = NO_HELD.exec(text);
    if (none) return { task: { name: none[1] ?? "", pid: Number(none[2]), cpu: null }, count: 0, locks: [] };
    const header = HELD_HEADER.exec(text);
    if (!header) continue;
    const locks: LockRef[] = [];
    let lastIndex: string | null = null;
    let j = i + 1;
    while (j < lines.text.length && HELD_ENTRY.test(lines.text[j] ?? "")) {
      const entry = lines.text[j] ?? "";
      const index = /^#(\d+):/.exec(entry)?.[1] ?? null;
      // A paste that wrapped right after `#N:` puts the lock on the next line.
      const wrapped = /^#\d+:$/.test(entry);
      const { lock, next } = wrapped ? readLockLine([`${entry} ${lines.text[j + 1] ?? ""}`], 0) : readLockLine(lines.text, j);
      // syzbot repeats an entry once per inlined frame of its `at:` place: keep the first.
      if (lock && index !== lastIndex) locks.push(lock);
      lastIndex = index;
      j = wrapped ? j + 2 : next;
    }
    return { task: { name: header[2] ?? "", pid: Number(header[3]), cpu: null }, count: Number(header[1]), locks };
  }
  return null;
}

const SCENARIO_HEADER = /^Possible (?:interrupt )?unsafe locking scenario:$/;
const CPU_HEADER = /^CPU0(?:\s+CPU1)?$/;
const STEP = /^(?:[a-z_]+\(.*\);|<Interrupt>)$/;

/** The `Possible unsafe locking scenario` table; CPU1's column is told by indentation. */
export function readScenario(lines: ReportLines): ScenarioTable | null {
  const header = findLine(lines, SCENARIO_HEADER);
  if (!header) return null;
  const steps: ScenarioStep[] = [];
  let cpu0Col = 0;
  let cpu1Col: number | null = null;
  for (let i = header.index + 1; i < lines.text.length; i++) {
    const text = lines.text[i] ?? "";
    const raw = lines.raw[i] ?? "";
    if (text === "*** DEADLOCK ***") break;
    if (CPU_HEADER.test(text)) {
      cpu0Col = raw.indexOf("CPU0");
      const col = raw.indexOf("CPU1");
      cpu1Col = col >= 0 ? col : null;
      continue;
    }
    if (text === "" || /^-+(?:\s+-+)?$/.test(text)) continue;
    if (!STEP.test(text)) break;
    const indent = raw.length - raw.trimStart().length;
    const cpu: 0 | 1 = cpu1Col !== null && cpu1Col > cpu0Col && indent >= (cpu0Col + cpu1Col) / 2 ? 1 : 0;
    steps.push({ cpu, op: text });
  }
  return { header: header.match[0], cpus: cpu1Col === null ? 1 : 2, steps };
}

/** `Chain exists of:` followed by `A --> B --> C`. */
export function readChainExistsOf(lines: ReportLines): string[] | null {
  const at = findLine(lines, /^\[?Chain exists of:$/);
  if (!at) return null;
  for (let i = at.index + 1; i < lines.text.length; i++) {
    const text = lines.text[i] ?? "";
    if (text === "") continue;
    return text.split(" --> ").map((name) => name.trim());
  }
  return null;
}

const STACK_START = /^(?:stack backtrace:|CPU: \d+ (?:UID: \d+ )?PID: \d+|Pid: \d+, comm:)/;

/**
 * The current stack: frames after `stack backtrace:` / the dump header / `Call Trace:`. With
 * `bare`, frames anywhere after the headline count (sleep reports on arches whose dump has no
 * header, e.g. 32-bit ARM's `[<pc>] (fn) from [<lr>] (caller)` lines).
 */
export function readBacktrace(lines: ReportLines, bare: boolean): Frame[] {
  const start = findLine(lines, STACK_START) ?? findLine(lines, /^(?:Call [Tt]race:|Backtrace:)$/);
  if (!start && !bare) return [];
  const begin = start ? start.index + 1 : 1;
  for (let i = begin; i < lines.text.length; i++) {
    const text = lines.text[i] ?? "";
    const header = /^(?:Call [Tt]race:|Backtrace:)$/.test(text);
    if (header || /^<(?:TASK|IRQ|NMI|SOFTIRQ)>$/.test(text) || parseFrame(text)) {
      const first = header ? i + 1 : i;
      const { frames } = readFrames(lines.text, first);
      if (frames.length > 0) return frames;
    }
  }
  return [];
}
