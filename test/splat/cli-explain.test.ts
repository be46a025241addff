/** `reclaimdep explain` (src/cli/explain.ts): outputs, exit codes, one-line errors. */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { explainCommand } from "../../src/cli/explain.js";
import type { CliIo } from "../../src/cli/io.js";

const here = import.meta.dirname;
const circular = join(here, "synthetic", "circular-fs-reclaim-6x.txt");

function fakeIo(stdin = "", streamed = false): CliIo & { out: string; err: string } {
  const io = {
    out: "",
    err: "",
    cwd: here,
    stdout: (t: string) => {
      io.out += t;
    },
    stderr: (t: string) => {
      io.err += t;
    },
    readStdin: async () => new TextEncoder().encode(stdin),
    ...(streamed
      ? {
          stdinStream: async function* () {
            const bytes = new TextEncoder().encode(stdin);
            for (let i = 0; i < bytes.length; i += 100) yield bytes.slice(i, i + 100);
          },
        }
      : {}),
  };
  return io;
}

describe("reclaimdep explain", () => {
  it("explains a file in plain text (exit 1: reports are findings)", async () => {
    const io = fakeIo();
    expect(await explainCommand(["synthetic/circular-fs-reclaim-6x.txt"], io)).toBe(1);
    expect(io.out).toContain("`kswapd0` (pid 35) holds `fs_reclaim` and wants `&c->lock`");
    expect(io.err).toBe("");
  });

  it("prints the JSON contract", async () => {
    const io = fakeIo();
    expect(await explainCommand([circular, "--format", "json"], io)).toBe(1);
    const json = JSON.parse(io.out) as { reports: { kind: string; lock: string }[] };
    expect(json.reports.map((r) => [r.kind, r.lock])).toEqual([["circular-dependency", "&c->lock"]]);
  });

  it("draws DOT (--format=dot)", async () => {
    const io = fakeIo();
    expect(await explainCommand(["--format=dot", circular], io)).toBe(1);
    expect(io.out.startsWith("digraph splat {")).toBe(true);
  });

  it.each([false, true])("reads standard input with - (streamed: %s)", async (streamed) => {
    const io = fakeIo(readFileSync(circular, "utf8"), streamed);
    expect(await explainCommand(["-", "--format", "json"], io)).toBe(1);
    expect(JSON.parse(io.out).reports).toHaveLength(1);
  });

  it("writes a scenario skeleton to -o, choosing a report with --report", async () => {
    const dir = mkdtempSync(join(tmpdir(), "splat-"));
    const log = join(dir, "two.log");
    writeFileSync(log, `${readFileSync(join(here, "synthetic", "sleep-6x-irq.txt"), "utf8")}\n${readFileSync(circular, "utf8")}`);
    const io = fakeIo();
    expect(await explainCommand([log, "--to-scenario", "--report", "2", "-o", join(dir, "s.c")], io)).toBe(1);
    expect(io.out).toBe("");
    expect(readFileSync(join(dir, "s.c"), "utf8")).toContain("// expect: circular-dependency &c->lock fs_reclaim");
  });

  it.each([
    [[], "explain needs a report file or - for standard input"],
    [["a", "b"], "explain takes one input (a file or -)"],
    [["--format", "svg", "x"], '--format takes text, json or dot, not "svg"'],
    [["--format"], "--format takes text, json or dot"],
    [["--bogus", "x"], "unknown option --bogus"],
    [["--report", "0", "x"], "--report takes a report number (1, 2, ...)"],
    [["-o"], "-o takes a file name"],
    [["missing.log"], "missing.log: no such file"],
    [["synthetic"], "synthetic: is a directory"],
    [["corpus/SOURCES.md"], "corpus/SOURCES.md: no lockdep or might_sleep report found"],
    [["synthetic/sleep-6x-irq.txt", "--to-scenario", "--report", "3"], "--report 3: synthetic/sleep-6x-irq.txt has 1 report"],
  ])("%j → one-line error, exit 2", async (args, message) => {
    const io = fakeIo();
    expect(await explainCommand(args, io)).toBe(2);
    expect(io.err).toBe(`reclaimdep explain: ${message}\n`);
    expect(io.out).toBe("");
  });

  it("treats binary garbage as no report", async () => {
    const dir = mkdtempSync(join(tmpdir(), "splat-"));
    const bin = join(dir, "garbage.bin");
    writeFileSync(bin, Buffer.from(Array.from({ length: 100_000 }, (_, i) => (i * 7919) % 256)));
    const io = fakeIo();
    expect(await explainCommand([bin], io)).toBe(2);
    expect(io.err).toBe(`reclaimdep explain: ${bin}: no lockdep or might_sleep report found\n`);
  });

  it("says standard input when - has no report", async () => {
    const io = fakeIo("hello\n");
    expect(await explainCommand(["-"], io)).toBe(2);
    expect(io.err).toBe("reclaimdep explain: standard input: no lockdep or might_sleep report found\n");
  });
});
