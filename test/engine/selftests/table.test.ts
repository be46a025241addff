import { describe, expect, it } from "vitest";
import { parseLockName, parseSelftestTable } from "./index.js";

const task = { name: "t0", ctx: "process", ops: ["spin_lock A", "spin_lock A"] };
const entry = { name: "c1", group: "g", source: "s", config: null, tasks: [task], expect: "recursive", kind: "recursive-locking", kernel_expects: "FAILURE", confidence: "high", fails_at: { task: "t0", op: 1 } };

describe("parseSelftestTable", () => {
  it("reads a well-formed case, config null meaning no flags", () => {
    expect(parseSelftestTable({ count: 1, cases: [entry] })).toEqual({
      cases: [
        {
          name: "c1",
          group: "g",
          config: { readLockRecursive: false, proveRawLockNesting: false },
          tasks: [{ name: "t0", ops: ["spin_lock A", "spin_lock A"] }],
          expect: "recursive",
          kind: "recursive-locking",
          confidence: "high",
          failsAt: { task: "t0", op: 1 },
        },
      ],
    });
  });

  it.each([
    [{ count: 1, cases: [{ ...entry, tasks: [{ ...task, ops: ["x", 3] }] }] }, "selftests.json: cases[0] (c1).tasks[0].ops[1]: expected a string"],
    [{ count: 1, cases: [{ ...entry, confidence: "sure" }] }, "selftests.json: cases[0] (c1).confidence: expected high|medium|low"],
    [{ count: 1, cases: [{ ...entry, fails_at: { task: "t0", op: 2 } }] }, 'selftests.json: cases[0] (c1).fails_at: no op 2 in task "t0"'],
    [{ count: 1, cases: [{ ...entry, config: { read_lock_recursive: "yes" } }] }, "selftests.json: cases[0] (c1).config.read_lock_recursive: expected a boolean"],
    [{ count: 2, cases: [entry, entry] }, 'selftests.json: case name "c1" appears twice'],
    [{ count: 3, cases: [entry] }, "selftests.json: count is 3 but 1 cases are listed"],
    [{ cases: "none" }, "selftests.json.cases: expected an array of cases"],
    [[], "selftests.json: expected an object"],
  ])("rejects %j", (doc, error) => {
    expect(parseSelftestTable(doc)).toEqual({ error });
  });
});

describe("parseLockName", () => {
  it.each([
    ["X1", { instance: "X1", className: "X", wwBase: false }],
    ["X12", { instance: "X12", className: "X", wwBase: false }],
    ["MA", { instance: "MA", className: "MA", wwBase: false }],
    ["a", { instance: "a", className: "a", wwBase: false }],
    ["O1.base", { instance: "O1", className: "O", wwBase: true }],
    ["1X", undefined],
    ["X1.lock", undefined],
  ])("%s", (text, parsed) => {
    expect(parseLockName(text)).toEqual(parsed);
  });
});
