import { describe, expect, it } from "vitest";
import { Engine } from "../../../src/engine/index.js";
import type { EngineStats } from "../../../src/engine/index.js";
import type { Event } from "../../../src/ir/index.js";
import { buildEngineStream, DEFAULT_STREAM_OPTIONS, replay } from "../../../bench/engine/index.js";
import type { EngineUnderTest } from "../../../bench/engine/index.js";

const stream = buildEngineStream({ ...DEFAULT_STREAM_OPTIONS, eventsPerTask: 200 });

/** Records what it is given; answers every 1000th event with an error value. */
function recordingEngine(): EngineUnderTest & { readonly seen: Event[] } {
  const seen: Event[] = [];
  const stats: EngineStats = { events: 0, classes: 0, dependencies: 0, chains: 0 };
  return {
    seen,
    apply: (event) => {
      seen.push(event);
      return seen.length % 1000 === 0 ? { message: "test error", event } : undefined;
    },
    // The objects form only: the records form is the engine's own applyRecords.
    applyRecords: () => ({ message: "records form not recorded", event: { kind: "task-end", task: 0 } }),
    findings: () => [],
    stats: () => ({ ...stats, events: seen.length }),
  };
}

describe("replay", () => {
  it("applies the prelude, whole warm-up passes, then exactly the measured events cyclically", () => {
    const engine = recordingEngine();
    const measured = stream.pool.length + 123;
    const figures = replay(engine, stream, { warmupPasses: 2, measuredEvents: measured, sampleEvery: 1000 });
    const { prelude, pool } = stream;
    expect(engine.seen.length).toBe(prelude.length + 2 * pool.length + measured);
    expect(engine.seen.slice(0, prelude.length)).toEqual(prelude);
    const afterPrelude = engine.seen.slice(prelude.length);
    expect(afterPrelude.every((event, at) => event === pool[at % pool.length])).toBe(true);
    expect(figures.warmupEvents).toBe(2 * pool.length);
    expect(figures.warmupPassNs).toHaveLength(2);
    expect(figures.measuredEvents).toBe(measured);
    expect(figures.windowRates).toHaveLength(Math.ceil(measured / 1000));
    expect(figures.errors).toBe(Math.floor(engine.seen.length / 1000));
    expect(figures.firstErrors[0]).toMatch(/^test error \(event \{"kind":/);
    expect(figures.stats.events).toBe(engine.seen.length);
  });

  it("gives the engine a stream it accepts without a finding, and finds the ABBA pairs", () => {
    const engine = new Engine();
    const clean = replay(engine, stream, { warmupPasses: 1, measuredEvents: 1000, sampleEvery: 1000 });
    expect(clean.firstErrors).toEqual([]);
    expect(clean.findingKinds).toEqual({});
    const abba = buildEngineStream({ ...DEFAULT_STREAM_OPTIONS, eventsPerTask: 200, abba: { pairs: 4, share: 0.05 } });
    const bad = replay(new Engine(), abba, { warmupPasses: 1, measuredEvents: 1000, sampleEvery: 1000 });
    expect(bad.firstErrors).toEqual([]);
    expect(Object.keys(bad.findingKinds)).toEqual(["circular-dependency"]);
    expect(bad.findings).toBe(bad.findingsAfterWarmup);
  });
});
