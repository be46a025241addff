import { describe, expect, it } from "vitest";
import { Scenario } from "./builder.js";

describe("circular dependency", () => {
  it("reports ABBA with both chains, the held lock first", () => {
    const s = new Scenario();
    s.task("t1").mutex("A").mutex("B").unmutex("B").unmutex("A");
    s.task("t2").mutex("B").mutex("A");
    const [f, ...rest] = s.findings();
    expect(rest).toEqual([]);
    expect(f!.kind).toBe("circular-dependency");
    expect(f!.task.name).toBe("t2");
    expect(f!.locks).toEqual(["B", "A"]);
    expect(f!.chain.map((d) => [d.from.name, d.to.name, d.stack[0]!.function])).toEqual([
      ["B", "A", "lock A"],
      ["A", "B", "lock B"],
    ]);
    expect(f!.scenario!.steps.map((x) => `${x.cpu}:${x.op}`)).toEqual(["0:lock(B);", "1:lock(A);", "1:lock(B);", "0:lock(A);"]);
    expect(f!.scenario!.chainExistsOf).toBeUndefined();
  });

  it("finds the shortest cycle through three locks and names the chain", () => {
    const s = new Scenario();
    s.task("t1").mutex("A").mutex("B").unmutex("B").unmutex("A");
    s.task("t2").mutex("B").mutex("C").unmutex("C").unmutex("B");
    s.task("t3").mutex("C").mutex("A");
    const [f] = s.findings();
    expect(f!.kind).toBe("circular-dependency");
    expect(f!.locks).toEqual(["C", "A", "B"]);
    expect(f!.scenario!.chainExistsOf).toEqual(["A", "B", "C"]);
    expect(s.findings()).toHaveLength(1);
  });

  it("reports one cause once however often it repeats", () => {
    const s = new Scenario();
    for (let i = 0; i < 3; i++) {
      s.task(`a${i}`).mutex("A").mutex("B").unmutex("B").unmutex("A");
      s.task(`b${i}`).mutex("B").mutex("A").unmutex("A").unmutex("B");
    }
    expect(s.findings().map((f) => f.kind)).toEqual(["circular-dependency"]);
  });

  it("accepts recursive-reader ABBA (R→R) but not non-recursive readers (r→r)", () => {
    const ok = new Scenario();
    ok.task("t1").acquire("lockdep_map", "A", "recursive-read").acquire("lockdep_map", "B", "recursive-read");
    ok.task("t2").acquire("lockdep_map", "B", "recursive-read").acquire("lockdep_map", "A", "recursive-read");
    expect(ok.findings()).toEqual([]);
    const bad = new Scenario();
    bad.task("t1").acquire("rwsem", "A", "read").acquire("rwsem", "B", "read");
    bad.task("t2").acquire("rwsem", "B", "read").acquire("rwsem", "A", "read");
    expect(bad.findings().map((f) => [f.kind, ...f.locks])).toEqual([["circular-dependency", "B", "A"]]);
    expect(bad.findings()[0]!.scenario!.steps.map((x) => x.op)).toEqual(["rlock(B);", "lock(A);", "lock(B);", "rlock(A);"]);
  });

  it("needs a strong cycle: W1→R2, R2→R3, W3→W1 is not a deadlock, W1→R2, W2→R3, W3→R1 is", () => {
    const lm = "lockdep_map" as const;
    const weak = new Scenario();
    weak.task("a").acquire(lm, "L1").acquire(lm, "L2", "recursive-read");
    weak.task("b").acquire(lm, "L2", "recursive-read").acquire(lm, "L3", "recursive-read");
    weak.task("c").acquire(lm, "L3").acquire(lm, "L1");
    expect(weak.findings()).toEqual([]);
    const strong = new Scenario();
    strong.task("a").acquire(lm, "L1").acquire(lm, "L2", "recursive-read");
    strong.task("b").acquire(lm, "L2").acquire(lm, "L3", "recursive-read");
    strong.task("c").acquire(lm, "L3").acquire(lm, "L1", "recursive-read");
    expect(strong.findings().map((f) => f.kind)).toEqual(["circular-dependency"]);
  });

  it("adds no dependency into a trylock, but does add them out of it", () => {
    const s = new Scenario();
    s.task("t1").mutex("A").acquire("mutex", "B", "write", { trylock: true });
    s.task("t2").mutex("B").mutex("A");
    expect(s.findings()).toEqual([]);
    const s2 = new Scenario();
    // lock A; trylock B; lock C records A→C and B→C (lockdep-notes §8)
    s2.task("t1").mutex("A").acquire("mutex", "B", "write", { trylock: true }).mutex("C");
    s2.task("t2").mutex("C").mutex("B");
    expect(s2.findings().map((f) => [f.kind, ...f.locks])).toEqual([["circular-dependency", "C", "B"]]);
    const s3 = new Scenario();
    s3.task("t1").mutex("A").acquire("mutex", "B", "write", { trylock: true }).mutex("C");
    s3.task("t2").mutex("C").mutex("A");
    expect(s3.findings().map((f) => [f.kind, ...f.locks])).toEqual([["circular-dependency", "C", "A"]]);
  });

  it("orders subclasses: C/0 → C/1 and then C/1 → C/0 is a cycle", () => {
    const s = new Scenario();
    s.task("t1").mutex("C").acquire("mutex", "C", "write", { subclass: 1, instance: 7 });
    expect(s.findings()).toEqual([]);
    s.task("t2").acquire("mutex", "C", "write", { subclass: 1, instance: 7 }).mutex("C");
    expect(s.findings().map((f) => [f.kind, ...f.locks])).toEqual([["circular-dependency", "C/1", "C"]]);
  });

  it("validates a held-lock chain once (chain cache)", () => {
    const s = new Scenario();
    const t = s.task("t");
    for (let i = 0; i < 100; i++) t.mutex("A").mutex("B").mutex("C").unmutex("C").unmutex("B").unmutex("A");
    expect(s.engine.stats()).toMatchObject({ classes: 3, dependencies: 2, chains: 3 });
  });
});
