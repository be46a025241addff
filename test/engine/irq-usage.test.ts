import { describe, expect, it } from "vitest";
import { Scenario } from "./builder.js";

describe("irq usage", () => {
  it("inconsistent lock state names the old and new usage bits", () => {
    const s = new Scenario();
    s.task("t").spin("&port->lock").unspin("&port->lock").hardirq((t) => t.spin("&port->lock").unspin("&port->lock"));
    const [f] = s.findings();
    expect(f!.kind).toBe("inconsistent-lock-state");
    expect(f!.locks).toEqual(["&port->lock"]);
    expect(f!.detail).toMatchObject({ old: "HARDIRQ-ON-W", new: "IN-HARDIRQ-W" });
    expect(f!.detail.kind === "inconsistent-lock-state" && f!.detail.oldStack[0]!.function).toBe("lock &port->lock");
    expect(f!.scenario!.steps.map((x) => (x.inInterrupt ? "  " : "") + x.op)).toEqual(["lock(&port->lock);", "<Interrupt>", "  lock(&port->lock);"]);
  });

  it("softirq-safe then taken with bh enabled: {IN-SOFTIRQ-W} -> {SOFTIRQ-ON-W}", () => {
    const s = new Scenario();
    s.task("t").softirq((t) => t.spin("L").unspin("L")).spin("L");
    expect(s.findings()[0]!.detail).toMatchObject({ kind: "inconsistent-lock-state", old: "IN-SOFTIRQ-W", new: "SOFTIRQ-ON-W" });
  });

  it("enabling interrupts while holding a lock makes it unsafe (mark_held_locks)", () => {
    const s = new Scenario();
    s.task("irq").hardirq((t) => t.spin("L").unspin("L"));
    s.task("t").irqOff().spin("L").irqOn();
    expect(s.findings()[0]!.detail).toMatchObject({ kind: "inconsistent-lock-state", old: "IN-HARDIRQ-W", new: "HARDIRQ-ON-W" });
    expect(s.findings()[0]!.stack[0]!.function).toBe("enable hardirqs");
  });

  it("usage characters: the report shows the state when the new bit was set", () => {
    const s = new Scenario();
    s.task("irq").hardirq((t) => t.spin("A").unspin("A"));
    s.task("t").irqOff().spin("A").spin("B").unspin("B").unspin("A").irqOn().spin("B");
    const [f] = s.findings();
    expect(f!.kind).toBe("irq-lock-inversion");
    expect(f!.detail).toMatchObject({ kind: "irq-lock-inversion", lock: { name: "B", usage: "+..." }, other: { name: "A", usage: "-..." }, otherIs: "safe", state: "HARDIRQ" });
    expect(f!.locks).toEqual(["A", "B"]);
  });

  it("irq lock inversion when a safe lock becomes known to take an unsafe one", () => {
    const s = new Scenario();
    s.task("t").spin("B").unspin("B").irqOff().spin("A").spin("B").unspin("B").unspin("A").irqOn();
    expect(s.findings()).toEqual([]);
    s.task("irq").hardirq((t) => t.spin("A").unspin("A"));
    const [f] = s.findings();
    expect(f!.kind).toBe("irq-lock-inversion");
    expect(f!.detail).toMatchObject({ lock: { name: "A" }, other: { name: "B" }, otherIs: "unsafe", state: "HARDIRQ", newUsage: "IN-HARDIRQ-W" });
    expect(f!.scenario!.steps.map((x) => x.op)).toEqual(["lock(B);", "local_irq_disable();", "lock(A);", "lock(B);", "<Interrupt>", "lock(A);"]);
  });

  it("safe → unsafe order on a new dependency names the state from the safe lock's bit", () => {
    const s = new Scenario();
    s.task("a").spin("B").unspin("B");
    s.task("irq").hardirq((t) => t.acquire("rwlock", "A", "read").release("rwlock", "A"));
    s.task("b").irqOff().acquire("rwlock", "A").spin("B");
    const [f] = s.findings();
    expect(f!.kind).toBe("irq-safe-unsafe-order");
    expect(f!.title).toBe("WARNING: HARDIRQ-READ-safe -> HARDIRQ-READ-unsafe lock order detected");
    expect(f!.detail).toMatchObject({ safe: { name: "A", usage: ".-.." }, unsafe: { name: "B" }, state: "HARDIRQ-READ" });
    expect(f!.locks).toEqual(["A", "B"]);
    expect(f!.chain.map((d) => `${d.from.name}->${d.to.name}`)).toEqual(["A->B"]);
  });

  it("read usage: recursive reads in irq and with irqs on are compatible", () => {
    const s = new Scenario({ readLockRecursive: true });
    s.task("t").acquire("rwlock", "A", "read").release("rwlock", "A").hardirq((t) => t.acquire("rwlock", "A", "read").release("rwlock", "A"));
    expect(s.findings()).toEqual([]);
  });

  it("local_lock is skipped by irq safety searches", () => {
    const s = new Scenario();
    s.task("t").acquire("local_lock", "LA").release("local_lock", "LA");
    s.task("irq").hardirq((t) => t.spin("A").unspin("A"));
    s.task("u").irqOff().spin("A").acquire("local_lock", "LA").release("local_lock", "LA").unspin("A").irqOn();
    expect(s.findings()).toEqual([]);
  });
});
