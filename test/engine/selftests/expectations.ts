/**
 * What the engine must report for a case: the table's `kind`, `fails_at` and `detail`, unless
 * decisions.ts gives our own verdict. Details the suite asserts: the usage pair of an
 * inconsistent-lock-state report and the `context-{N:N}` of an invalid-wait-context report.
 */
import { FINDING_KINDS, type FindingKind } from "../../../src/engine/index.js";
import type { Decision } from "./decisions.js";
import type { OpRef, SelftestCase } from "./table.js";

export type Expectation =
  | { readonly verdict: "ok" }
  | {
      readonly verdict: "finding";
      readonly kind: FindingKind;
      /** Op during which the FIRST finding must appear. */
      readonly failsAt?: OpRef;
      /** `inconsistent {OLD} -> {NEW} usage.` */
      readonly usage?: { readonly old: string; readonly new: string };
      /** `context-{N:N}` */
      readonly context?: number;
    };

/**
 * Table kinds that are not DESIGN finding kinds. `might-sleep` is DESIGN's sleep-in-atomic;
 * `warn` is a bare DEBUG_LOCKS_WARN_ON with no report and no finding kind to compare, so a `warn`
 * case needs a decision (ww asserts are ww-api-misuse) or a skip.
 */
const KIND_ALIASES: Readonly<Record<string, FindingKind | null>> = { "might-sleep": "sleep-in-atomic", warn: null };

const USAGE_PAIR = /inconsistent \{([A-Z0-9_-]+)\} -> \{([A-Z0-9_-]+)\} usage/;
const WAIT_CONTEXT = /context-\{(\d+):(\d+)\}/;

function findingKind(tableKind: string): FindingKind | null | undefined {
  if ((FINDING_KINDS as readonly string[]).includes(tableKind)) return tableKind as FindingKind;
  return KIND_ALIASES[tableKind];
}

function details(detail: string | undefined): Pick<Extract<Expectation, { verdict: "finding" }>, "usage" | "context"> {
  if (detail === undefined) return {};
  const usage = USAGE_PAIR.exec(detail);
  const context = WAIT_CONTEXT.exec(detail);
  return {
    ...(usage?.[1] !== undefined && usage[2] !== undefined ? { usage: { old: usage[1], new: usage[2] } } : {}),
    ...(context?.[1] !== undefined ? { context: Number(context[1]) } : {}),
  };
}

/** The expectation for one case; a table kind that maps to nothing is an error to resolve. */
export function expectationFor(c: SelftestCase, decision: Decision | undefined): Expectation | { readonly error: string } {
  const tableVerdict = c.kind === "none" ? "ok" : findingKind(c.kind);
  if (tableVerdict === undefined) return { error: `${c.name}: unknown kind "${c.kind}"` };
  const verdict = decision?.verdict ?? tableVerdict;
  if (verdict === null) return { error: `${c.name}: kind "${c.kind}" has no finding kind; decide it in decisions.ts or skip it` };
  if (verdict === "ok") return { verdict: "ok" };
  // The table's position and detail describe the table's report; keep them only if we agree.
  const agrees = verdict === tableVerdict;
  return {
    verdict: "finding",
    kind: verdict,
    ...(agrees && c.failsAt !== undefined ? { failsAt: c.failsAt } : {}),
    ...(agrees ? details(c.detail) : {}),
  };
}
