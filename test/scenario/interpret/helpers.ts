/**
 * Shared by the interpreter acceptance tests: write a scenario to a temporary directory, run it
 * through the real check pipeline (`checkScenarioFiles`, parser → interpreter → engine) without
 * the bundled model, and look at the findings as compact data.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll } from "vitest";
import { checkScenarioFiles, type CheckResult } from "../../../src/check/check-scenarios.js";
import type { Finding } from "../../../src/engine/finding.js";
import { formatDiagnostic } from "../../../src/scenario/parse/index.js";

/** One temporary directory per test module; each scenario gets its own file name in it. */
const ROOT = mkdtempSync(join(tmpdir(), "reclaimdep-interpret-"));
let counter = 0;
afterAll(() => rmSync(ROOT, { recursive: true, force: true }));

export interface RunOptions {
  /** Kconfig options (`PREEMPT_RT`). */
  readonly config?: readonly string[];
  /** Other files written beside the scenario (for `#include "x.h"`), by relative path. */
  readonly beside?: Readonly<Record<string, string>>;
}

/** Writes `source` as a fresh scenario file and returns its absolute path. */
export function writeScenario(source: string, beside: Readonly<Record<string, string>> = {}): string {
  const dir = join(ROOT, `s${++counter}`);
  mkdirSync(dir, { recursive: true });
  for (const [rel, text] of Object.entries(beside)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  const path = join(dir, "scenario.c");
  writeFileSync(path, source);
  return path;
}

export async function run(source: string, options: RunOptions = {}): Promise<CheckResult> {
  const path = writeScenario(source, options.beside);
  return checkScenarioFiles([path], { noModel: true, config: options.config ?? [] });
}

export type OkResult = Extract<CheckResult, { ok: true }>;

/** Runs a scenario that must be good input; fails the test with the diagnostics otherwise. */
export async function runOk(source: string, options: RunOptions = {}): Promise<OkResult> {
  const result = await run(source, options);
  if (!result.ok) {
    throw new Error(`scenario rejected:\n${result.diagnostics.map((d) => formatDiagnostic(d, result.sources[d.loc.file])).join("\n")}`);
  }
  // The interpreter must emit only well-formed events: an engine complaint is a bug, never a result.
  const internal = result.notes.filter((n) => n.message.includes("internal"));
  if (internal.length > 0) throw new Error(`internal errors:\n${internal.map((n) => n.message).join("\n")}`);
  return result;
}

export async function findings(source: string, options: RunOptions = {}): Promise<readonly Finding[]> {
  return (await runOk(source, options)).findings;
}

/** `kind lock lock` per finding, sorted: what most tests assert. */
export async function summary(source: string, options: RunOptions = {}): Promise<string[]> {
  return (await findings(source, options)).map(brief).sort();
}

/** `kind locks...`; a cycle is listed from its smallest member (DESIGN §6: "starting from any member"). */
export function brief(f: Finding): string {
  return [f.kind, ...(f.kind === "circular-dependency" ? fromSmallest(f.locks) : f.locks)].join(" ");
}

export function fromSmallest(cycle: readonly string[]): string[] {
  if (cycle.length === 0) return [];
  const start = cycle.indexOf([...cycle].sort()[0]!);
  return [...cycle.slice(start), ...cycle.slice(0, start)];
}

/** The one finding of `kind`; fails when there is not exactly one. */
export function only(all: readonly Finding[], kind: Finding["kind"]): Finding {
  const matching = all.filter((f) => f.kind === kind);
  if (matching.length !== 1) throw new Error(`expected one ${kind}, got: ${all.map(brief).join("; ") || "none"}`);
  return matching[0]!;
}

/** Two mutexes and two tasks taking them in opposite orders: the canonical ABBA. */
export const ABBA = `DEFINE_MUTEX(lock_a);
DEFINE_MUTEX(lock_b);

static void take_ab(void)
{
	mutex_lock(&lock_a);
	mutex_lock(&lock_b);
	mutex_unlock(&lock_b);
	mutex_unlock(&lock_a);
}

static void take_ba(void)
{
	mutex_lock(&lock_b);
	mutex_lock(&lock_a);
	mutex_unlock(&lock_a);
	mutex_unlock(&lock_b);
}

TASK(take_ab);
TASK(take_ba);
`;
