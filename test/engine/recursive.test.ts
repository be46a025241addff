import { describe, expect, it } from "vitest";
import { Scenario } from "./builder.js";

describe("recursive locking", () => {
  it("reports two instances of one class nested", () => {
    const s = new Scenario();
    s.task("t").acquire("mutex", "&o->lock", "write", { instance: 1 }).acquire("mutex", "&o->lock", "write", { instance: 2 });
    const [f] = s.findings();
    expect(f!.kind).toBe("recursive-locking");
    expect(f!.locks).toEqual(["&o->lock"]);
    expect(f!.detail).toMatchObject({ kind: "recursive-locking", lock: { name: "&o->lock" }, holding: { name: "&o->lock" } });
    expect(f!.scenario!.steps.map((x) => x.op)).toEqual(["lock(&o->lock);", "lock(&o->lock);"]);
  });

  it("allows the nesting annotation (subclass) and a nest lock held below", () => {
    const s = new Scenario();
    s.task("t").acquire("mutex", "&o->lock", "write", { instance: 1 }).acquire("mutex", "&o->lock", "write", { instance: 2, subclass: 1 });
    const nest = new Scenario();
    const t = nest.task("t").acquire("spinlock", "X", "write", { instance: 10 });
    t.acquire("spinlock", "Y", "write", { instance: 20, nestLock: 10 }).spin("A").acquire("spinlock", "Y", "write", { instance: 21, nestLock: 10 });
    expect([...s.findings(), ...nest.findings()]).toEqual([]);
  });

  it("reports down_read twice (a waiting writer blocks the second reader) but not two recursive reads", () => {
    const s = new Scenario();
    s.task("t").acquire("rwsem", "S", "read", { instance: 1 }).acquire("rwsem", "S", "read", { instance: 2 });
    expect(s.findings().map((f) => f.kind)).toEqual(["recursive-locking"]);
    const ok = new Scenario();
    ok.task("t").acquire("rwlock", "L", "read", { instance: 1 });
    ok.task("irq").hardirq((t) => t.acquire("rwlock", "L", "read", { instance: 1 }).acquire("rwlock", "L", "read", { instance: 2 }));
    expect(ok.findings()).toEqual([]);
  });

  it("reports a nest lock that is not held", () => {
    const s = new Scenario();
    s.lock("N", "mutex");
    s.task("t").acquire("spinlock", "A", "write", { nestLock: -1 - 1 });
    expect(s.findings().map((f) => [f.kind, f.detail.kind === "nested-lock-not-held" ? f.detail.nestLock : ""])).toEqual([["nested-lock-not-held", "N"]]);
  });
});
