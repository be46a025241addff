import { describe, expect, it } from "vitest";
import type { ClassId, Event, TaskId, Toggle } from "../../src/ir/index.js";
import { buildEngineStream, DEFAULT_STREAM_OPTIONS } from "../../bench/engine/index.js";
import type { BenchClass, EngineStream, EngineStreamOptions } from "../../bench/engine/index.js";

const SMALL: EngineStreamOptions = { ...DEFAULT_STREAM_OPTIONS, eventsPerTask: 400, minClasses: 2000 };
const clean = buildEngineStream(SMALL);
const withAbba = buildEngineStream({ ...SMALL, abba: { pairs: 16, share: 0.05 } });

interface TaskReplay {
  held: BenchClass[];
  off: Record<Toggle, number>;
  irq: "hardirq" | "softirq" | undefined;
}

/** Walks one task's events as the kernel would run them; returns the first broken rule. */
function walkTask(
  stream: EngineStream,
  events: readonly Event[],
  maxDepth: { value: number },
  lockOrder = true,
): string | undefined {
  const state: TaskReplay = { held: [], off: { hardirqs: 0, softirqs: 0, preemption: 0, blocking: 0 }, irq: undefined };
  for (const [at, event] of events.entries()) {
    const where = `event ${at} (${event.kind})`;
    switch (event.kind) {
      case "acquire": {
        const c = stream.classes.byId[event.class];
        if (c === undefined) return `${where}: class ${event.class} not defined`;
        const top = state.held.at(-1);
        if (lockOrder && top !== undefined && top.rank >= c.rank) return `${where}: ${c.name} after ${top.name} breaks the lock order`;
        if (c.role === "hardirq-safe" && state.off.hardirqs === 0) return `${where}: hardirq-safe ${c.name} with irqs on`;
        if (c.role === "softirq-safe" && state.off.softirqs === 0) return `${where}: softirq-safe ${c.name} with bh on`;
        if (state.irq === "hardirq" && c.role !== "hardirq-safe") return `${where}: ${c.name} in hardirq`;
        state.held.push(c);
        maxDepth.value = Math.max(maxDepth.value, state.held.length);
        if (state.held.length > 8) return `${where}: depth ${state.held.length}`;
        break;
      }
      case "release": {
        const top = state.held.pop();
        if (top?.id !== event.class) return `${where}: releases ${event.class}, innermost is ${top?.id}`;
        break;
      }
      case "disable":
        state.off[event.what]++;
        break;
      case "enable":
        if (--state.off[event.what] < 0) return `${where}: ${event.what} enabled more than disabled`;
        break;
      case "irq-enter":
        if (state.irq !== undefined || state.off.hardirqs > 0) return `${where}: interrupt while masked or nested`;
        state.irq = event.context;
        break;
      case "irq-exit":
        if (state.irq !== event.context) return `${where}: exit from ${event.context} not entered`;
        state.irq = undefined;
        break;
      case "sleep":
        if (state.irq !== undefined || state.off.hardirqs + state.off.softirqs > 0) return `${where}: sleep in atomic`;
        if (state.held.some((c) => c.role !== "sleeping")) return `${where}: sleep under a spinning lock`;
        break;
      default:
        return `${where}: unexpected kind in a script`;
    }
  }
  const unbalanced = state.held.length > 0 || state.irq !== undefined || state.off.hardirqs + state.off.softirqs > 0;
  return unbalanced ? "script does not end with everything released and re-enabled" : undefined;
}

describe("engine benchmark stream", () => {
  it("defines at least the classes asked for, each exactly once, before the pool", () => {
    const defined = clean.prelude.filter((e) => e.kind === "define-class").map((e) => e.id);
    expect(defined.length).toBeGreaterThanOrEqual(2000);
    expect(new Set(defined).size).toBe(defined.length);
    const kinds = new Set(clean.classes.byId.map((c) => c.lock));
    expect([...kinds].sort()).toEqual(["lockdep_map", "mutex", "raw_spinlock", "rwlock", "rwsem", "spinlock"]);
    expect(clean.prelude.filter((e) => e.kind === "task-start")).toHaveLength(64);
  });

  it("keeps each task's program order in the interleaved pool", () => {
    const byTask = new Map<TaskId, Event[]>();
    for (const event of clean.pool) {
      if (!("task" in event)) throw new Error(`pool event without task: ${event.kind}`);
      byTask.set(event.task, [...(byTask.get(event.task) ?? []), event]);
    }
    expect(byTask.size).toBe(64);
    clean.scripts.forEach((script, index) => {
      const seen = byTask.get(index + 1) ?? [];
      expect(seen.length).toBe(script.length);
      expect(seen.every((event, at) => event === script[at])).toBe(true);
    });
  });

  it("switches task every few events", () => {
    let runs = 1;
    let longest = 0;
    let current = 0;
    for (let at = 1; at < clean.pool.length; at++) {
      const same = (clean.pool[at] as { task: TaskId }).task === (clean.pool[at - 1] as { task: TaskId }).task;
      current = same ? current + 1 : 0;
      if (!same) runs++;
      longest = Math.max(longest, current + 1);
    }
    expect(clean.pool.length / runs).toBeLessThan(SMALL.maxBurst);
    // A burst ends at maxBurst; a task may be picked twice in a row, but rarely many times.
    expect(longest).toBeLessThan(SMALL.maxBurst * 4);
  });

  it("balances every task's script, in lock order, with irq rules kept and depth up to 8", () => {
    const maxDepth = { value: 0 };
    const problems = (stream: EngineStream, lockOrder: boolean): string[] =>
      stream.scripts.flatMap((script, index) => {
        const problem = walkTask(stream, script, maxDepth, lockOrder);
        return problem === undefined ? [] : [`task ${index + 1}: ${problem}`];
      });
    expect(problems(clean, true)).toEqual([]);
    // The ABBA variant breaks the lock order on purpose; everything else must hold.
    expect(problems(withAbba, false)).toEqual([]);
    expect(maxDepth.value).toBe(8);
    expect(clean.profile.trylocks).toBeGreaterThan(0);
    expect(clean.profile.reads).toBeGreaterThan(0);
    expect(clean.profile.hardirqSegments).toBeGreaterThan(0);
    expect(clean.profile.softirqSegments).toBeGreaterThan(0);
    expect(clean.profile.trylocks / clean.profile.acquisitions).toBeLessThan(0.05);
  });

  it("has a checker that notices a broken script", () => {
    const script = clean.scripts[0] ?? [];
    const firstRelease = script.findIndex((e) => e.kind === "release");
    const firstEnable = script.findIndex((e) => e.kind === "enable");
    const withoutRelease = script.filter((_, at) => at !== firstRelease);
    const withoutEnable = script.filter((_, at) => at !== firstEnable);
    expect(walkTask(clean, withoutRelease, { value: 0 })).toMatch(/releases|lock order|depth|does not end/);
    expect(walkTask(clean, withoutEnable, { value: 0 })).toMatch(/irqs on|bh on|enabled more|interrupt while masked|does not end|sleep/);
    expect(walkTask(withAbba, withAbba.scripts.flat(), { value: 0 })).toBeDefined();
  });

  it("takes the ABBA pairs in both orders for about 5 % of the events", () => {
    const orders = new Set<string>();
    for (const script of withAbba.scripts) {
      for (let at = 1; at < script.length; at++) {
        const [a, b] = [script[at - 1], script[at]];
        if (a?.kind === "acquire" && b?.kind === "acquire") orders.add(`${a.class}>${b.class}`);
      }
    }
    const reversed = withAbba.abbaPairs.filter(([low, high]) => orders.has(`${high.id}>${low.id}`));
    expect(reversed.length).toBeGreaterThan(0);
    const share = withAbba.profile.abbaEvents / withAbba.profile.events;
    expect(share).toBeGreaterThan(0.04);
    expect(share).toBeLessThan(0.06);
    expect(clean.profile.abbaEvents).toBe(0);
  });

  it("is deterministic for a seed and survives a JSON round trip", () => {
    const again = buildEngineStream(SMALL);
    const all = [...clean.prelude, ...clean.pool];
    expect(JSON.stringify([...again.prelude, ...again.pool])).toBe(JSON.stringify(all));
    expect(JSON.parse(JSON.stringify(all))).toStrictEqual(all);
    const other = buildEngineStream({ ...SMALL, seed: SMALL.seed + 1 });
    expect(JSON.stringify(other.pool)).not.toBe(JSON.stringify(clean.pool));
  });

  it("uses nearly every class it defines", () => {
    const used = new Set<ClassId>();
    for (const event of clean.pool) if (event.kind === "acquire") used.add(event.class);
    expect(used.size).toBe(clean.profile.classesUsed);
    expect(used.size / clean.classes.byId.length).toBeGreaterThan(0.9);
  });
});
