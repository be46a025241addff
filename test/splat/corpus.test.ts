/**
 * Real reports collected from public sources (test/splat/corpus/SOURCES.md): each `.txt` parses
 * to exactly the facts in its `.expected.json` (DESIGN §6 JSON entry plus structure).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseSplatText } from "../../src/splat/index.js";
import { factsOf } from "./facts.js";

const dir = join(import.meta.dirname, "corpus");
const fixtures = readdirSync(dir).filter((f) => f.endsWith(".txt")).sort();

describe("splat corpus", () => {
  it.each(fixtures)("%s parses to its expected facts", async (name) => {
    const text = readFileSync(join(dir, name), "utf8");
    const expected = JSON.parse(readFileSync(join(dir, name.replace(/\.txt$/, ".expected.json")), "utf8")) as unknown;
    const reports = await parseSplatText(text);
    expect(JSON.parse(JSON.stringify({ reports: reports.map(factsOf) }))).toEqual(expected);
  });

  it("holds at least 30 real reports covering every kind and several kernel generations", async () => {
    const kinds = new Set<string>();
    const generations = new Set<string>();
    let count = 0;
    for (const name of fixtures) {
      for (const r of await parseSplatText(readFileSync(join(dir, name), "utf8"))) {
        count++;
        kinds.add(r.kind);
        const major = /^(\d+)\./.exec(r.kernel ?? "")?.[1];
        if (major) generations.add(major);
      }
    }
    expect(count).toBeGreaterThanOrEqual(30);
    expect([...kinds].sort()).toEqual(
      [
        "bad-unlock-balance",
        "circular-dependency",
        "held-lock-at-exit",
        "inconsistent-lock-state",
        "invalid-wait-context",
        "irq-lock-inversion",
        "irq-safe-unsafe-order",
        "recursive-locking",
        "scheduling-while-atomic",
        "sleep-in-atomic",
      ].sort(),
    );
    expect([...generations].sort()).toEqual(["2", "3", "4", "5", "6"]);
  });

  it("lists every fixture in SOURCES.md", () => {
    const sources = readFileSync(join(dir, "SOURCES.md"), "utf8");
    for (const name of fixtures) expect(sources).toContain(name);
  });
});
