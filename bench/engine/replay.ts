/**
 * Drives an engine with a stream and measures it: the prelude, a warm-up of whole pool passes
 * (the dependency graph and chain cache fill up), then a measured window of exactly
 * `measuredEvents` events continuing the cyclic replay. Time is summed per window of
 * `sampleEvery` events; memory is sampled between windows, outside the timed part.
 */
import type { Engine, EngineError, EngineStats, FindingKind } from "../../src/engine/index.js";
import { encodeEvent, RECORD_WIDTH, type Stack } from "../../src/ir/index.js";
import type { EngineStream } from "./stream.js";

export type EngineUnderTest = Pick<Engine, "apply" | "applyRecords" | "findings" | "stats">;

/** The pool as Int32 records with a stack table, or undefined if an event has no compact form. */
export function encodePool(pool: EngineStream["pool"]): { records: Int32Array; stacks: Stack[] } | undefined {
  const records = new Int32Array(pool.length * RECORD_WIDTH);
  const stacks: Stack[] = [];
  const index = new Map<Stack, number>();
  const stackIndex = (st: Stack): number => {
    let i = index.get(st);
    if (i === undefined) {
      i = stacks.length;
      stacks.push(st);
      index.set(st, i);
    }
    return i;
  };
  for (let i = 0; i < pool.length; i++) if (!encodeEvent(pool[i]!, records, i, stackIndex)) return undefined;
  return { records, stacks };
}

export interface ReplayPlan {
  readonly warmupPasses: number;
  readonly measuredEvents: number;
  readonly sampleEvery: number;
}

export interface MemoryFigures {
  readonly heapAfterStreamBuilt: number;
  readonly heapAfterWarmup: number;
  readonly heapAfterRun: number;
  readonly heapMinDuringRun: number;
  readonly heapMaxDuringRun: number;
  /** process.resourceUsage().maxRSS: the true peak, in bytes. */
  readonly peakRss: number;
}

export interface ReplayFigures {
  readonly warmupEvents: number;
  /** Time of each warm-up pass; the first is the cold pass that builds the graph. */
  readonly warmupPassNs: readonly number[];
  readonly measuredEvents: number;
  readonly measuredNs: number;
  readonly eventsPerSecond: number;
  /** Events per second of each sampled window, in run order. */
  readonly windowRates: readonly number[];
  /** apply() results that were errors, and the first few messages. */
  readonly errors: number;
  readonly firstErrors: readonly string[];
  readonly findingsAfterWarmup: number;
  readonly findings: number;
  readonly findingKinds: Readonly<Partial<Record<FindingKind, number>>>;
  readonly stats: EngineStats;
  readonly memory: MemoryFigures;
}

export function replay(engine: EngineUnderTest, stream: EngineStream, plan: ReplayPlan, form: "objects" | "records" = "objects"): ReplayFigures {
  const heapAfterStreamBuilt = process.memoryUsage().heapUsed;
  let errors = 0;
  const firstErrors: string[] = [];
  const noteError = (error: EngineError | undefined): void => {
    if (error === undefined) return;
    errors++;
    if (firstErrors.length < 3) firstErrors.push(`${error.message} (event ${JSON.stringify(error.event)})`);
  };
  for (const event of stream.prelude) noteError(engine.apply(event));

  const pool = stream.pool;
  const encoded = form === "records" ? encodePool(pool) : undefined;
  if (form === "records" && !encoded) throw new Error("the pool has events without a compact form");
  /** Applies `count` pool events from `at` (not wrapping) in the variant's form. */
  const applyRange = (at: number, count: number): void => {
    if (encoded) noteError(engine.applyRecords(encoded.records.subarray(at * RECORD_WIDTH), count, encoded.stacks));
    else for (let i = at; i < at + count; i++) noteError(engine.apply(pool[i]!));
  };
  const warmupPassNs: number[] = [];
  for (let pass = 0; pass < plan.warmupPasses; pass++) {
    const passStart = process.hrtime.bigint();
    applyRange(0, pool.length);
    warmupPassNs.push(Number(process.hrtime.bigint() - passStart));
  }
  const findingsAfterWarmup = engine.findings().length;
  const heapAfterWarmup = process.memoryUsage().heapUsed;

  const windowRates: number[] = [];
  let measuredNs = 0;
  let heapMin = Infinity;
  let heapMax = 0;
  let position = 0;
  for (let done = 0; done < plan.measuredEvents; ) {
    const window = Math.min(plan.sampleEvery, plan.measuredEvents - done);
    const start = process.hrtime.bigint();
    for (let left = window; left > 0; ) {
      const n = Math.min(left, pool.length - position);
      applyRange(position, n);
      left -= n;
      position += n;
      if (position === pool.length) position = 0;
    }
    const elapsed = Number(process.hrtime.bigint() - start);
    measuredNs += elapsed;
    windowRates.push((window * 1e9) / elapsed);
    done += window;
    const usage = process.memoryUsage();
    heapMin = Math.min(heapMin, usage.heapUsed);
    heapMax = Math.max(heapMax, usage.heapUsed);
  }
  const findings = engine.findings();
  const findingKinds: Partial<Record<FindingKind, number>> = {};
  for (const finding of findings) findingKinds[finding.kind] = (findingKinds[finding.kind] ?? 0) + 1;
  return {
    warmupEvents: plan.warmupPasses * pool.length,
    warmupPassNs,
    measuredEvents: plan.measuredEvents,
    measuredNs,
    eventsPerSecond: (plan.measuredEvents * 1e9) / measuredNs,
    windowRates,
    errors,
    firstErrors,
    findingsAfterWarmup,
    findings: findings.length,
    findingKinds,
    stats: engine.stats(),
    memory: {
      heapAfterStreamBuilt,
      heapAfterWarmup,
      heapAfterRun: process.memoryUsage().heapUsed,
      heapMinDuringRun: windowRates.length === 0 ? heapAfterWarmup : heapMin,
      heapMaxDuringRun: heapMax,
      peakRss: process.resourceUsage().maxRSS * 1024,
    },
  };
}
