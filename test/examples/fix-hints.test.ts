/**
 * Each fix hint an example prints, applied to the example's source by hand (as a developer
 * would), makes the finding go away: the hint is a line the developer can apply.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkScenarioFiles } from "../../src/check/check-scenarios.js";

const files = readdirSync("examples/seeds")
  .filter((f) => f.endsWith(".c"))
  .map((f) => join("examples/seeds", f));

/** The source with the hint applied, or undefined for a hint this test cannot apply textually. */
function apply(source: string, fix: string): string | undefined {
  const mask = /^use (\S+) instead of (\S+) in (\w+)\(\) at \S+:(\d+)$/.exec(fix);
  if (mask) {
    const [, to, from, , line] = mask;
    const lines = source.split("\n");
    const i = Number(line) - 1;
    if (!lines[i]?.includes(from!)) return undefined;
    lines[i] = lines[i]!.replace(from!, to!);
    return lines.join("\n");
  }
  const scope = /^run (\S+)\(\) under memalloc_(\w+)_save\(\)/.exec(fix);
  if (scope) {
    // The entry function's body runs inside the scope.
    const [, fn, kind] = scope;
    const header = new RegExp(`^(static\\s+)?\\w[\\w\\s*]*\\b${fn}\\([^)]*\\)\\s*\\n\\{`, "m");
    const m = header.exec(source);
    if (!m) return undefined;
    const at = m.index + m[0].length;
    return `${source.slice(0, at)}\n\tunsigned int __hint_flags = memalloc_${kind}_save();${source.slice(at)}`;
  }
  return undefined;
}

describe("fix hints of the examples, applied", () => {
  const dir = mkdtempSync(join(tmpdir(), "reclaimdep-hints-"));
  it.each(files)("%s", async (file) => {
    const r = await checkScenarioFiles([file]);
    if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join("; "));
    for (const f of r.findings.filter((x) => x.fix !== null)) {
      const fixed = apply(readFileSync(file, "utf8"), f.fix!);
      expect(fixed, `cannot apply "${f.fix}"`).toBeDefined();
      const out = join(dir, file.split("/").pop()!);
      writeFileSync(out, fixed!);
      const again = await checkScenarioFiles([out]);
      if (!again.ok) throw new Error(again.diagnostics.map((d) => d.message).join("; "));
      const same = again.findings.filter((g) => g.kind === f.kind && [...g.locks].sort().join() === [...f.locks].sort().join());
      expect(same, `after "${f.fix}"`).toEqual([]);
    }
  });
});
