import { describe, expect, it } from "vitest";
import { renderSection, replaceSection } from "../../../bench/lib/index.js";
import type { BenchResult, RunProvenance } from "../../../bench/lib/index.js";

const provenance: RunProvenance = {
  command: "npm run bench -- engine",
  dateUtc: "2026-11-22T17:00:00Z",
  node: "v20.20.2",
  cpu: "Test CPU @ 2.0GHz",
  load: "1-min load 0.10 on 2 CPUs at start",
};
const result: BenchResult = {
  tables: [{ title: "Throughput", columns: ["variant", "events/s"], rows: [["clean | 10M", "21.0 M/s"]] }],
  notes: ["one note"],
};

describe("RESULTS.md sections", () => {
  it("renders command, date, node, CPU, tables and notes between the markers", () => {
    expect(renderSection("engine", provenance, result)).toBe(
      [
        "<!-- bench:engine:begin -->",
        "## engine",
        "",
        "- command: `npm run bench -- engine`",
        "- date (UTC): 2026-11-22T17:00:00Z",
        "- node: v20.20.2",
        "- CPU: Test CPU @ 2.0GHz (1-min load 0.10 on 2 CPUs at start)",
        "",
        "**Throughput**",
        "",
        "| variant | events/s |",
        "| --- | --- |",
        "| clean \\| 10M | 21.0 M/s |",
        "",
        "- one note",
        "<!-- bench:engine:end -->",
      ].join("\n"),
    );
  });

  it("creates the file, appends new sections and replaces only its own", () => {
    const first = replaceSection("R.md", undefined, "engine", "<!-- bench:engine:begin -->\nold\n<!-- bench:engine:end -->");
    if (!("text" in first)) throw new Error(first.message);
    expect(first.text).toMatch(/^# Benchmark results\n/);
    const second = replaceSection("R.md", first.text, "trace", "<!-- bench:trace:begin -->\nT\n<!-- bench:trace:end -->");
    if (!("text" in second)) throw new Error(second.message);
    const third = replaceSection("R.md", second.text, "engine", "<!-- bench:engine:begin -->\nnew\n<!-- bench:engine:end -->");
    if (!("text" in third)) throw new Error(third.message);
    expect(third.text).toBe(second.text.replace("\nold\n", "\nnew\n"));
    expect(third.text).toContain("<!-- bench:trace:begin -->\nT\n<!-- bench:trace:end -->");
  });

  it("refuses a file whose markers were damaged, naming the place", () => {
    const damaged = "# Benchmark results\n\n<!-- bench:engine:begin -->\nfigures\n";
    expect(replaceSection("bench/RESULTS.md", damaged, "engine", "x")).toEqual({
      message: "bench/RESULTS.md:3:1: <!-- bench:engine:begin --> without a following <!-- bench:engine:end -->; fix the file by hand",
    });
    const twice = "<!-- bench:engine:begin -->\n<!-- bench:engine:end -->\n  <!-- bench:engine:begin -->\n";
    expect(replaceSection("R.md", twice, "engine", "x")).toEqual({
      message: "R.md:3:3: second <!-- bench:engine:begin -->; keep one section per benchmark",
    });
  });
});
