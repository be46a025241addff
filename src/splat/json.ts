/**
 * `reclaimdep explain --format json` (DESIGN.md §6, interface): `{ "reports": [...] }`, one entry
 * per report, with exactly the contract's fields in the contract's meaning, plus the extensions
 * documented in src/splat/README.md (`taint`, `cpu`, `otherLock`, `chainExistsOf`). Lock names
 * exactly as printed. Fields a report does not show are null.
 */
import type { SplatKind, SplatReport } from "./report.js";

export interface ExplainJsonReport {
  readonly kind: SplatKind;
  readonly title: string;
  readonly kernel: string | null;
  readonly task: { readonly name: string; readonly pid: number } | null;
  readonly lock: string | null;
  readonly holding: string | null;
  readonly chain: readonly string[] | null;
  readonly usage: readonly [string, string] | null;
  readonly heldLocks: readonly string[] | null;
  readonly location: { readonly file: string; readonly line: number } | null;
  readonly inAtomic: boolean | null;
  readonly irqsDisabled: boolean | null;
  readonly nonBlock: number | null;
  readonly preemptCount: number | null;
  readonly truncated: boolean;
  // Extensions (README): not in DESIGN §6's example, added by extension only.
  readonly taint: string | null;
  readonly cpu: number | null;
  readonly otherLock: string | null;
  readonly chainExistsOf: readonly string[] | null;
}

export interface ExplainJson {
  readonly reports: readonly ExplainJsonReport[];
}

export function toJsonReport(report: SplatReport): ExplainJsonReport {
  return {
    kind: report.kind,
    title: report.title,
    kernel: report.kernel,
    task: report.task ? { name: report.task.name, pid: report.task.pid } : null,
    lock: report.lock?.name ?? null,
    holding: report.holding?.name ?? null,
    chain: report.chain.length > 0 ? report.chain.map((link) => link.lock.name) : null,
    usage: report.usage,
    heldLocks: report.heldLocks ? report.heldLocks.locks.map((lock) => lock.name) : null,
    location: report.location,
    inAtomic: report.inAtomic,
    irqsDisabled: report.irqsDisabled,
    nonBlock: report.nonBlock,
    preemptCount: report.preemptCount,
    truncated: report.truncated,
    taint: report.taint,
    cpu: report.task?.cpu ?? null,
    otherLock: report.otherLock?.lock.name ?? null,
    chainExistsOf: report.chainExistsOf,
  };
}

export function toExplainJson(reports: readonly SplatReport[]): ExplainJson {
  return { reports: reports.map(toJsonReport) };
}

/** The JSON text the CLI prints (two-space indent, trailing newline). */
export function renderJson(reports: readonly SplatReport[]): string {
  return `${JSON.stringify(toExplainJson(reports), null, 2)}\n`;
}
