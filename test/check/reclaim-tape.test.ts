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
import { checkScenarioFiles, runProgram } from "../../src/check/check-scenarios.js";
import { renderText } from "../../src/report/index.js";
import { Program } from "../../src/scenario/interpret/program.js";
import { reclaimTapeUsable } from "../../src/scenario/interpret/interpreter.js";
import { parseScenarioFile, parseScenarioSource } from "../../src/scenario/parse/index.js";
import { writeScenario } from "../scenario/interpret/helpers.js";

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

/**
 * The model's runs are shared between scenarios only when the scenario cannot change them. A
 * scenario that defines a function the model calls (here one the model leaves undefined) changes
 * what reclaim does, so it must not replay the tape an earlier, plain scenario left in the process.
 */
describe("a scenario that defines a name the model uses", () => {
  const plain = writeScenario(
    "static DEFINE_MUTEX(a);\n\nstatic void plain(void)\n{\n\tmutex_lock(&a);\n\tvoid *p = kmalloc(64, GFP_KERNEL);\n\tkfree(p);\n\tmutex_unlock(&a);\n}\nTASK(plain);\n",
  );
  const shapingText =
    "static DEFINE_MUTEX(drain_lock);\n\nvoid lru_add_drain(void)\n{\n\tmutex_lock(&drain_lock);\n\tmutex_unlock(&drain_lock);\n}\n\n" +
    "static void fill(void)\n{\n\tmutex_lock(&drain_lock);\n\tvoid *p = kmalloc(64, GFP_KERNEL);\n\tkfree(p);\n\tmutex_unlock(&drain_lock);\n}\nTASK(fill);\n";
  const shaping = writeScenario(shapingText);

  it("is checked as if alone, after a plain scenario in the same process", async () => {
    const first = await checkScenarioFiles([plain]);
    expect(first.ok && first.findings).toEqual([]);
    const second = await checkScenarioFiles([shaping]);
    if (!second.ok) throw new Error(second.diagnostics.map((d) => d.message).join("; "));
    expect(second.findings.map((f) => [f.kind, ...f.locks])).toEqual([["circular-dependency", "drain_lock", "fs_reclaim"]]);
    const parsed = await parseScenarioSource(shapingText, shaping, { config: new Set() });
    if (!parsed.ok) throw new Error(parsed.error.message);
    const alone = runProgram(new Program([parsed.unit], (await loadModel(new Set())).units), new Set());
    // A check adds verified fix hints; runProgram alone does not: compare the reports without them.
    const report = (f: (typeof alone.findings)[number]): string => renderText({ ...f, fix: null });
    expect(second.findings.map(report)).toEqual(alone.findings.map(report));
  });

  const shapes = async (text: string): Promise<boolean> => {
    const parsed = await parseScenarioSource(text, "shapes.c", { config: new Set() });
    if (!parsed.ok) throw new Error(parsed.error.message);
    return new Program([parsed.unit], (await loadModel(new Set())).units).scenarioShapesReclaim;
  };
  it.each([
    ["a plain scenario", "static DEFINE_MUTEX(a);\nstatic void f(void)\n{\n\tmutex_lock(&a);\n\tmutex_unlock(&a);\n}\nTASK(f);\n", false],
    ["a function the model calls", "void prune_icache_sb(void *sb, void *sc)\n{\n}\n", true],
    ["a function the model defines", "void shrink_slab(void)\n{\n}\n", true],
    ["a struct the model's code uses", "struct address_space {\n\tstruct rw_semaphore i_mmap_rwsem;\n};\n", true],
    ["a lock named like one of the model's", "static DEFINE_MUTEX(zonelist_update_seq);\n", true],
    ["a work item queued on a workqueue named like the model's", "static void f(void)\n{\n\tqueue_work(mapping, &w);\n}\nTASK(f);\n", true],
    ["a model function bound as work", "static struct work_struct zz;\nstatic void f(void)\n{\n\tINIT_WORK(&zz, oom_reaper);\n}\nTASK(f);\n", true],
  ])("%s: shapes the model's runs = %s", async (_what, text, expected) => {
    expect(await shapes(text)).toBe(expected);
  });
});
