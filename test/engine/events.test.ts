import { describe, expect, it } from "vitest";
import { Scenario } from "./builder.js";

/** Waits on events as dependencies (DEPT's idea): waiting for E holding H gives H → E; a signaller's acquisitions before the signal give E → X. */
describe("waits and signals", () => {
  it("a lock held across a wait, taken by the signaller before it signals, is a cycle", () => {
    const s = new Scenario();
    const lock = s.lock("&dev->lock", "mutex");
    const done = s.lock("(completion)&dev->done", "event");
    s.task("waiter").mutex("&dev->lock").acquire("event", "(completion)&dev->done", "write", { momentary: true });
    const sig = s.task("irq_thread");
    s.emit({ kind: "dependency", task: sig.id, from: done, to: lock, stack: [{ function: "dev_thread", file: "x.c", line: 9 }] });
    expect(s.findings().map((f) => [f.kind, ...f.locks])).toEqual([["circular-dependency", "(completion)&dev->done", "&dev->lock"]]);
    expect(s.findings()[0]!.task.name).toBe("irq_thread");
  });

  it("events take no part in irq usage: a completion signalled from an interrupt, waited for with irqs on", () => {
    const s = new Scenario();
    s.task("irq").hardirq((t) => t.acquire("event", "(completion)x", "write", { momentary: true }));
    s.task("waiter").acquire("event", "(completion)x", "write", { momentary: true });
    expect(s.findings()).toEqual([]);
  });

  it("a dependency between classes already ordered the same way adds nothing", () => {
    const s = new Scenario();
    const a = s.lock("A", "mutex");
    const e = s.lock("(wq)q", "event");
    s.task("t").mutex("A").acquire("event", "(wq)q", "write", { momentary: true });
    s.emit({ kind: "dependency", task: 1, from: a, to: e, stack: [] });
    expect(s.findings()).toEqual([]);
    expect(s.engine.stats().dependencies).toBe(1);
  });
});
