/**
 * `renderText`: one finding as the report lockdep (or the scheduler, for atomic sleeps) would
 * print for it, so a kernel developer recognises it at a glance. Layouts are chosen by
 * `detail.kind`, the part of a finding that carries each layout's data.
 */
import type { Finding, FindingDetail } from "../../engine/finding.js";
import { printable } from "../printable.js";
import { banner } from "./banner.js";
import { circularReport, recursiveReport } from "./circular.js";
import type { ReportLayout, TextOptions } from "./context.js";
import { badUnlockReport, heldAtExitReport, heldLockFreedReport, invalidWaitContextReport, nestedLockReport, wwMisuseReport } from "./held.js";
import { inconsistentReport, irqInversionReport, irqSafeUnsafeReport } from "./irq.js";
import { sleepReport } from "./sleep.js";

const LAYOUTS: { readonly [K in FindingDetail["kind"]]: ReportLayout<K> } = {
  "circular-dependency": circularReport,
  "recursive-locking": recursiveReport,
  "inconsistent-lock-state": inconsistentReport,
  "irq-lock-inversion": irqInversionReport,
  "irq-safe-unsafe-order": irqSafeUnsafeReport,
  "bad-unlock-balance": badUnlockReport,
  "invalid-wait-context": invalidWaitContextReport,
  "sleep-in-atomic": sleepReport,
  "held-lock-at-exit": heldAtExitReport,
  "held-lock-freed": heldLockFreedReport,
  "nested-lock-not-held": nestedLockReport,
  "ww-api-misuse": wwMisuseReport,
};

/** Reports that are not lockdep's and so carry no `=`/`-` banner. */
const WITHOUT_BANNER: ReadonlySet<FindingDetail["kind"]> = new Set(["sleep-in-atomic"]);

function body(finding: Finding, options: TextOptions): string[] {
  // TypeScript cannot correlate LAYOUTS[k] with the detail narrowed to k; the table's type does.
  const layout = LAYOUTS[finding.detail.kind] as ReportLayout<FindingDetail["kind"]>;
  return layout(finding, finding.detail, options);
}

/** The report text, ending in a newline; the fix hint, when there is one, closes it as `fix: ...`. */
export function renderText(finding: Finding, options: TextOptions = {}): string {
  const lines = [
    ...(WITHOUT_BANNER.has(finding.detail.kind) ? [] : banner(finding.detail, finding.title, options)),
    ...body(finding, options),
    ...(finding.fix === null ? [] : ["", `fix: ${printable(finding.fix)}`]),
  ];
  return `${lines.join("\n")}\n`;
}
