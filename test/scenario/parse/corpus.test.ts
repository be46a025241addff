/**
 * The corpus: scenario files written the way kernel code is written (drivers, filesystems,
 * block and mm code), each of which must parse without a single diagnostic, under the default
 * configuration and with PREEMPT_RT. They are also input for the interpreter's tests.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseScenarioFile } from "../../../src/scenario/parse/index.js";

const corpus = fileURLToPath(new URL("./corpus/", import.meta.url));
const files = readdirSync(corpus).filter((name) => name.endsWith(".c")).sort();

describe("corpus", () => {
  it("has at least 20 scenarios", () => {
    expect(files.length).toBeGreaterThanOrEqual(20);
  });

  it.each(files)("%s parses with no diagnostics", async (name) => {
    for (const config of [new Set<string>(), new Set(["PREEMPT_RT", "PROVE_RAW_LOCK_NESTING", "MMU_NOTIFIER"])]) {
      const result = await parseScenarioFile(join(corpus, name), { config });
      if (!result.ok) throw new Error(result.error.message);
      expect(result.diagnostics).toEqual([]);
      expect(result.unit.items.some((item) => item.kind === "function")).toBe(true);
      expect(result.unit.items.some((item) => item.kind === "macro-call" && /^(TASK|IRQ_HANDLER|SOFTIRQ_HANDLER|WORK|SHRINKER|MMU_NOTIFIER|CONSOLE)$/.test(item.call.name ?? ""))).toBe(true);
    }
  });
});
