/**
 * The splat → scenario round trip (issue 6): every report of every fixture is written as a
 * skeleton (`toScenario`), checked with the bundled model under the configuration the skeleton
 * names (`// config:`), and the check must find exactly what its `// expect:` line says — kinds
 * equal, locks as sets, nothing else — as `reclaimdep check --expect` compares them. Reports cut
 * short must say so (`// partial:`) and expect nothing they do not reproduce.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkScenarioFiles } from "../../src/check/check-scenarios.js";
import { compareExpectations } from "../../src/check/expectations.js";
import { FINDING_KINDS } from "../../src/engine/finding.js";
import { parseSplatText, toScenario } from "../../src/splat/index.js";

interface Case {
  readonly name: string;
  readonly kind: string;
  readonly text: string;
}

const cases: Case[] = [];
for (const dir of ["corpus", "synthetic"]) {
  for (const file of readdirSync(join(import.meta.dirname, dir)).filter((f) => f.endsWith(".txt")).sort()) {
    const reports = await parseSplatText(readFileSync(join(import.meta.dirname, dir, file), "utf8"));
    reports.forEach((report, i) => cases.push({ name: `${dir}/${file}${reports.length > 1 ? `#${i}` : ""}`, kind: report.kind, text: toScenario(report) }));
  }
}
const scratch = mkdtempSync(join(tmpdir(), "reclaimdep-round-trip-"));

const configOf = (text: string): string[] => (/^\/\/ config: (.*)$/m.exec(text)?.[1] ?? "").split(/\s+/).filter((w) => w !== "");
const isPartial = (text: string): boolean => /^\/\/ partial: \S/m.test(text);
const expectLines = (text: string): string[] => text.split("\n").filter((l) => l.startsWith("// expect: "));

/** Checks a skeleton as `check --expect` would: the mismatches, and the findings as `kind locks`. */
async function roundTrip(c: Case): Promise<{ mismatches: string[]; found: string[]; expected: number }> {
  const path = join(scratch, `${c.name.replace(/[^\w.-]+/g, "_")}.c`);
  writeFileSync(path, c.text);
  const result = await checkScenarioFiles([path], { config: configOf(c.text) });
  if (!result.ok) return { mismatches: result.diagnostics.map((d) => `${d.loc.file}: ${d.message}`), found: [], expected: 0 };
  const expectations = result.expectations.get(path) ?? [];
  return {
    mismatches: compareExpectations(path, expectations, result.findings).map((m) => m.message),
    found: result.findings.map((f) => `${f.kind} ${[...f.locks].sort().join(" ")}`),
    expected: expectations.filter((e) => e.kind === "finding").length,
  };
}

const complete = cases.filter((c) => !isPartial(c.text));
const partial = cases.filter((c) => isPartial(c.text));

describe("complete reports reproduce their finding", () => {
  it.each(complete.map((c) => [c.name, c] as const))("%s", async (_name, c) => {
    const { mismatches, expected } = await roundTrip(c);
    expect(mismatches).toEqual([]);
    expect(expected).toBe(1);
  });

  it("covers every finding kind the parser reports", () => {
    const kinds = new Set(complete.map((c) => /^\/\/ expect: (\S+)/m.exec(c.text)?.[1]));
    expect([...kinds].sort()).toEqual(FINDING_KINDS.filter((k) => k !== "ww-api-misuse").sort());
  });
});

describe("reports cut short say so", () => {
  it("are exactly the ones whose chain, held list or context is missing", () => {
    expect(partial.map((c) => c.name)).toEqual([
      "corpus/circular-3.11-tty-termios.txt",
      "corpus/circular-4.5-ceph-syslog-012.txt",
      "corpus/circular-6.1-syzbot-arm64-exfat.txt",
      "corpus/circular-6.12-aufs-loop.txt",
      "corpus/circular-6.2-syzbot-riscv-ext4-inline-at.txt",
      "corpus/circular-6.x-zfs-kswapd-symbolized.txt",
      "corpus/invalid-wait-6.2-bcachefs-kmsg-syslog.txt",
      "corpus/multi-6.1-powerpc-sleep-then-circular-caller-ids.txt#0",
      "corpus/multi-6.1-powerpc-sleep-then-circular-caller-ids.txt#1",
    ]);
  });

  it.each(partial.map((c) => [c.name, c] as const))("%s: header says partial, check agrees with its expect lines", async (_name, c) => {
    expect(c.text).toContain(" * PARTIAL: the report was cut short;");
    expect(expectLines(c.text)).toEqual([]);
    const { mismatches, found } = await roundTrip(c);
    expect(mismatches).toEqual([]);
    expect(found).toEqual([]);
  });
});
