/**
 * Scenarios written as kernel code is written (the parser's corpus, test/scenario/parse/corpus)
 * must check: `reclaimdep check --no-model --verbose FILE` exits 0 or 1, never 2, and prints no
 * internal error. What each file finds is not asserted here (their `// expect:` lines assume the
 * bundled model); see the report of the suite's author for the ones that differ.
 */
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { reclaimdep, STACK_TRACE } from "../cli/helpers.js";

const CORPUS = fileURLToPath(new URL("../scenario/parse/corpus/", import.meta.url));
const files = readdirSync(CORPUS).filter((f) => f.endsWith(".c")).sort();

describe("the kernel-style corpus checks without the model", () => {
  it("has at least 20 scenarios", () => {
    expect(files.length).toBeGreaterThanOrEqual(20);
  });

  it.each(files)("%s exits 0 or 1 with no internal error", async (file) => {
    const run = await reclaimdep(["check", "--no-model", "--verbose", file], CORPUS);
    expect(run.stderr).not.toMatch(STACK_TRACE);
    expect(run.stderr).not.toMatch(/internal/i);
    expect([0, 1], run.stderr).toContain(run.code);
    expect(run.code === 1).toBe(run.stdout.length > 0);
  });
});
