/**
 * Waits on events in the stream (issue 5: at most 10 % slower). Separate processes vary by
 * ±25 % on a shared machine, more than the effect measured, so this compares in one process:
 * the clean stream and the same stream with waits and signals (bench/engine/events.ts) on two
 * warmed engines, in interleaved windows, medians of each.
 */
import { Engine } from "../src/engine/index.js";
import { buildEngineStream, DEFAULT_STREAM_OPTIONS, type EngineStream } from "./engine/stream.js";
import { formatRate, median, registerBenchmark } from "./lib/index.js";

const EVENTS = { waitShare: 0.5, signalEvery: 200 } as const;

function warmed(s: EngineStream): (n: number) => number {
  const e = new Engine();
  for (const x of s.prelude) e.apply(x);
  for (let p = 0; p < 3; p++) for (const x of s.pool) e.apply(x);
  let pos = 0;
  return (n) => {
    const t = process.hrtime.bigint();
    for (let i = 0; i < n; i++) {
      e.apply(s.pool[pos]!);
      if (++pos === s.pool.length) pos = 0;
    }
    return n / (Number(process.hrtime.bigint() - t) / 1e9);
  };
}

registerBenchmark({
  name: "events",
  summary: "engine events/s with waits on events in the stream vs without, interleaved in one process",
  async run({ quick, log }) {
    const options = quick ? { ...DEFAULT_STREAM_OPTIONS, eventsPerTask: 1024 } : DEFAULT_STREAM_OPTIONS;
    log("  events: building and warming both streams ...");
    const clean = buildEngineStream(options);
    const withEvents = buildEngineStream({ ...options, events: EVENTS });
    const runClean = warmed(clean);
    const runEvents = warmed(withEvents);
    const window = quick ? 200_000 : 2_000_000;
    const c: number[] = [];
    const v: number[] = [];
    for (let r = 0; r < 5; r++) {
      c.push(runClean(window));
      v.push(runEvents(window));
    }
    const change = median(v) / median(c) - 1;
    return {
      tables: [
        {
          title: "Waits on events in the stream (event objects through apply(), one process, 5 interleaved windows each)",
          columns: ["stream", "window", "windows (events/s)", "median", "change"],
          rows: [
            ["clean", String(window), c.map(formatRate).join(", "), formatRate(median(c)), ""],
            ["with waits and signals", String(window), v.map(formatRate).join(", "), formatRate(median(v)), `${change >= 0 ? "+" : ""}${(change * 100).toFixed(1)} %`],
          ],
        },
      ],
      notes: [
        `The events stream adds ${withEvents.pool.length - clean.pool.length} events to the ${clean.pool.length}-event pool: half the might_sleep points wait on another task's event, each task signals its event every ${EVENTS.signalEvery} events.`,
        `Limit (issue 5): no more than 10 % slower — ${change >= -0.1 ? "met" : "NOT met"}.`,
      ],
    };
  },
});
