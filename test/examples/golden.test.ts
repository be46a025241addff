/**
 * Every example under examples/ is checked as `reclaimdep check --expect` checks it (with the
 * configuration its `// config:` lines state): its findings must be exactly its expectations,
 * and the report text must equal the golden file beside it (`x.c` ↔ `x.expected.txt`).
 * Regenerate goldens after a deliberate change with UPDATE_GOLDEN=1 and read the diff.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import type { CliIo } from "../../src/cli/io.js";

const ROOT = "examples";

function scenarios(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((e) => {
      const p = join(dir, e);
      return statSync(p).isDirectory() ? scenarios(p) : e.endsWith(".c") ? [p] : [];
    });
}

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const io: CliIo = { stdout: (t) => void (out += t), stderr: (t) => void (err += t), readStdin: async () => new Uint8Array(), cwd: process.cwd() };
  const code = await main(args, io);
  return { code, out, err };
}

describe("examples", () => {
  const files = scenarios(ROOT);
  it("there are examples, one or more per seed message", () => {
    for (const seed of ["000", "001", "002", "003", "004"]) expect(files.some((f) => f.includes(`/${seed}-`))).toBe(true);
  });

  it.each(files)("%s meets its expectations and matches its golden report", async (file) => {
    const r = await run(["check", "--expect", file]);
    expect(r.err.split("\n").filter((l) => l.includes("expected") && !l.endsWith("as expected"))).toEqual([]);
    expect(r.code).toBe(0);
    const golden = file.replace(/\.c$/, ".expected.txt");
    if (process.env.UPDATE_GOLDEN) writeFileSync(golden, r.out);
    expect(existsSync(golden), `${golden} is missing: run with UPDATE_GOLDEN=1 and read it`).toBe(true);
    expect(r.out).toBe(readFileSync(golden, "utf8"));
  });
});
