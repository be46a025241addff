/**
 * Conformance: every case of the kernel lock selftest table (test/engine/selftests/) run through
 * the engine. `ok` cases must produce no finding and no error value; the others must produce the
 * expected kind as their FIRST finding, during the op the table names, with the usage pair or
 * wait context the report prints. Medium/low-confidence verdicts come from decisions.ts; cases
 * the event language cannot express are skipped with their reason in the test name.
 */
import { describe, expect, it } from "vitest";
import { Engine } from "../../src/engine/index.js";
import {
  DECISIONS,
  SKIPS,
  expectationFor,
  judgeRun,
  loadSelftestTable,
  runCase,
  translateCase,
  type SelftestCase,
} from "./selftests/index.js";

const table = loadSelftestTable();
if ("error" in table) throw new Error(table.error);

const skipReasons = new Map(SKIPS.map((s) => [s.case, s.why]));
const decisions = new Map(DECISIONS.map((d) => [d.case, d]));
const runnable = table.cases.filter((c) => !skipReasons.has(c.name));
const skipped = table.cases.flatMap((c) => {
  const why = skipReasons.get(c.name);
  return why === undefined ? [] : [{ name: c.name, why }];
});

function conformanceProblems(c: SelftestCase): readonly string[] {
  const expectation = expectationFor(c, decisions.get(c.name));
  if ("error" in expectation) return [expectation.error];
  const translated = translateCase(c);
  if ("error" in translated) return [translated.error];
  return judgeRun(expectation, runCase(new Engine(translated.config), translated));
}

describe(`lockdep selftests (${table.cases.length} cases)`, () => {
  it.each(runnable.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    expect(conformanceProblems(c)).toEqual([]);
  });
  // Listed one by one so the whole reason shows in the report (each() would truncate it).
  for (const s of skipped) it.skip(`${s.name} — skipped: ${s.why}`, () => {});
});
