import { describe, expect, it } from "vitest";
import { Scenario } from "./builder.js";

describe("invalid wait context", () => {
  it("mutex under a spinlock: one finding, the wait context, not also a sleep report", () => {
    const s = new Scenario();
    s.task("t").spin("&dev->lock").mutex("&dev->mutex");
    const [f, ...rest] = s.findings();
    expect(rest).toEqual([]);
    expect(f!.kind).toBe("invalid-wait-context");
    expect(f!.locks).toEqual(["&dev->mutex", "&dev->lock"]);
    expect(f!.detail).toMatchObject({ kind: "invalid-wait-context", context: 4, lock: { name: "&dev->mutex", wait: { inner: 3, outer: 3 } } });
  });

  it("spinlock_t under raw_spinlock_t only with PROVE_RAW_LOCK_NESTING or PREEMPT_RT", () => {
    for (const [config, kinds] of [
      [{}, []],
      [{ proveRawLockNesting: true }, ["invalid-wait-context"]],
      [{ preemptRt: true }, ["invalid-wait-context"]],
    ] as const) {
      const s = new Scenario(config);
      s.task("t").acquire("raw_spinlock", "&rq->__lock").spin("&zone->lock");
      expect(s.findings().map((f) => f.kind)).toEqual(kinds);
    }
  });

  it("wait types print per configuration: context 5 and mutex {4:4} with raw nesting", () => {
    const s = new Scenario({ proveRawLockNesting: true });
    s.task("t").acquire("raw_spinlock", "R").mutex("M");
    expect(s.findings()[0]!.detail).toMatchObject({ context: 5, lock: { wait: { inner: 4, outer: 4 } } });
    expect(s.findings()[0]!.heldLocks[0]).toMatchObject({ name: "R", wait: { inner: 2, outer: 2 } });
  });

  it("spinlock in a non-threaded hardirq is fine on !RT; a mutex in any irq is not", () => {
    const s = new Scenario({ proveRawLockNesting: true });
    s.task("t").hardirq((t) => t.spin("A").unspin("A"), true);
    expect(s.findings()).toEqual([]);
    s.task("u").hardirq((t) => t.spin("B").unspin("B"), false);
    expect(s.findings().map((f) => [f.kind, f.detail.kind === "invalid-wait-context" && f.detail.context])).toEqual([["invalid-wait-context", 2]]);
  });

  it("RCU readers: outer FREE lets them nest anywhere, inner CONFIG forbids a mutex inside", () => {
    const s = new Scenario();
    const t = s.task("t").acquire("raw_spinlock", "R").acquire("rcu", "rcu_read_lock", "recursive-read");
    t.release("rcu", "rcu_read_lock").release("raw_spinlock", "R");
    expect(s.findings()).toEqual([]);
    t.acquire("rcu", "rcu_read_lock", "recursive-read").mutex("M");
    expect(s.findings().map((f) => f.kind)).toEqual(["invalid-wait-context"]);
  });
});

describe("sleeping where it is forbidden", () => {
  const reasons = (s: Scenario) => s.findings().map((f) => (f.detail.kind === "sleep-in-atomic" ? `${f.detail.reason}:${f.detail.certainty}` : f.kind));

  it("names the reason: irqs off, spinlock, preemption off, RCU, non_block, irq context", () => {
    const cases: [string, (s: Scenario) => void][] = [
      ["irqs-disabled:might", (s) => s.task("t").irqOff().sleep()],
      ["spinlock:might", (s) => s.task("t").spin("L").sleep()],
      ["preemption-disabled:might", (s) => s.task("t").toggle("preemption", true).sleep()],
      ["preemption-disabled:might", (s) => s.task("t").toggle("softirqs", true).sleep()],
      ["rcu:might", (s) => s.task("t").acquire("rcu", "rcu_read_lock", "recursive-read").sleep()],
      ["non-block:might", (s) => s.task("t").toggle("blocking", true).sleep()],
      ["non-block:actual", (s) => s.task("t").toggle("blocking", true).sleep("actual")],
      ["hardirq:might", (s) => s.task("t").hardirq((t) => t.sleep())],
      ["softirq:actual", (s) => s.task("t").softirq((t) => t.sleep("actual"))],
    ];
    for (const [want, build] of cases) {
      const s = new Scenario();
      build(s);
      expect(reasons(s), want).toEqual([want]);
    }
  });

  it("a mutex with interrupts disabled is a sleep finding with lockdep's might_sleep fields", () => {
    const s = new Scenario();
    s.task("t").irqOff().mutex("M");
    const [f] = s.findings();
    expect(f!.title).toBe("BUG: sleeping function called from invalid context");
    expect(f!.detail).toEqual({ kind: "sleep-in-atomic", reason: "irqs-disabled", certainty: "might", inAtomic: false, irqsDisabled: true, nonBlock: 0, preemptCount: 0, rcuDepth: 0 });
  });

  it("scheduling titles: while atomic, and in a non-blocking section", () => {
    const a = new Scenario();
    a.task("t").spin("L").sleep("actual");
    expect(a.findings()[0]!.title).toBe("BUG: scheduling while atomic");
    expect(a.findings()[0]!.detail).toMatchObject({ inAtomic: true, preemptCount: 1 });
    const b = new Scenario();
    b.task("t").toggle("blocking", true).sleep("actual");
    expect(b.findings()[0]!.title).toBe("BUG: scheduling in a non-blocking section");
  });

  it("sleeping after the section ends is fine; SRCU readers may sleep", () => {
    const s = new Scenario();
    s.task("t").spin("L").unspin("L").toggle("blocking", true).toggle("blocking", false).acquire("srcu", "srcu", "recursive-read").sleep();
    expect(s.findings()).toEqual([]);
  });

  it("PREEMPT_RT: spin_lock sleeps, so it is a sleep finding with irqs off but fine under another spinlock_t", () => {
    const rt = new Scenario({ preemptRt: true });
    rt.task("t").irqOff().spin("&zone->lock");
    expect(reasons(rt)).toEqual(["irqs-disabled:might"]);
    const nested = new Scenario({ preemptRt: true });
    nested.task("t").spin("A").spin("B");
    expect(nested.findings()).toEqual([]);
    const notRt = new Scenario();
    notRt.task("t").irqOff().spin("&zone->lock");
    expect(notRt.findings()).toEqual([]);
  });
});
