/**
 * The compact record form (src/ir/records.ts) must mean exactly what the event objects mean:
 * the engine's applyRecords is checked against apply() on the whole selftest table and on a
 * generated stream with findings, and its error values are checked case by case.
 */
import { describe, expect, it } from "vitest";
import { buildEngineStream, DEFAULT_STREAM_OPTIONS, encodePool } from "../../bench/engine/index.js";
import { Engine, type EngineConfig, type EngineError } from "../../src/engine/index.js";
import { encodeEvent, NO_STACK, OP, RECORD_WIDTH, type Event, type Stack } from "../../src/ir/index.js";
import { DECISIONS, SKIPS, expectationFor, loadSelftestTable, runCase, translateCase } from "./selftests/index.js";

/** Applies every event that has a record form as a one-record applyRecords call, the rest as objects. */
class RecordsFirst {
  readonly engine: Engine;
  records = 0;
  constructor(config: EngineConfig) {
    this.engine = new Engine(config);
  }
  apply(event: Event): EngineError | undefined {
    const record = new Int32Array(RECORD_WIDTH);
    const stacks: Stack[] = [];
    if (!encodeEvent(event, record, 0, (s) => stacks.push(s) - 1)) return this.engine.apply(event);
    this.records++;
    const error = this.engine.applyRecords(record, 1, stacks);
    return error && { message: error.message, event };
  }
  findings() {
    return this.engine.findings();
  }
}

describe("records mean what event objects mean", () => {
  const table = loadSelftestTable();
  if ("error" in table) throw new Error(table.error);
  const skips = new Set(SKIPS.map((s) => s.case));
  const decisions = new Map(DECISIONS.map((d) => [d.case, d]));
  const cases = table.cases.filter((c) => !skips.has(c.name) && !("error" in expectationFor(c, decisions.get(c.name))));

  it(`every runnable selftest case: same findings and error values (${cases.length} cases)`, () => {
    let records = 0;
    for (const c of cases) {
      const translated = translateCase(c);
      if ("error" in translated) throw new Error(translated.error);
      const viaRecords = new RecordsFirst(translated.config);
      const a = runCase(new Engine(translated.config), translated);
      const b = runCase(viaRecords, translated);
      expect({ case: c.name, findings: b.findings, errors: b.errors }).toEqual({ case: c.name, findings: a.findings, errors: a.errors });
      records += viaRecords.records;
    }
    // Most of the table's events take the record path, so this compares something.
    expect(records).toBeGreaterThan(cases.length * 4);
  });

  it("a generated stream with ABBA pairs and interrupts: same findings and engine state", () => {
    const stream = buildEngineStream({ ...DEFAULT_STREAM_OPTIONS, tasks: 16, eventsPerTask: 600, abba: { pairs: 8, share: 0.05 } });
    const objects = new Engine();
    const records = new Engine();
    for (const event of stream.prelude) {
      objects.apply(event);
      records.apply(event);
    }
    const encoded = encodePool(stream.pool);
    if (!encoded) throw new Error("pool has events without a record form");
    for (let pass = 0; pass < 2; pass++) {
      for (const event of stream.pool) expect(objects.apply(event)).toBeUndefined();
      expect(records.applyRecords(encoded.records, stream.pool.length, encoded.stacks)).toBeUndefined();
    }
    expect(objects.findings().map((f) => f.kind)).toContain("circular-dependency");
    expect(records.findings()).toEqual(objects.findings());
    expect(records.stats()).toEqual(objects.stats());
  });
});

describe("applyRecords error values", () => {
  const setup = (): Engine => {
    const e = new Engine();
    e.apply({ kind: "define-class", id: 1, name: "A", lock: "mutex" });
    e.apply({ kind: "task-start", task: 1, name: "t" });
    return e;
  };
  const run = (e: Engine, rows: readonly (readonly number[])[]): EngineError | undefined =>
    e.applyRecords(Int32Array.from(rows.flat()), rows.length, [[{ function: "f" }]]);

  it("each bad record gives its message; the first is returned and the rest still run", () => {
    const cases: [string, readonly number[], string][] = [
      ["unknown op", [99, 1, 0, 0, 0, NO_STACK], "unknown record op 99 at record 0"],
      ["toggle index out of range", [OP.DISABLE, 1, 7, 0, 0, NO_STACK], "unknown toggle index 7 at record 0"],
      ["irq context neither hardirq (0) nor softirq (1)", [OP.IRQ_ENTER, 1, 2, 0, 0, NO_STACK], "unknown irq context 2 at record 0"],
      ["sleep neither might (0) nor actual (1)", [OP.SLEEP, 1, -1, 0, 0, NO_STACK], "unknown sleep certainty -1 at record 0"],
      ["unknown class", [OP.ACQUIRE, 1, 42, 0, 0, 0], "unknown class id 42"],
      ["subclass beyond 7", [OP.ACQUIRE, 1, 1, 0, 9 << 4, 0], "subclass 9 of A is outside 0..7"],
      ["release of an unknown class", [OP.RELEASE, 1, 42, 0, 0, 0], "unknown class id 42"],
    ];
    for (const [what, row, message] of cases) expect([what, run(setup(), [row])?.message]).toEqual([what, message]);

    const e = setup();
    const first = run(e, [
      [99, 1, 0, 0, 0, NO_STACK],
      [OP.ACQUIRE, 1, 1, 0, 0, 0],
      [OP.ACQUIRE, 1, 1, 0, 0, 0],
    ]);
    expect(first?.message).toBe("unknown record op 99 at record 0");
    expect(e.findings().map((f) => [f.kind, ...f.locks])).toEqual([["recursive-locking", "A"]]);
    expect(e.stats().events).toBe(5);
  });

  it("releasing a held lock object under an unknown class id is refused and the lock stays held", () => {
    const e = setup();
    const error = run(e, [
      [OP.ACQUIRE, 1, 1, 5, 0, 0],
      [OP.RELEASE, 1, 42, 5, 0, 0],
    ]);
    expect(error?.message).toBe("unknown class id 42");
    e.apply({ kind: "task-end", task: 1 });
    expect(e.findings().map((f) => [f.kind, ...f.locks])).toEqual([["held-lock-at-exit", "A"]]);
  });

  it("a task that has ended refuses records", () => {
    const e = setup();
    e.apply({ kind: "task-end", task: 1 });
    expect(run(e, [[OP.ACQUIRE, 1, 1, 0, 0, 0]])?.message).toBe("task 1 (t) has ended");
  });
});
