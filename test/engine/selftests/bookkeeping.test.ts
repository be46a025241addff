/** The suite's own tables agree with the case table: skips, decisions, expectations, exports. */
import { describe, expect, it } from "vitest";
import * as suite from "./index.js";
import { DECISIONS, SKIPS, expectationFor, loadSelftestTable, translateCase } from "./index.js";

const table = loadSelftestTable();
if ("error" in table) throw new Error(table.error);
const cases = table.cases;
const names = new Set(cases.map((c) => c.name));
const skipped = new Set(SKIPS.map((s) => s.case));

describe("suite bookkeeping", () => {
  it("reads all 406 cases", () => {
    expect(cases).toHaveLength(406);
  });

  it("skips exactly the cases the event language cannot express, each with a reason", () => {
    const untranslatable = cases.filter((c) => "error" in translateCase(c)).map((c) => c.name);
    expect([...skipped].sort()).toEqual(untranslatable.sort());
    for (const s of SKIPS) expect(s.why.length, s.case).toBeGreaterThan(40);
  });

  it("has one decision for every medium/low-confidence case that runs, and none for others", () => {
    const needed = cases.filter((c) => c.confidence !== "high" && !skipped.has(c.name)).map((c) => c.name);
    const decided = DECISIONS.map((d) => d.case);
    expect(new Set(decided).size).toBe(decided.length);
    expect([...decided].sort()).toEqual(needed.sort());
    for (const d of DECISIONS) expect(names.has(d.case), d.case).toBe(true);
  });

  it("resolves an expectation for every case that runs", () => {
    const decisions = new Map(DECISIONS.map((d) => [d.case, d]));
    const problems = cases
      .filter((c) => !skipped.has(c.name))
      .map((c) => expectationFor(c, decisions.get(c.name)))
      .flatMap((e) => ("error" in e ? [e.error] : []));
    expect(problems).toEqual([]);
  });

  it("emits events that survive a JSON round trip (src/ir/README.md), with no undefined fields", () => {
    for (const c of cases) {
      const t = translateCase(c);
      if ("error" in t) continue;
      const events = [...t.prologue, ...t.ops.flatMap((op) => op.events)];
      expect(JSON.parse(JSON.stringify(events)), c.name).toStrictEqual(events);
    }
  });

  it("pins the folder's public surface", () => {
    expect(Object.keys(suite).sort()).toEqual([
      "DECISIONS",
      "SKIPS",
      "TABLE_FILE",
      "describePlace",
      "expectationFor",
      "judgeRun",
      "loadSelftestTable",
      "parseLockName",
      "parseOp",
      "parseSelftestTable",
      "runCase",
      "translateCase",
    ]);
  });
});
