import { describe, expect, it } from "vitest";
import { Engine } from "../../src/engine/index.js";
import { Scenario } from "./builder.js";

describe("held-lock stack", () => {
  it("bad unlock balance: double unlock and unlock of a lock never taken", () => {
    const s = new Scenario();
    s.task("t").mutex("A").unmutex("A").unmutex("A");
    s.task("u").unmutex("B");
    expect(s.findings().map((f) => [f.kind, f.title, f.detail.kind === "bad-unlock-balance" && f.detail.lock])).toEqual([
      ["bad-unlock-balance", "WARNING: bad unlock balance detected!", "A"],
      ["bad-unlock-balance", "WARNING: bad unlock balance detected!", "B"],
    ]);
  });

  it("out-of-order unlock is fine and re-validates the locks above (A→C appears)", () => {
    const s = new Scenario();
    s.task("t").mutex("A").mutex("B").mutex("C").unmutex("B").unmutex("C").unmutex("A");
    expect(s.findings()).toEqual([]);
    s.task("u").mutex("C").mutex("A");
    expect(s.findings().map((f) => [f.kind, ...f.locks])).toEqual([["circular-dependency", "C", "A"]]);
  });

  it("an interrupt cannot release a lock of the task below a lock it holds itself", () => {
    const s = new Scenario();
    s.task("t").spin("A").hardirq((t) => t.spin("B").unspin("A").unspin("B"));
    expect(s.findings().map((f) => f.kind)).toEqual(["bad-unlock-balance"]);
    const ok = new Scenario();
    ok.task("t").spin("A").hardirq((t) => t.unspin("A"));
    expect(ok.findings().map((f) => f.kind)).not.toContain("bad-unlock-balance");
  });

  it("locks held at exit and on return to user space", () => {
    const s = new Scenario();
    s.task("worker").mutex("A").end("exit");
    s.task("ioctl").mutex("B").end("return-to-user");
    expect(s.findings().map((f) => [f.kind, f.title, ...f.locks])).toEqual([
      ["held-lock-at-exit", "WARNING: worker/1 still has locks held!", "A"],
      ["held-lock-at-exit", "WARNING: lock held when returning to user space!", "B"],
    ]);
  });

  it("re-initialising a held lock is a held-lock-freed finding", () => {
    const s = new Scenario();
    const t = s.task("t").mutex("A");
    s.emit({ kind: "instance-reset", task: t.id, class: 1, stack: [{ function: "mutex_init" }] });
    expect(s.findings().map((f) => [f.kind, ...f.locks])).toEqual([["held-lock-freed", "A"]]);
  });

  it("downgrade turns a held writer into a reader", () => {
    const s = new Scenario();
    const t = s.task("t").acquire("rwsem", "S");
    s.emit({ kind: "downgrade", task: t.id, class: 1, stack: [] });
    t.acquire("rwsem", "S", "recursive-read", { instance: 2 });
    expect(s.findings()).toEqual([]);
    const w = new Scenario();
    w.task("t").acquire("rwsem", "S").acquire("rwsem", "S", "recursive-read", { instance: 2 });
    expect(w.findings().map((f) => f.kind)).toEqual(["recursive-locking"]);
  });
});

describe("misuse through the API gives values, never exceptions", () => {
  it("unknown class id, bad subclass, task ended twice, events after the end, unknown kind", () => {
    const e = new Engine();
    const errs = [
      e.apply({ kind: "acquire", task: 1, class: 42, mode: "write", stack: [] }),
      e.apply({ kind: "define-class", id: 1, name: "A", lock: "mutex" }),
      e.apply({ kind: "define-class", id: 1, name: "A", lock: "spinlock" }),
      e.apply({ kind: "acquire", task: 1, class: 1, mode: "write", subclass: 8, stack: [] }),
      e.apply({ kind: "task-start", task: 2, name: "t" }),
      e.apply({ kind: "task-start", task: 2, name: "t" }),
      e.apply({ kind: "task-end", task: 2 }),
      e.apply({ kind: "task-end", task: 2 }),
      e.apply({ kind: "release", task: 2, class: 1, stack: [] }),
      e.apply({ kind: "irq-exit", task: 3, context: "hardirq" }),
      e.apply({ kind: "bogus" } as never),
    ].map((x) => x?.message);
    expect(errs).toEqual([
      "unknown class id 42",
      undefined,
      "class 1 (A) redefined as spinlock, was mutex",
      "subclass 8 of A is outside 0..7",
      undefined,
      "task 2 (t) started twice",
      undefined,
      "task 2 (t) has ended",
      "task 2 (t) has ended",
      "irq-exit from hardirq while not in one (task 3)",
      'unknown event kind "bogus"',
    ]);
    expect(e.findings()).toEqual([]);
  });

  // Small non-negative ids take the engine's typed-array lookup; these take the map.
  it("class ids outside the dense range: defined ones are classes, others errors", () => {
    const e = new Engine();
    const ids = [-7, 2 ** 40, 0.5];
    ids.forEach((id, i) => e.apply({ kind: "define-class", id, name: `L${i}`, lock: "mutex" }));
    const lock = (task: number, id: number, kind: "acquire" | "release") => e.apply({ kind, task, class: id, mode: "write", stack: [] } as never);
    expect([lock(1, -7, "acquire"), lock(1, 2 ** 40, "acquire"), lock(1, 2 ** 40, "release"), lock(1, -7, "release")]).toEqual([undefined, undefined, undefined, undefined]);
    expect([lock(2, 2 ** 40, "acquire"), lock(2, -7, "acquire")]).toEqual([undefined, undefined]);
    expect(e.findings().map((f) => [f.kind, ...f.locks])).toEqual([["circular-dependency", "L1", "L0"]]);
    expect([lock(3, 0.5, "acquire"), lock(3, 1.5, "acquire"), lock(3, -8, "acquire"), lock(3, 2 ** 41, "acquire")].map((x) => x?.message)).toEqual([
      undefined,
      "unknown class id 1.5",
      "unknown class id -8",
      `unknown class id ${2 ** 41}`,
    ]);
    expect(e.apply({ kind: "acquire", task: 3, class: 99, mode: "write", subclass: -1, stack: [] })?.message).toBe("unknown class id 99");
  });

  it("findings survive a JSON round trip", () => {
    const s = new Scenario();
    s.task("t1").mutex("A").mutex("B").unmutex("B").unmutex("A");
    s.task("t2").mutex("B").mutex("A").end();
    s.task("t3").irqOff().mutex("C");
    expect(s.findings().length).toBe(3);
    expect(JSON.parse(JSON.stringify(s.findings()))).toEqual(s.findings());
  });
});
