/**
 * The lockdep banner (lockdep-reports.md §0): an empty line, a `=` bar, the title, the identity
 * line, a `-` bar. The kernel prints each bar as a literal string; for most titles it is as long
 * as the title, but two are fixed whatever the title's length (`print_bad_irq_dependency` and
 * `print_held_locks_bug` in kernel/locking/lockdep.c), and we keep those lengths so the report
 * looks exactly like the kernel's.
 */
import type { FindingDetail } from "../../engine/finding.js";
import { printable } from "../printable.js";

/** Bars whose length does not follow the title: `<S>-safe -> <S>-unsafe` (53), `still has locks held!` (36). */
const FIXED_BAR_LENGTHS = {
  "irq-safe-unsafe-order": 53,
  "held-lock-at-exit/exit": 36,
} as const;

export interface IdentityOptions {
  /** reclaimdep's version, printed where the kernel prints its release. */
  readonly version?: string;
  /** The configuration checked (`PREEMPT_RT`...), printed where the kernel prints its build tag. */
  readonly config?: readonly string[];
}

/**
 * The kernel prints `<release> #<build> <taint>`. There is no kernel here, so no release and no
 * taint state to claim: we print our own name and version, the configuration checked, and say
 * plainly that the report comes from analysis, e.g. `reclaimdep 0.1.0 PREEMPT_RT (analysis, not
 * a running kernel)`. It stands in the identity line's place, so a reader's eye (and a splat
 * parser looking for "the line after the title") finds it where expected.
 */
export function identityLine(options: IdentityOptions): string {
  const words = ["reclaimdep"];
  if (options.version !== undefined && options.version !== "") words.push(printable(options.version));
  for (const option of options.config ?? []) words.push(printable(option));
  words.push("(analysis, not a running kernel)");
  return words.join(" ");
}

function barLength(detail: FindingDetail, title: string): number {
  if (detail.kind === "irq-safe-unsafe-order") return FIXED_BAR_LENGTHS["irq-safe-unsafe-order"];
  if (detail.kind === "held-lock-at-exit" && detail.how === "exit") return FIXED_BAR_LENGTHS["held-lock-at-exit/exit"];
  return title.length;
}

/** The five banner lines for a finding whose headline is `title` (printed as given, made printable). */
export function banner(detail: FindingDetail, title: string, options: IdentityOptions): string[] {
  const shown = printable(title);
  const length = barLength(detail, shown);
  return ["", "=".repeat(length), shown, identityLine(options), "-".repeat(length)];
}
