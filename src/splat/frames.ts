/**
 * Call-trace lines. The shapes printed by the arch stack dumpers and the trace printers
 * (`stack_trace_print`, `show_trace_log_lvl`), and by the tools that post-process them:
 *   lock_acquire+0x196/0x1e0 [xfs]                  x86-64 4.x+, arm64, saved lockdep traces
 *   [<ffffffff811061a6>] ? lock_acquire+0x196/0x1e0  pre-4.x x86 (`?` = unreliable)
 *   [<c011022c>] (unwind_backtrace) from [<c010bd38>] (show_stack+0x20/0x24)   32-bit ARM
 *   [c00000000fe0fa40] [c000000000f0a61c] dump_stack+0xc4/0x110 (unreliable)    powerpc
 *   __fs_reclaim_acquire mm/page_alloc.c:4264 [inline]   syzbot symbolised
 *   dump_stack_lvl (lib/dump_stack.c:123)              scripts/decode_stacktrace.sh
 * plus the stack-switch markers `<IRQ>`, `</IRQ>`, `<SOFTIRQ>`, `<NMI>`, `<TASK>`, `<EOI>`.
 */
import type { Frame, FrameContext } from "./report.js";

const SYM = String.raw`([A-Za-z_.$][\w.$]*)`;
const OFF = String.raw`\+0x([0-9a-fA-F]+)\/0x([0-9a-fA-F]+)`;
const MOD = String.raw`\[(?!inline\])([\w-]+)\]`;
const PLACE = String.raw`([\w./-]+\.[A-Za-z]+):(\d+)`;

// Plain form, optionally behind `[<addr>]` (x86 pre-4.x) or `[sp] [ip]` (powerpc) addresses.
const PLAIN = new RegExp(
  String.raw`^(?:\[<[0-9a-fA-F]+>\]\s+|\[[0-9a-fA-F]+\] \[[0-9a-fA-F]+\] )?(\? )?${SYM}(?:${OFF})?(?: ${MOD})?` +
    String.raw`(?: ${PLACE}| \(${PLACE}(?: [^)]*)?\))?(?: ${MOD})?( \[inline\])?( \(unreliable\))?(?: \([A-Z]\))?$`,
);
// 32-bit ARM unwinder: `[<pc>] (func+off/size [mod]) from [<lr>] (caller+off/size)`.
const ARM = new RegExp(String.raw`^\[<[0-9a-fA-F]+>\] \(${SYM}(?:${OFF})?(?: ${MOD})?\)(?: from \[<[0-9a-fA-F]+>\] \(.*\))?$`);
// A bare address the unwinder could not name: `[<ffffffff>] 0xffffffff`, `[<8e83a6dc>] 0x8e83a6dc`.
const ADDRESS = /^(?:\[<[0-9a-fA-F]+>\]\s+)?(\? )?(0x[0-9a-fA-F]+)$/;

const MARKERS: Readonly<Record<string, FrameContext>> = {
  "<IRQ>": "irq",
  "</IRQ>": "task",
  "<SOFTIRQ>": "softirq",
  "</SOFTIRQ>": "task",
  "<NMI>": "nmi",
  "</NMI>": "task",
  "<TASK>": "task",
  "</TASK>": "task",
  "<EOI>": "task",
  "<EOE>": "task",
};

export function isStackMarker(text: string): boolean {
  return Object.hasOwn(MARKERS, text.trim());
}

/** The context a marker switches to, or undefined when the line is no marker. */
export function markerContext(text: string): FrameContext | undefined {
  const key = text.trim();
  return Object.hasOwn(MARKERS, key) ? MARKERS[key] : undefined;
}

const hex = (s: string | undefined): number | null => (s === undefined ? null : Number.parseInt(s, 16));

export function parseFrame(text: string, context: FrameContext = null): Frame | null {
  const t = text.trim();
  const plain = PLAIN.exec(t);
  if (plain) {
    const [, unsure, fn, off, size, mod1, file1, line1, file2, line2, mod2, inline, unreliable] = plain;
    const file = file1 ?? file2 ?? null;
    // A bare word is not a frame; it needs an offset or a source place.
    if (fn === undefined || (off === undefined && file === null)) return null;
    const lineText = line1 ?? line2;
    return {
      function: fn,
      offset: hex(off),
      size: hex(size),
      module: mod1 ?? mod2 ?? null,
      file,
      line: lineText === undefined ? null : Number(lineText),
      inlined: inline !== undefined,
      reliable: unsure === undefined && unreliable === undefined,
      context,
    };
  }
  const arm = ARM.exec(t);
  if (arm && arm[1] !== undefined) {
    return {
      function: arm[1],
      offset: hex(arm[2]),
      size: hex(arm[3]),
      module: arm[4] ?? null,
      file: null,
      line: null,
      inlined: false,
      reliable: true,
      context,
    };
  }
  const addr = ADDRESS.exec(t);
  if (addr && addr[2] !== undefined && t.startsWith("[<")) {
    return { function: addr[2], offset: null, size: null, module: null, file: null, line: null, inlined: false, reliable: addr[1] === undefined, context };
  }
  return null;
}

export function isFrameLine(text: string): boolean {
  return parseFrame(text) !== null;
}

/**
 * Reads consecutive frame lines from `lines[start]`, following `<IRQ>`-style markers; stops at
 * the first line that is neither. Returns the frames and the index after the last one read.
 */
export function readFrames(lines: readonly string[], start: number, initial: FrameContext = null): { frames: Frame[]; next: number } {
  const frames: Frame[] = [];
  let context = initial;
  let i = start;
  for (; i < lines.length; i++) {
    const text = lines[i] ?? "";
    const switched = markerContext(text);
    if (switched !== undefined) {
      context = switched;
      continue;
    }
    const frame = parseFrame(text, context);
    if (!frame) break;
    frames.push(frame);
  }
  return { frames, next: i };
}

/** `func+0x1f/0x1c0` as printed (for text output). */
export function formatFrame(frame: Frame): string {
  const off = frame.offset !== null && frame.size !== null ? `+0x${frame.offset.toString(16)}/0x${frame.size.toString(16)}` : "";
  const mod = frame.module ? ` [${frame.module}]` : "";
  return `${frame.function}${off}${mod}`;
}
