/**
 * Writes test/report/golden/<case>.txt from the current renderer. Run by hand
 * (`npx tsx test/report/write-golden.ts`), then read every changed file against
 * /work/shared/lockdep-reports.md before keeping it: the golden test compares exactly.
 */
import { writeFileSync } from "node:fs";
import { renderText } from "../../src/report/index.js";
import { GOLDEN_CASES, GOLDEN_OPTIONS } from "./fixtures/index.js";

for (const [name, finding] of Object.entries(GOLDEN_CASES)) {
  writeFileSync(new URL(`golden/${name}.txt`, import.meta.url), renderText(finding, GOLDEN_OPTIONS));
}
