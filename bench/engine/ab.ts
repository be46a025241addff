/**
 * A/B of the engine against an earlier revision, both in one process:
 *
 *     npx tsx bench/engine/ab.ts REV [PASSES] [--objects]
 *
 * Separate benchmark processes on this kind of VM differ by ±30 % for the same code, more than
 * most engine changes. Here the working tree's engine and REV's (checked out in a temporary git
 * worktree) replay the same pool of the engine benchmark, each warmed by one cold pass, then
 * alternate warm passes, so both see the same machine at the same moments. Prints the median
 * pass of each and the change; A/A runs still spread by several per cent, so repeat it. Not a
 * registered benchmark: it compares, it does not record.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { formatRate, median } from "../lib/index.js";
import { buildEngineStream, DEFAULT_STREAM_OPTIONS, encodePool, type EngineUnderTest } from "./index.js";

type EngineClass = new () => EngineUnderTest;

const USAGE = "usage: npx tsx bench/engine/ab.ts REV [PASSES] [--objects]";

async function engineAt(root: string): Promise<EngineClass> {
  const module = (await import(pathToFileURL(join(root, "src/engine/index.ts")).href)) as { Engine: EngineClass };
  return module.Engine;
}

async function main(argv: readonly string[]): Promise<number> {
  const objects = argv.includes("--objects");
  const [rev, passesText] = argv.filter((a) => a !== "--objects");
  const passes = Number(passesText ?? 40);
  if (rev === undefined || !Number.isInteger(passes) || passes < 2) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const here = resolve(".");
  const dir = mkdtempSync(join(tmpdir(), "reclaimdep-ab-"));
  const base = join(dir, "tree");
  try {
    execFileSync("git", ["worktree", "add", "--detach", base, rev], { stdio: "ignore" });
  } catch {
    rmSync(dir, { recursive: true, force: true });
    process.stderr.write(`cannot check out ${JSON.stringify(rev)} in a git worktree (not a revision of this repository?)\n${USAGE}\n`);
    return 2;
  }
  try {
    symlinkSync(join(here, "node_modules"), join(base, "node_modules"));
    const stream = buildEngineStream(DEFAULT_STREAM_OPTIONS);
    const pool = stream.pool;
    const encoded = encodePool(pool);
    if (!encoded) throw new Error("the pool has events without a compact form");
    const { records, stacks } = encoded;
    // A revision that refuses the working tree's events or records must not pass for fast.
    const errors = [0, 0];
    const pass = (engine: EngineUnderTest, which: number): void => {
      if (objects) {
        for (const event of pool) if (engine.apply(event)) errors[which]!++;
      } else if (engine.applyRecords(records, pool.length, stacks)) errors[which]!++;
    };
    const labels = [`${rev} (base)`, "working tree"];
    const engines = [];
    for (const root of [base, here]) {
      const engine = new (await engineAt(root))();
      for (const event of stream.prelude) engine.apply(event);
      process.stderr.write(`  cold pass of ${labels[engines.length]} ...\n`);
      pass(engine, engines.length);
      engines.push(engine);
    }
    const times: number[][] = [[], []];
    for (let p = 0; p < passes; p++) {
      const which = p % 2;
      const start = performance.now();
      pass(engines[which]!, which);
      times[which]!.push(performance.now() - start);
    }
    if (errors.some((n) => n > 0)) {
      process.stderr.write(`the engines refused input (${labels[0]}: ${errors[0]} passes with errors, ${labels[1]}: ${errors[1]}): no comparison\n`);
      return 2;
    }
    const [a, b] = times.map(median) as [number, number];
    const rate = (ms: number): string => formatRate(pool.length / (ms / 1e3));
    process.stdout.write(
      `${objects ? "event objects" : "records"}, ${pool.length} events per pass, ${times[0]!.length} / ${times[1]!.length} warm passes, medians:\n` +
        `  ${labels[0]}: ${a.toFixed(1)} ms (${rate(a)})\n  ${labels[1]}: ${b.toFixed(1)} ms (${rate(b)})\n` +
        `  change: ${((a / b - 1) * 100).toFixed(1)} % events/s; findings ${engines.map((e) => e.findings().length).join(" / ")}\n`,
    );
    return 0;
  } finally {
    rmSync(join(base, "node_modules"), { force: true });
    execFileSync("git", ["worktree", "remove", "--force", base], { stdio: "ignore" });
    rmSync(dir, { recursive: true, force: true });
  }
}

process.exitCode = await main(process.argv.slice(2));
