/**
 * Path exploration (SCENARIO-LANGUAGE.md "What a check runs"; interpreter.ts: paths as merged
 * state sets, calls memoized by entry state): findings that live on one path among many, the
 * cost of many paths, recursion, and one finding per cause.
 */
import { describe, expect, it } from "vitest";
import { brief, findings, only, runOk, summary } from "./helpers.js";

const LOCKS = "DEFINE_MUTEX(a);\nDEFINE_MUTEX(b);\n";
const AB_TASK = "void ab(void)\n{\n\tmutex_lock(&a);\n\tmutex_lock(&b);\n\tmutex_unlock(&b);\n\tmutex_unlock(&a);\n}\nTASK(ab);\n";

describe("path exploration", () => {
  const switchInLoop = (loop: string): string =>
    `${LOCKS}${AB_TASK}` +
    `static int handle(int cmd)\n{\n\tswitch (cmd) {\n\tcase CMD_RESET:\n\t\tmutex_lock(&b);\n\t\tmutex_lock(&a);\n\t\tmutex_unlock(&a);\n\t\tmutex_unlock(&b);\n\t\tbreak;\n` +
    `\tcase CMD_READ:\n\t\tmutex_lock(&a);\n\t\tmutex_unlock(&a);\n\t\tbreak;\n\tdefault:\n\t\treturn -EINVAL;\n\t}\n\treturn 0;\n}\n` +
    `static void process(struct queue *q)\n{\n\tstruct cmd *c;\n\n\t${loop} {\n\t\tif (handle(c->op) < 0)\n\t\t\tbreak;\n\t}\n}\nTASK(process);\n`;

  it("finds a deadlock that only one case of a switch inside a loop takes", async () => {
    const found = await findings(switchInLoop("while ((c = next_cmd(q)))"));
    const cycle = only(found, "circular-dependency");
    expect(cycle.locks.slice().sort()).toEqual(["a", "b"]);
    expect(cycle.chain.flatMap((d) => d.stack.map((f) => f.function))).toEqual(expect.arrayContaining(["handle", "process", "ab"]));
    expect(found).toHaveLength(1);
  });

  it("finds it inside a list_for_each_entry loop too", async () => {
    const found = await findings(switchInLoop("list_for_each_entry(c, &q->list, node)"));
    expect(found.map(brief)).toEqual(["circular-dependency a b"]);
  });

  it("finds a lock left held on an error path through goto", async () => {
    const found = await findings(
      `DEFINE_MUTEX(probe_lock);\nstatic int probe(struct device *dev)\n{\n\tint err;\n\n\tmutex_lock(&probe_lock);\n\terr = setup_hw(dev);\n\tif (err)\n\t\tgoto out;\n` +
        `\terr = register_dev(dev);\n\tif (err)\n\t\tgoto out_unlock;\n\tmutex_unlock(&probe_lock);\n\treturn 0;\nout_unlock:\n\tmutex_unlock(&probe_lock);\nout:\n\treturn err;\n}\nTASK(probe);\n`,
    );
    const exit = only(found, "held-lock-at-exit");
    expect(exit.locks).toEqual(["probe_lock"]);
    expect(exit.task.name).toBe("probe");
    expect(exit.detail).toEqual({ kind: "held-lock-at-exit", how: "exit" });
    expect(exit.heldLocks.map((h) => [h.name, h.stack[0]?.line])).toEqual([["probe_lock", 6]]);
    expect(found).toHaveLength(1);
  });

  it("re-explores a helper called in another lock state", async () => {
    // take_b() first runs with nothing held; the second call, under b... a, must still add a → b.
    const found = await findings(
      `${LOCKS}static void take_b(void)\n{\n\tmutex_lock(&b);\n\tmutex_unlock(&b);\n}\n` +
        `void t1(void)\n{\n\ttake_b();\n\tmutex_lock(&a);\n\ttake_b();\n\tmutex_unlock(&a);\n}\n` +
        `void t2(void)\n{\n\tmutex_lock(&b);\n\tmutex_lock(&a);\n\tmutex_unlock(&a);\n\tmutex_unlock(&b);\n}\nTASK(t1);\nTASK(t2);\n`,
    );
    expect(found.map(brief)).toEqual(["circular-dependency a b"]);
  });

  it("re-explores a helper called with another lock argument", async () => {
    const found = await findings(
      `${LOCKS}static void nest_under_a(struct mutex *m)\n{\n\tmutex_lock(&a);\n\tmutex_lock(m);\n\tmutex_unlock(m);\n\tmutex_unlock(&a);\n}\n` +
        `DEFINE_MUTEX(c);\nvoid t1(void)\n{\n\tnest_under_a(&c);\n\tnest_under_a(&b);\n}\n` +
        `void t2(void)\n{\n\tmutex_lock(&b);\n\tmutex_lock(&a);\n\tmutex_unlock(&a);\n\tmutex_unlock(&b);\n}\nTASK(t1);\nTASK(t2);\n`,
    );
    expect(found.map(brief)).toEqual(["circular-dependency a b"]);
  });

  it("reports one finding per cause however many paths reach it", async () => {
    const ifs = Array.from({ length: 12 }, (_, i) => `\tif (check(${i}))\n\t\tnote(${i});\n`).join("");
    const found = await findings(`${LOCKS}${AB_TASK}void t(void)\n{\n${ifs}\tmutex_lock(&b);\n\tmutex_lock(&a);\n\tmutex_unlock(&a);\n\tmutex_unlock(&b);\n}\nTASK(t);\n`);
    expect(found.map(brief)).toEqual(["circular-dependency a b"]);
  });
});

describe("memoization", () => {
  /** 30 sequential independent unknown conditions, each calling a helper that takes and releases locks: 2^30 paths. */
  const manyPaths = (tail: string): string => {
    const ifs = Array.from({ length: 30 }, (_, i) => `\tif (feature_enabled(${i}))\n\t\tupdate_stats(s, ${i % 3});\n`).join("");
    return (
      `${LOCKS}DEFINE_SPINLOCK(stats_lock);\n` +
      `static void update_stats(struct stats *s, int which)\n{\n\tmutex_lock(&a);\n\tspin_lock(&stats_lock);\n\tif (which == 2)\n\t\ts->hits++;\n\tspin_unlock(&stats_lock);\n\tmutex_unlock(&a);\n}\n` +
      `void t(struct stats *s)\n{\n${ifs}${tail}}\n${AB_TASK}TASK(t);\n`
    );
  };

  it("checks 2^30 paths through a memoized helper and finds the cycle at their end", async () => {
    const found = await findings(manyPaths("\tmutex_lock(&b);\n\tupdate_stats(s, 0);\n\tmutex_unlock(&b);\n"));
    const cycle = only(found, "circular-dependency");
    expect(cycle.locks.slice().sort()).toEqual(["a", "b"]);
    expect(found).toHaveLength(1);
  });

  it("and finds nothing when the paths hold nothing wrong", async () => {
    expect(await summary(manyPaths(""))).toEqual([]);
  });
});

describe("recursion", () => {
  it("is bounded, explored to the bound, and reported as a note", async () => {
    const result = await runOk(
      `DEFINE_MUTEX(m);\nstatic void walk(struct node *n)\n{\n\tif (!n)\n\t\treturn;\n\tmutex_lock(&m);\n\tmutex_unlock(&m);\n\twalk(n->left);\n\twalk(n->right);\n}\nTASK(walk);\n`,
    );
    expect(result.findings).toEqual([]);
    // One note per recursive call site.
    expect(result.notes.map((n) => [n.message, "line" in n.loc ? n.loc.line : 0])).toEqual([
      ["note: recursion of walk bounded at depth 2: deeper calls are not explored", 8],
      ["note: recursion of walk bounded at depth 2: deeper calls are not explored", 9],
    ]);
  });

  it("mutual recursion ends too", async () => {
    const result = await runOk(
      `DEFINE_SPINLOCK(s);\nstatic void even(int n);\nstatic void odd(int n)\n{\n\tif (n)\n\t\teven(n - 1);\n}\nstatic void even(int n)\n{\n\tspin_lock(&s);\n\tspin_unlock(&s);\n\tif (n)\n\t\todd(n - 1);\n}\nvoid t(int n)\n{\n\todd(n);\n}\nTASK(t);\n`,
    );
    expect(result.findings).toEqual([]);
    expect(result.notes.map((n) => n.message).every((m) => /^note: recursion of (odd|even) bounded at depth 2/.test(m))).toBe(true);
    expect(result.notes.length).toBeGreaterThan(0);
  });

  it("a recursion that holds a lock across the recursive call is still recursive locking", async () => {
    const found = await findings(`DEFINE_MUTEX(m);\nstatic void walk(struct node *n)\n{\n\tmutex_lock(&m);\n\tif (n)\n\t\twalk(n->next);\n\tmutex_unlock(&m);\n}\nTASK(walk);\n`);
    expect(only(found, "recursive-locking").locks).toEqual(["m"]);
  });
});
