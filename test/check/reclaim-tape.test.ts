/**
 * Replaying the reclaim levels' tape gives exactly what interpreting them gives: for every
 * example, the findings (and their report text) of a run that replays equal those of a run that
 * interprets, with no change and with a change the tape says it cannot affect.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fileConfig } from "../../src/check/file-config.js";
import { loadModel } from "../../src/check/model.js";
import { runProgram } from "../../src/check/check-scenarios.js";
import { renderText } from "../../src/report/index.js";
import { Program } from "../../src/scenario/interpret/program.js";
import { reclaimTapeUsable } from "../../src/scenario/interpret/interpreter.js";
import { parseScenarioFile } from "../../src/scenario/parse/index.js";

const files = readdirSync("examples/seeds").filter((f) => f.endsWith(".c")).map((f) => join("examples/seeds", f));

describe("reclaim tapes", () => {
  it.each(files)("%s: replay equals interpretation", async (file) => {
    const config = new Set(fileConfig(file));
    const parsed = await parseScenarioFile(file, { config });
    if (!parsed.ok) throw new Error(parsed.error.message);
    const model = await loadModel(config);
    const program = new Program([parsed.unit], model.units);
    const text = (fs: readonly Parameters<typeof renderText>[0][]) => fs.map((f) => renderText(f)).join("\n");

    const interpreted = runProgram(program, config);
    const recorded = runProgram(program, config, undefined, { record: true });
    const tape = recorded.reclaimTape;
    expect(tape).toBeDefined();
    const replayed = runProgram(program, config, undefined, { replay: tape! });
    expect(text(replayed.findings)).toBe(text(interpreted.findings));
    expect(replayed.stats).toEqual(interpreted.stats);

    // A neutral change (an allocation site reclaim never reaches) replays to the same result too.
    const site = [...interpreted.allocationSites.values()].find((s) => s.loc.file === file);
    if (site) {
      const change = { kind: "mask" as const, site: `${site.loc.file}:${site.loc.line}:${site.loc.column}`, gfp: 0 };
      expect(reclaimTapeUsable(tape!, change)).toBe(true);
      expect(text(runProgram(program, config, change, { replay: tape! }).findings)).toBe(text(runProgram(program, config, change).findings));
    }
  });
});
