/**
 * `--format json` (DESIGN.md §6, an interface): one object, `{ findings, stats }`, with exactly
 * the documented keys. Extra keys are listed in src/report/README.md (today: `reason` and
 * `certainty` on `sleep-in-atomic` findings, which DESIGN §6 says must "say which").
 */
import type { Frame } from "../ir/index.js";
import type { Finding, FindingKind, SleepReason } from "../engine/finding.js";

export interface JsonFrame {
  readonly function: string;
  /** null when the front-end knew no place for the frame. */
  readonly file: string | null;
  readonly line: number | null;
}

export interface JsonDependency {
  readonly from: string;
  readonly to: string;
  readonly stack: readonly JsonFrame[];
  /** Only for a dependency through an event: where the event is signalled (README). */
  readonly via?: readonly JsonFrame[];
}

export interface JsonFinding {
  readonly kind: FindingKind;
  readonly title: string;
  readonly locks: readonly string[];
  /** The task's name (its comm); the pid is not part of the contract. */
  readonly task: string;
  readonly chain: readonly JsonDependency[];
  readonly fix: string | null;
  /** sleep-in-atomic only: why sleeping is forbidden there. */
  readonly reason?: SleepReason;
  /** sleep-in-atomic only: `might` (might_sleep) or `actual` (the task really schedules). */
  readonly certainty?: "might" | "actual";
}

export interface JsonStats {
  readonly events: number;
  readonly classes: number;
  readonly dependencies: number;
  readonly elapsedMs: number;
}

export interface JsonReport {
  readonly findings: readonly JsonFinding[];
  readonly stats: JsonStats;
}

function jsonFrame(frame: Frame): JsonFrame {
  return { function: frame.function, file: frame.file ?? null, line: frame.file === undefined ? null : (frame.line ?? null) };
}

function jsonFinding(finding: Finding): JsonFinding {
  const base = {
    kind: finding.kind,
    title: finding.title,
    locks: [...finding.locks],
    task: finding.task.name,
    chain: finding.chain.map((d) => ({ from: d.from.name, to: d.to.name, stack: d.stack.map(jsonFrame), ...(d.via ? { via: d.via.map(jsonFrame) } : {}) })),
    fix: finding.fix,
  };
  const { detail } = finding;
  return detail.kind === "sleep-in-atomic" ? { ...base, reason: detail.reason, certainty: detail.certainty } : base;
}

/** The §6 object. `stats` may carry more counters (the engine's `chains`); only §6's are kept. */
export function toJsonReport(findings: readonly Finding[], stats: JsonStats): JsonReport {
  const { events, classes, dependencies, elapsedMs } = stats;
  return { findings: findings.map(jsonFinding), stats: { events, classes, dependencies, elapsedMs } };
}

/**
 * Characters that are legal raw in JSON strings but unsafe where the output lands: `<`, `>`, `&`
 * (JSON pasted into HTML or a `<script>`), control and format characters (a terminal showing
 * the file), U+2028/2029 (JavaScript before ES2019). Written as `\uXXXX` they decode to the same
 * value. Outside strings JSON.stringify writes only `\n` and spaces, and inside them it has
 * already escaped `\n`, so every match but a raw `\n` is inside a string and safe to rewrite.
 */
const UNSAFE_IN_JSON = /[<>&\p{Cf}\p{Zl}\p{Zp}]|(?!\n)\p{Cc}/gu;

function unicodeEscape(text: string): string {
  let escaped = "";
  for (let index = 0; index < text.length; index++) escaped += `\\u${text.charCodeAt(index).toString(16).padStart(4, "0")}`;
  return escaped;
}

/** `toJsonReport` as text: two-space indentation, a final newline, nothing unsafe unescaped. */
export function renderJson(findings: readonly Finding[], stats: JsonStats): string {
  return `${JSON.stringify(toJsonReport(findings, stats), null, 2).replace(UNSAFE_IN_JSON, unicodeEscape)}\n`;
}
