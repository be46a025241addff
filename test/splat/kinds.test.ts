/** Synthetic reports (our own text, in the kernel's format) for kinds the corpus lacks. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseSplatText } from "../../src/splat/index.js";

const load = async (name: string) => {
  const reports = await parseSplatText(readFileSync(join(import.meta.dirname, "synthetic", name), "utf8"));
  expect(reports).toHaveLength(1);
  return reports[0]!;
};

describe("report kinds (synthetic)", () => {
  it("held lock freed", async () => {
    const r = await load("held-lock-freed.txt");
    expect(r).toMatchObject({ kind: "held-lock-freed", lock: { name: "&obj->lock" }, freedRange: { start: "ffff888020304000", end: "ffff8880203043ff" }, truncated: false });
    expect(r.backtrace.map((f) => f.function)).toEqual(["dump_stack_lvl", "debug_check_no_locks_freed", "kfree", "demo_destroy"]);
  });

  it("nested lock not taken keeps both halves and stops before the next message", async () => {
    const r = await load("nested-lock-not-taken.txt");
    expect(r).toMatchObject({ kind: "nested-lock-not-held", nestLock: "&set->lock", lock: { name: "&obj->lock" }, truncated: false });
    expect(r.heldLocks).toEqual({ task: { name: "demo", pid: 78, cpu: null }, count: 0, locks: [] });
  });

  it("task exit with locks held", async () => {
    const r = await load("still-has-locks.txt");
    expect(r).toMatchObject({ kind: "held-lock-at-exit", task: { name: "demo", pid: 79, cpu: 2 }, lock: null, truncated: false });
    expect(r.heldLocks?.locks.map((l) => l.name)).toEqual(["&obj->lock"]);
  });

  it("scheduling in a non-blocking section (MMU notifier under the OOM reaper)", async () => {
    const r = await load("non-blocking-section.txt");
    expect(r).toMatchObject({ kind: "sleep-in-atomic", nonBlock: 1, task: { name: "oom_reaper", pid: 58, cpu: 1 }, truncated: false });
  });

  it("modern might_sleep with every field", async () => {
    const r = await load("sleep-6x-irq.txt");
    expect(r).toMatchObject({
      kind: "sleep-in-atomic",
      location: { file: "include/linux/sched/mm.h", line: 315 },
      inAtomic: true,
      irqsDisabled: true,
      nonBlock: 0,
      preemptCount: 1,
      preemptExpected: 0,
      rcuNestDepth: 0,
      task: { name: "demo-worker", pid: 4242, cpu: 3 },
      kernel: "6.9.0",
      taint: "Tainted: G        W",
      preemptDisabledAt: { function: "_raw_spin_lock_irqsave" },
      truncated: false,
    });
    expect(r.heldLocks?.locks.map((l) => l.name)).toEqual(["&dev->lock"]);
  });

  it("no report in ordinary log text", async () => {
    expect(await parseSplatText("usb 1-1: new device\nWARNING: CPU: 0 PID: 1 at x.c:1 f+0x1/0x2\n")).toEqual([]);
  });
});
