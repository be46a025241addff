/** What every per-kind report module receives, and the pieces most of them end with. */
import type { Stack } from "../../ir/index.js";
import type { Finding, FindingDetail } from "../../engine/finding.js";
import type { IdentityOptions } from "./banner.js";
import { callTrace } from "./lines.js";

export type TextOptions = IdentityOptions;

export type DetailOf<K extends FindingDetail["kind"]> = Extract<FindingDetail, { readonly kind: K }>;

/** One report layout: the finding and its detail, already narrowed to the kind it handles. */
export type ReportLayout<K extends FindingDetail["kind"]> = (finding: Finding, detail: DetailOf<K>, options: TextOptions) => string[];

/** `stack backtrace:` and the dump that follows it at the end of every lockdep report. */
export function backtrace(stack: Stack): string[] {
  return ["stack backtrace:", ...callTrace(stack)];
}
