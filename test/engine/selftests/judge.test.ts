import { describe, expect, it } from "vitest";
import type { EngineError, Finding, FindingDetail } from "../../../src/engine/index.js";
import type { Event } from "../../../src/ir/index.js";
import { judgeRun, runCase, type EngineLike, type TranslatedCase } from "./index.js";

function finding(detail: FindingDetail): Finding {
  return {
    kind: detail.kind,
    title: `title of ${detail.kind}`,
    task: { name: "t0", pid: 1, irq: { hardirq: 0, softirq: 0, hardirqsEnabled: true, softirqsEnabled: true } },
    locks: [],
    chain: [],
    stack: [],
    heldLocks: [],
    scenario: null,
    detail,
    fix: null,
  };
}

const held = { name: "A", usage: "....", wait: { outer: 2, inner: 2 }, mode: "write", trylock: false, stack: [] } as const;

/** Reports `report` when it sees the event at index `at`; refuses event kinds in `refuse`. */
class FakeEngine implements EngineLike {
  private seen = 0;
  private readonly reported: Finding[] = [];
  constructor(
    private readonly at: number,
    private readonly report: Finding,
    private readonly refuse: readonly Event["kind"][] = [],
  ) {}
  apply(event: Event): EngineError | undefined {
    if (this.seen++ === this.at) this.reported.push(this.report);
    return this.refuse.includes(event.kind) ? { message: `no ${event.kind}`, event } : undefined;
  }
  findings(): readonly Finding[] {
    return this.reported;
  }
}

const stack = [{ function: "f" }];
const translated: TranslatedCase = {
  config: {},
  prologue: [{ kind: "task-start", task: 1, name: "t0" }],
  ops: [
    { at: { task: "t0", op: 0 }, text: "spin_lock A", events: [{ kind: "define-class", id: 1, name: "A", lock: "spinlock" }, { kind: "acquire", task: 1, class: 1, mode: "write", stack }] },
    { at: { task: "t0", op: 1 }, text: "irq_disable", events: [] },
    { at: { task: "t0", op: 2 }, text: "spin_lock A", events: [{ kind: "acquire", task: 1, class: 1, mode: "write", stack }] },
  ],
};

const recursive = finding({ kind: "recursive-locking", lock: held, holding: held });

describe("runCase", () => {
  it("places the first finding at the op whose event produced it (event 3 = op 2)", () => {
    const run = runCase(new FakeEngine(3, recursive), translated);
    expect(run.first?.at).toEqual({ task: "t0", op: 2 });
    expect(run.first?.seq).toBe(2);
    expect(run.errors).toEqual([]);
  });

  it("records error values with their op", () => {
    const run = runCase(new FakeEngine(99, recursive, ["define-class"]), translated);
    expect(run.first).toBeNull();
    expect(run.errors).toEqual([{ seq: 0, at: { task: "t0", op: 0 }, event: "define-class", message: "no define-class" }]);
  });
});

describe("judgeRun", () => {
  const expected = { verdict: "finding", kind: "recursive-locking", failsAt: { task: "t0", op: 2 } } as const;

  it("accepts the right kind at the right op", () => {
    expect(judgeRun(expected, runCase(new FakeEngine(3, recursive), translated))).toEqual([]);
  });

  it("names a wrong op, a wrong kind, a missing finding", () => {
    expect(judgeRun(expected, runCase(new FakeEngine(1, recursive), translated))).toEqual([
      "first finding (recursive-locking) fired at t0 op 0, expected t0 op 2",
    ]);
    const circular = finding({ kind: "circular-dependency", lock: held, holding: held });
    expect(judgeRun(expected, runCase(new FakeEngine(3, circular), translated))).toEqual([
      "first finding is circular-dependency at t0 op 2, expected recursive-locking",
    ]);
    expect(judgeRun(expected, runCase(new FakeEngine(99, recursive), translated))).toEqual(["expected recursive-locking, got no finding"]);
  });

  it("ok cases fail on any finding or error value", () => {
    expect(judgeRun({ verdict: "ok" }, runCase(new FakeEngine(99, recursive), translated))).toEqual([]);
    expect(judgeRun({ verdict: "ok" }, runCase(new FakeEngine(3, recursive, ["task-start"]), translated))).toEqual([
      "error value at prologue (task-start): no task-start",
      "unexpected finding recursive-locking: title of recursive-locking",
    ]);
  });

  it("checks the usage pair and the wait context", () => {
    const inconsistent = finding({ kind: "inconsistent-lock-state", lock: held, old: "IN-HARDIRQ-W", new: "HARDIRQ-ON-W", oldStack: [] });
    const usage = { verdict: "finding", kind: "inconsistent-lock-state", usage: { old: "HARDIRQ-ON-W", new: "IN-HARDIRQ-W" } } as const;
    expect(judgeRun(usage, runCase(new FakeEngine(3, inconsistent), translated))).toEqual([
      "usage {IN-HARDIRQ-W} -> {HARDIRQ-ON-W}, expected {HARDIRQ-ON-W} -> {IN-HARDIRQ-W}",
    ]);
    const wait = finding({ kind: "invalid-wait-context", lock: held, context: 5 });
    const context = { verdict: "finding", kind: "invalid-wait-context", context: 3 } as const;
    expect(judgeRun(context, runCase(new FakeEngine(3, wait), translated))).toEqual(["context-{5:5}, expected context-{3:3}"]);
  });

  it("error values before the finding count, later ones do not", () => {
    const refusesRelease: TranslatedCase = {
      ...translated,
      ops: [...translated.ops, { at: { task: "t0", op: 3 }, text: "spin_unlock A", events: [{ kind: "release", task: 1, class: 1, stack }] }],
    };
    expect(judgeRun(expected, runCase(new FakeEngine(3, recursive, ["release"]), refusesRelease))).toEqual([]);
    expect(judgeRun(expected, runCase(new FakeEngine(3, recursive, ["define-class"]), refusesRelease))).toEqual([
      "error value at t0 op 0 (define-class): no define-class",
    ]);
  });
});
