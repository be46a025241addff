/**
 * Streaming: a generated ~20 MB log with a few reports in it, fed as chunks through
 * `parseSplats` (the function a 200 MB memory benchmark calls with `createReadStream(path)`).
 * No timing asserts; the memory bound is structural (lines outside reports are dropped, reports
 * are capped) and checked here through the cap and the over-long-line cut.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseSplats, type SplatReport } from "../../src/splat/index.js";

const circular = readFileSync(join(import.meta.dirname, "synthetic", "circular-fs-reclaim-6x.txt"), "utf8");
const sleep = readFileSync(join(import.meta.dirname, "synthetic", "sleep-6x-irq.txt"), "utf8");

/** ~targetBytes of dmesg noise with `inserts` placed at fractions of the way; yields 64 KiB chunks. */
function* generatedLog(targetBytes: number, inserts: readonly { at: number; text: string }[]): Generator<Uint8Array> {
  const encoder = new TextEncoder();
  let written = 0;
  let n = 0;
  let next = 0;
  let buffer = "";
  while (written < targetBytes) {
    const insert = inserts[next];
    if (insert && written >= insert.at * targetBytes) {
      buffer += `${insert.text}\n`;
      next++;
    }
    const t = (n / 1000).toFixed(6).padStart(12);
    buffer += `[${t}] eth0: rx packet ${n} len ${n % 1500} csum 0x${(n * 2654435761 % 0xffffffff).toString(16)}\n`;
    n++;
    if (buffer.length >= 65536) {
      const bytes = encoder.encode(buffer);
      written += bytes.length;
      buffer = "";
      yield bytes;
    }
  }
  if (buffer) yield encoder.encode(buffer);
}

async function collect(chunks: Iterable<Uint8Array>, options = {}): Promise<SplatReport[]> {
  const out: SplatReport[] = [];
  for await (const r of parseSplats(chunks, options)) out.push(r);
  return out;
}

describe("streaming parse", () => {
  it("finds the reports in a ~20 MB log", async () => {
    const reports = await collect(
      generatedLog(20 * 1024 * 1024, [
        { at: 0.1, text: circular },
        { at: 0.5, text: sleep },
        { at: 0.9, text: circular.replace(/kswapd0\/35/g, "kswapd1/36") },
      ]),
    );
    expect(reports.map((r) => [r.kind, r.task?.name, r.truncated])).toEqual([
      ["circular-dependency", "kswapd0", false],
      ["sleep-in-atomic", "demo-worker", false],
      ["circular-dependency", "kswapd1", false],
    ]);
    expect(reports[0]!.line).toBeGreaterThan(10_000);
    expect(reports[2]!.line).toBeGreaterThan(reports[1]!.line);
  });

  it("cuts a runaway report at the cap, flags it truncated, and still finds the next report", async () => {
    const runaway = ["WARNING: possible recursive locking detected", "6.9.0 #1 Not tainted", "a/1 is trying to acquire lock:", ...Array.from({ length: 50_000 }, (_, i) => `       f${i}+0x1/0x2`)].join("\n");
    const reports = await collect([new TextEncoder().encode(`${runaway}\n${circular}`)], { maxReportLines: 1000 });
    expect(reports.map((r) => [r.kind, r.truncated])).toEqual([
      ["recursive-locking", true],
      ["circular-dependency", false],
    ]);
  });

  it("survives binary garbage and a 5 MB line without newlines", async () => {
    const garbage = new Uint8Array(5 * 1024 * 1024);
    let x = 12345;
    for (let i = 0; i < garbage.length; i++) {
      x = (x * 1103515245 + 12345) & 0x7fffffff;
      garbage[i] = x & 0xff ? (x >> 8) & 0xff : 0;
    }
    const noNewline = new TextEncoder().encode("A".repeat(5 * 1024 * 1024));
    const reports = await collect([garbage, noNewline, new TextEncoder().encode(`\n${sleep}`)]);
    expect(reports.map((r) => r.kind)).toEqual(["sleep-in-atomic"]);
  });
});
