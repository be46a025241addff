import { describe, expect, it } from "vitest";
import { expectationFor, type SelftestCase } from "./index.js";

const base: SelftestCase = {
  name: "c",
  group: "g",
  config: { readLockRecursive: true, proveRawLockNesting: false },
  tasks: [{ name: "t0", ops: ["spin_lock A", "spin_lock A"] }],
  expect: "inconsistent",
  kind: "inconsistent-lock-state",
  detail: "inconsistent {IN-HARDIRQ-W} -> {HARDIRQ-ON-W} usage.",
  failsAt: { task: "t0", op: 1 },
  confidence: "high",
};

describe("expectationFor", () => {
  it("takes kind, position and usage pair from the table", () => {
    expect(expectationFor(base, undefined)).toEqual({
      verdict: "finding",
      kind: "inconsistent-lock-state",
      failsAt: { task: "t0", op: 1 },
      usage: { old: "IN-HARDIRQ-W", new: "HARDIRQ-ON-W" },
    });
  });

  it("reads the wait context of an invalid-wait-context detail", () => {
    const c = { ...base, kind: "invalid-wait-context", detail: "context-{3:3} (threaded hardirq)" };
    expect(expectationFor(c, undefined)).toEqual({ verdict: "finding", kind: "invalid-wait-context", failsAt: { task: "t0", op: 1 }, context: 3 });
  });

  it("maps none to ok and might-sleep to sleep-in-atomic", () => {
    expect(expectationFor({ ...base, kind: "none" }, undefined)).toEqual({ verdict: "ok" });
    expect(expectationFor({ ...base, kind: "might-sleep", detail: undefined }, undefined)).toEqual({
      verdict: "finding",
      kind: "sleep-in-atomic",
      failsAt: { task: "t0", op: 1 },
    });
  });

  it("refuses a bare warn or an unknown kind unless decided", () => {
    expect(expectationFor({ ...base, kind: "warn" }, undefined)).toEqual({
      error: 'c: kind "warn" has no finding kind; decide it in decisions.ts or skip it',
    });
    expect(expectationFor({ ...base, kind: "splat" }, undefined)).toEqual({ error: 'c: unknown kind "splat"' });
    expect(expectationFor({ ...base, kind: "warn" }, { case: "c", verdict: "ww-api-misuse", why: "assert" })).toEqual({
      verdict: "finding",
      kind: "ww-api-misuse",
    });
  });

  it("a decision that disagrees with the table drops the table's position and detail", () => {
    expect(expectationFor(base, { case: "c", verdict: "irq-lock-inversion", why: "w" })).toEqual({ verdict: "finding", kind: "irq-lock-inversion" });
    expect(expectationFor(base, { case: "c", verdict: "ok", why: "w" })).toEqual({ verdict: "ok" });
  });
});
