import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { FINDING_KINDS } from "../../src/engine/finding.js";
import { renderText } from "../../src/report/index.js";
import { GOLDEN_CASES, GOLDEN_OPTIONS } from "./fixtures/index.js";

const goldenDir = new URL("golden/", import.meta.url);
const goldenFiles = readdirSync(goldenDir).filter((name) => name.endsWith(".txt"));

describe("golden lockdep-format reports", () => {
  for (const [name, finding] of Object.entries(GOLDEN_CASES)) {
    it(`renders ${name} exactly as golden/${name}.txt`, () => {
      const expected = readFileSync(new URL(`${name}.txt`, goldenDir), "utf8");
      expect(renderText(finding, GOLDEN_OPTIONS)).toBe(expected);
    });
  }

  it("has a golden file for every finding kind", () => {
    for (const kind of FINDING_KINDS) expect(goldenFiles).toContain(`${kind}.txt`);
  });

  it("has a case named after its kind for every finding kind, of that kind", () => {
    for (const kind of FINDING_KINDS) {
      expect(GOLDEN_CASES[kind]?.kind).toBe(kind);
      expect(GOLDEN_CASES[kind]?.detail.kind).toBe(kind);
    }
  });

  it("has no golden file without a case (a stale file would never be compared)", () => {
    expect(goldenFiles.map((file) => file.slice(0, -".txt".length)).sort()).toEqual(Object.keys(GOLDEN_CASES).sort());
  });

  it("names every variant after the kind it renders", () => {
    for (const [name, finding] of Object.entries(GOLDEN_CASES)) expect(name.split("--")[0]).toBe(finding.kind);
  });
});
