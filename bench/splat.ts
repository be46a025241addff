/**
 * Splat parsing benchmark (issue 6): a generated 200 MB kernel log with three real reports in it
 * (from test/splat/corpus), parsed as a stream. Memory must stay bounded by one report, not grow
 * with the log: heap is sampled as the stream is consumed.
 */
import { createReadStream, createWriteStream, existsSync, mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { once } from "node:events";
import { parseSplats } from "../src/splat/index.js";
import { formatBytes, registerBenchmark } from "./lib/index.js";

const REPORTS = ["circular-fs-reclaim-6x.txt", "inconsistent-3.12-sdhci-hardirq.txt", "sleep-6x-irq.txt"];

async function writeLog(path: string, megabytes: number): Promise<number> {
  const out = createWriteStream(path);
  const reports = REPORTS.map((f) => readFileSync(existsSync(join("test/splat/corpus", f)) ? join("test/splat/corpus", f) : join("test/splat/synthetic", f), "utf8"));
  const target = megabytes * 1024 * 1024;
  let written = 0;
  let t = 1000;
  let next = 0;
  const every = Math.floor(target / (reports.length + 1));
  while (written < target) {
    let chunk = "";
    for (let i = 0; i < 2000; i++) {
      t += 0.000317;
      chunk += `[${t.toFixed(6).padStart(12)}] usb 1-1.${i % 7}: new high-speed USB device number ${i % 97} using ehci-pci\n`;
    }
    if (written >= every * (next + 1) && next < reports.length) chunk += reports[next++] + "\n";
    if (!out.write(chunk)) await once(out, "drain");
    written += Buffer.byteLength(chunk);
  }
  out.end();
  await once(out, "finish");
  return written;
}

registerBenchmark({
  name: "splat",
  summary: "parsing a 200 MB kernel log with three reports in it, streamed: MB/s and memory",
  async run({ quick, log }) {
    const megabytes = quick ? 20 : 200;
    const path = join(mkdtempSync(join(tmpdir(), "reclaimdep-splat-")), "dmesg.log");
    log(`  splat: writing a ${megabytes} MB log ...`);
    await writeLog(path, megabytes);
    const size = statSync(path).size;
    const heapBefore = process.memoryUsage().heapUsed;
    let heapMax = heapBefore;
    let found = 0;
    const start = performance.now();
    let chunks = 0;
    const sampled = (async function* () {
      for await (const c of createReadStream(path, { highWaterMark: 1 << 20 })) {
        if (++chunks % 16 === 0) heapMax = Math.max(heapMax, process.memoryUsage().heapUsed);
        yield c as Uint8Array;
      }
    })();
    for await (const report of parseSplats(sampled)) if (report.kind) found++;
    const ms = performance.now() - start;
    return {
      tables: [
        {
          title: "Splat parsing (streamed, one core)",
          columns: ["log size", "reports found", "time", "MB/s", "heap before", "heap max while parsing", "peak RSS (process)"],
          rows: [[formatBytes(size), String(found), `${(ms / 1000).toFixed(2)} s`, (size / 1e6 / (ms / 1000)).toFixed(1), formatBytes(heapBefore), formatBytes(heapMax), formatBytes(process.resourceUsage().maxRSS * 1024)]],
        },
      ],
      notes: [
        "The log is generated noise (USB messages with dmesg timestamps) with three real reports from test/splat/corpus spread through it.",
        "Memory is bounded by one report (capped at 10,000 lines / 1 MiB): heap max while parsing stays near heap before whatever the log size; peak RSS includes Node, tsx and the benchmark itself.",
      ],
    };
  },
});
