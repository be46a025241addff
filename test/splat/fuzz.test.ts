/**
 * Untrusted input: shuffled and spliced fragments of real reports, control bytes and noise never
 * make the parser throw, and every report it returns is well-formed.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { expect, it } from "vitest";
import { explainReports, parseSplatText, renderDot, renderJson, toScenario } from "../../src/splat/index.js";

const corpusLines = readdirSync(join(import.meta.dirname, "corpus"))
  .filter((f) => f.endsWith(".txt"))
  .flatMap((f) => readFileSync(join(import.meta.dirname, "corpus", f), "utf8").split("\n"));

const line = fc.oneof(
  fc.constantFrom(...corpusLines),
  fc.string({ maxLength: 80 }),
  fc.constantFrom("WARNING: possible circular locking dependency detected", "-> #1 (x){+.+.}-{3:3}:", " #0: ffff (y){....}, at:", "[<", "<TASK>", "</TASK>", "\u0000\u001b[0m", "#012"),
);

it("never throws on spliced report fragments, and renders what it finds", async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(line, { maxLength: 120 }), async (lines) => {
      const reports = await parseSplatText(lines.join("\n"));
      for (const r of reports) {
        expect(typeof r.kind).toBe("string");
        expect(typeof r.truncated).toBe("boolean");
        expect(r.line).toBeGreaterThan(0);
        toScenario(r);
      }
      JSON.parse(renderJson(reports));
      renderDot(reports);
      explainReports(reports);
    }),
    { numRuns: 300 },
  );
});
