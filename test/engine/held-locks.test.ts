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

  it("a chain re-validated after an out-of-order release is the chain taken afresh (one chain key)", () => {
    const s = new Scenario();
    s.task("t").mutex("A").acquire("rwsem", "B", "read").mutex("C").unmutex("A");
    // Re-acquired above A's slot: the chains B and B,C, keyed as re-validation keys them.
    const chains = s.engine.stats().chains;
    s.task("u").acquire("rwsem", "B", "read").mutex("C");
    expect(s.engine.stats().chains).toBe(chains);
    s.task("v").acquire("rwsem", "B").mutex("C");
    expect(s.engine.stats().chains).toBe(chains + 2);
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

  // The held stack's arrays start at 16 entries and grow: entries below and above the growth
  // point keep their classes, chain keys and wait contexts.
  it("a stack deeper than its first capacity: 40 nested locks, one released out of order", () => {
    const s = new Scenario();
    const t = s.task("t");
    const names = Array.from({ length: 40 }, (_, i) => `L${i}`);
    for (const n of names) t.mutex(n);
    t.unmutex("L3");
    t.spin("S").unspin("S");
    for (const n of [...names].reverse()) if (n !== "L3") t.unmutex(n);
    expect(s.findings()).toEqual([]);
    // L0 → … → L39 is in the graph, and so is L2 → L4, added when L4 was re-validated on L2
    // after L3 left: both shortest cycles go through it.
    s.task("u").mutex("L39").mutex("L0");
    s.task("v").mutex("L4").mutex("L2");
    expect(s.findings().map((f) => [f.kind, ...f.locks])).toEqual([
      ["circular-dependency", "L39", "L0", "L1", "L2", ...names.slice(4, 39)],
      ["circular-dependency", "L4", "L2"],
    ]);
  });

  it("a nest-lock entry keeps its merged references when a lock below it is released", () => {
    const s = new Scenario();
    const t = s.task("t").mutex("outer").mutex("N");
    const nest = 1_000_000;
    t.acquire("mutex", "M", "write", { instance: nest });
    t.acquire("mutex", "A", "write", { instance: 11, nestLock: nest }).acquire("mutex", "A", "write", { instance: 12, nestLock: nest });
    t.unmutex("N");
    t.release("mutex", "A", 12).release("mutex", "A", 11).release("mutex", "M", nest).unmutex("outer");
    expect(s.findings()).toEqual([]);
    t.release("mutex", "A", 11);
    expect(s.findings().map((f) => f.kind)).toEqual(["bad-unlock-balance"]);
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
  it("an unknown toggle is refused", () => {
    const e = new Engine();
    e.apply({ kind: "task-start", task: 1, name: "t" });
    expect(e.apply({ kind: "disable", task: 1, what: "interrupts" as never, stack: [] })?.message).toBe('unknown toggle "interrupts"');
  });

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

  // The subclass of a resumed lock is checked like an acquisition's: out of range, it used to
  // land in another key's subclass slots, so B/1 below was taken as "A/9".
  it("a resumed lock with a subclass out of range is refused and leaves other keys alone", () => {
    const e = new Engine();
    e.apply({ kind: "define-class", id: 1, name: "A", lock: "mutex" });
    e.apply({ kind: "define-class", id: 2, name: "B", lock: "mutex" });
    const resumed = e.apply({ kind: "task-resume", task: 1, name: "t", held: [{ class: 1, mode: "write", subclass: 9, stack: [] }] });
    expect(resumed?.message).toBe("subclass 9 of A is outside 0..7");
    e.apply({ kind: "acquire", task: 2, class: 2, mode: "write", subclass: 1, stack: [] });
    e.apply({ kind: "task-end", task: 2 });
    expect(e.findings().map((f) => [f.kind, ...f.locks])).toEqual([["held-lock-at-exit", "B/1"]]);
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
