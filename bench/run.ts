/**
 * `npm run bench -- [NAME...] [--quick] [--no-write]`: imports every module directly in `bench/`
 * (each registers its benchmarks), runs the selected ones one after another, prints their
 * tables and rewrites their sections of `bench/RESULTS.md`. Exit status: 0 done, 1 a benchmark
 * failed, 2 bad command line or an unwritable RESULTS.md.
 */
import { readdir, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import {
  USAGE,
  commandLine,
  parseRunArgs,
  registeredBenchmarks,
  renderSection,
  replaceSection,
  tableAsText,
} from "./lib/index.js";
import type { Benchmark, BenchResult, RunProvenance } from "./lib/index.js";

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const RESULTS_PATH = join(BENCH_DIR, "RESULTS.md");
const SELF = "run.ts";

/** Benchmark modules live directly in bench/; helpers live in subfolders and are not scanned. */
async function importBenchmarkModules(): Promise<void> {
  const files = (await readdir(BENCH_DIR)).filter(
    (file) => file.endsWith(".ts") && !file.endsWith(".d.ts") && file !== SELF,
  );
  for (const file of files.sort()) await import(pathToFileURL(join(BENCH_DIR, file)).href);
}

function provenance(argv: readonly string[]): RunProvenance {
  return {
    command: commandLine(argv),
    dateUtc: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
    node: process.version,
    cpu: os.cpus()[0]?.model.trim() ?? "unknown",
    load: `1-min load ${(os.loadavg()[0] ?? 0).toFixed(2)} on ${os.availableParallelism()} CPUs at start`,
  };
}

function printResult(benchmark: Benchmark, result: BenchResult): void {
  const lines = [`== ${benchmark.name}: ${benchmark.summary}`, ""];
  for (const table of result.tables) lines.push(tableAsText(table), "");
  for (const note of result.notes) lines.push(`- ${note}`);
  process.stdout.write(`${lines.join("\n")}\n\n`);
}

/** Returns an error message, or undefined once the section is written. */
async function writeResults(name: string, section: string): Promise<string | undefined> {
  const current = await readFile(RESULTS_PATH, "utf8").catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return undefined;
    throw error;
  });
  const updated = replaceSection("bench/RESULTS.md", current, name, section);
  if ("message" in updated) return updated.message;
  await writeFile(RESULTS_PATH, updated.text);
  return undefined;
}

async function main(argv: readonly string[]): Promise<number> {
  const options = parseRunArgs(argv);
  if ("message" in options) {
    process.stderr.write(`${options.message}\n`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  await importBenchmarkModules();
  const available = registeredBenchmarks();
  const unknown = options.names.filter((name) => !available.some((b) => b.name === name));
  if (unknown.length > 0) {
    const known = available.map((b) => b.name).join(", ") || "none";
    process.stderr.write(`unknown benchmark ${unknown.join(", ")} (registered: ${known})\n`);
    return 2;
  }
  const selected = options.names.length === 0 ? available : available.filter((b) => options.names.includes(b.name));
  const log = (line: string): void => void process.stderr.write(`${line}\n`);
  let status = 0;
  for (const benchmark of selected) {
    log(`running ${benchmark.name}${options.quick ? " (quick)" : ""} ...`);
    const startedAt = provenance(argv);
    let result: BenchResult;
    try {
      result = await benchmark.run({ quick: options.quick, log });
    } catch (error) {
      log(`benchmark ${benchmark.name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      status = 1;
      continue;
    }
    printResult(benchmark, result);
    if (!options.write) continue;
    const problem = await writeResults(benchmark.name, renderSection(benchmark.name, startedAt, result));
    if (problem !== undefined) {
      log(problem);
      return 2;
    }
    log(`wrote section ${benchmark.name} of bench/RESULTS.md`);
  }
  return status;
}

process.exitCode = await main(process.argv.slice(2));
