/**
 * Report headlines: the line that opens each report kind, in every generation's wording
 * (lockdep-reports.md §§1–11; pre-4.11 kernels bracket lockdep titles as `[ INFO: ... ]` or
 * `[ BUG: ... ]`, 2.6-era might_sleep says `Debug:`). One table drives the splitter and the parser.
 */
import type { SplatKind } from "./report.js";

export interface TitleRule {
  readonly kind: SplatKind;
  readonly re: RegExp;
  /** lockdep reports print a held-lock block and then stop without a backtrace (return to user). */
  readonly endsAfterHeldLocks?: boolean;
}

// `WARNING: X` (4.11+) or `[ INFO: X ]` / `[ BUG: X ]` (older).
const lockdep = (body: string): RegExp =>
  new RegExp(`^(?:WARNING: ${body}|\\[ (?:INFO|BUG): ${body} \\])$`);

export const TITLE_RULES: readonly TitleRule[] = [
  { kind: "circular-dependency", re: lockdep("possible circular locking dependency detected") },
  { kind: "recursive-locking", re: lockdep("possible recursive locking detected") },
  { kind: "inconsistent-lock-state", re: lockdep("inconsistent lock state") },
  { kind: "irq-lock-inversion", re: lockdep("possible irq lock inversion dependency detected") },
  { kind: "irq-safe-unsafe-order", re: lockdep("([A-Z_]+(?:-READ)?)-safe -> [A-Z_]+(?:-READ)?-unsafe lock order detected") },
  { kind: "bad-unlock-balance", re: lockdep("bad unlock balance detected!") },
  { kind: "invalid-wait-context", re: /^(?:\[ BUG: Invalid wait context \]|WARNING: Invalid wait context)$/ },
  { kind: "nested-lock-not-held", re: lockdep("Nested lock was not taken") },
  { kind: "held-lock-freed", re: lockdep("held lock freed!") },
  { kind: "held-lock-at-exit", re: lockdep("(.+)/(\\d+) still has locks held!") },
  {
    kind: "held-lock-at-exit",
    re: lockdep("lock held when returning to user space!"),
    endsAfterHeldLocks: true,
  },
  {
    kind: "sleep-in-atomic",
    re: /^(?:BUG|Debug): sleeping function called from invalid context(?: at (\S+):(\d+))?$/,
  },
  { kind: "sleep-in-atomic", re: /^BUG: scheduling in a non-blocking section: (.+)\/(\d+)\/(\d+)$/ },
  { kind: "scheduling-while-atomic", re: /^BUG: scheduling while atomic: (.+)\/(\d+)\/0x([0-9a-fA-F]+)$/ },
];

export interface TitleMatch {
  readonly rule: TitleRule;
  readonly match: RegExpExecArray;
}

/** Cheap pre-test: every headline starts with one of these words. */
const FIRST = /^(?:WARNING|\[ INFO|\[ BUG|BUG|Debug)\b/;

export function matchTitle(text: string): TitleMatch | null {
  const trimmed = text.trim();
  if (!FIRST.test(trimmed)) return null;
  for (const rule of TITLE_RULES) {
    const match = rule.re.exec(trimmed);
    if (match) return { rule, match };
  }
  return null;
}
