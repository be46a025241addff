/**
 * `reclaimdep check` end to end through `main(argv, io)` (src/cli/main.ts, src/cli/check.ts):
 * lockdep-format text, the JSON of DESIGN.md §6 (a schema test), exit statuses, `--expect`,
 * `--verbose`, `--config`, directories and multi-file programs.
 */
import { describe, expect, it } from "vitest";
import { FINDING_KINDS } from "../../src/engine/finding.js";
import { VERSION } from "../../src/cli/version.js";
import { ABBA } from "../scenario/interpret/helpers.js";
import { reclaimdep, scenarioDir, STACK_TRACE } from "./helpers.js";

const SLEEPER = `DEFINE_SPINLOCK(s);\n\nvoid t(void)\n{\n\tspin_lock(&s);\n\tmsleep(10);\n\tspin_unlock(&s);\n}\n`;
const CLEAN = `DEFINE_MUTEX(m);\n\nvoid t(void)\n{\n\tmutex_lock(&m);\n\tmutex_unlock(&m);\n}\n`;

const dir = scenarioDir({
  "abba.c": ABBA,
  "sleeper.c": SLEEPER,
  "clean.c": CLEAN,
  "rt.c": `DEFINE_MUTEX(m);\n\nvoid t(void)\n{\n\tif (IS_ENABLED(CONFIG_PREEMPT_RT))\n\t\tmutex_lock(&m);\n}\n`,
  "unknown.c": `DEFINE_MUTEX(m);\n\nvoid t(void)\n{\n\tmutex_lock(&m);\n\tfrobnicate(&m);\n\tfrob_more();\n\tfrobnicate(&m);\n\tmutex_unlock(&m);\n}\n`,
  "recursion.c": `DEFINE_MUTEX(m);\n\nstatic void walk(struct node *n)\n{\n\tmutex_lock(&m);\n\tmutex_unlock(&m);\n\tif (n)\n\t\twalk(n->next);\n}\nTASK(walk);\n`,
  "split/one.c": `DEFINE_MUTEX(lock_a);\nDEFINE_MUTEX(lock_b);\n\nvoid take_ab(void)\n{\n\tmutex_lock(&lock_a);\n\tmutex_lock(&lock_b);\n\tmutex_unlock(&lock_b);\n\tmutex_unlock(&lock_a);\n}\n`,
  "split/two.c": `void take_ba(void)\n{\n\tmutex_lock(&lock_b);\n\tmutex_lock(&lock_a);\n\tmutex_unlock(&lock_a);\n\tmutex_unlock(&lock_b);\n}\n`,
  "expect/match.c": `${ABBA}// expect: circular-dependency lock_b lock_a\n`,
  "expect/none.c": `${CLEAN}// expect: none\n`,
  "expect/missing.c": `${CLEAN}// expect: circular-dependency m fs_reclaim\n`,
  "expect/unexpected.c": `${SLEEPER}// expect: none\n`,
  "expect/kind-only.c": `${SLEEPER}// expect: sleep-in-atomic\n`,
});

describe("text output", () => {
  it("an ABBA deadlock prints a lockdep-format report with both chains and exits 1", async () => {
    const run = await reclaimdep(["check", "--no-model", "abba.c"], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe("");
    expect(run.stdout).toBe(
      [
        "",
        "======================================================",
        "WARNING: possible circular locking dependency detected",
        `reclaimdep ${VERSION} (analysis, not a running kernel)`,
        "------------------------------------------------------",
        "take_ba/2 is trying to acquire lock:",
        "(lock_a){+.+.}-{3:3}, at: take_ba (abba.c:15)",
        "",
        "but task is already holding lock:",
        "(lock_b){+.+.}-{3:3}, at: take_ba (abba.c:14)",
        "",
        "which lock already depends on the new lock.",
        "",
        "",
        "the existing dependency chain (in reverse order) is:",
        "",
        "-> #1 (lock_b){+.+.}-{3:3}:",
        "       take_ab (abba.c:7)",
        "",
        "-> #0 (lock_a){+.+.}-{3:3}:",
        "       take_ba (abba.c:15)",
        "",
        "other info that might help us debug this:",
        "",
        " Possible unsafe locking scenario:",
        "",
        "       CPU0                    CPU1",
        "       ----                    ----",
        "  lock(lock_b);",
        "                               lock(lock_a);",
        "                               lock(lock_b);",
        "  lock(lock_a);",
        "",
        " *** DEADLOCK ***",
        "",
        "1 lock held by take_ba/2:",
        " #0: (lock_b){+.+.}-{3:3}, at: take_ba (abba.c:14)",
        "",
        "stack backtrace:",
        "Call Trace:",
        " <TASK>",
        " take_ba (abba.c:15)",
        " </TASK>",
        "",
        "",
      ].join("\n"),
    );
  });

  it("a clean scenario prints nothing and exits 0", async () => {
    expect(await reclaimdep(["check", "--no-model", "clean.c"], dir)).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  it("--config sets the configuration the scenario is checked under", async () => {
    expect((await reclaimdep(["check", "--no-model", "rt.c"], dir)).code).toBe(0);
    const rt = await reclaimdep(["check", "--no-model", "--config", "PREEMPT_RT", "rt.c"], dir);
    expect(rt.code).toBe(1);
    expect(rt.stdout).toContain("held");
    expect(rt.stdout).toContain("reclaimdep " + VERSION + " PREEMPT_RT");
    expect((await reclaimdep(["check", "--no-model", "--config", "CONFIG_PREEMPT_RT,PROVE_RAW_LOCK_NESTING", "rt.c"], dir)).code).toBe(1);
  });

  it("files named together are one program: their entry points run concurrently", async () => {
    const run = await reclaimdep(["check", "--no-model", "split/one.c", "split/two.c"], dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("WARNING: possible circular locking dependency detected");
    // Alone, each file is fine.
    expect((await reclaimdep(["check", "--no-model", "split/one.c"], dir)).code).toBe(0);
  });

  it("a directory checks every .c below it, each as its own program", async () => {
    const run = await reclaimdep(["check", "--no-model", "split"], dir);
    expect(run).toEqual({ code: 0, stdout: "", stderr: "" });
  });
});

describe("--format json (DESIGN.md §6)", () => {
  const FRAME_KEYS = ["file", "function", "line"];
  const FINDING_KEYS = ["chain", "fix", "kind", "locks", "task", "title"];
  /** src/report/README.md documents these two extra keys on sleep-in-atomic findings only. */
  const SLEEP_EXTRA_KEYS = ["certainty", "reason"];

  function checkSchema(report: unknown): void {
    expect(report).toBeTypeOf("object");
    const top = report as Record<string, unknown>;
    expect(Object.keys(top).sort()).toEqual(["findings", "stats"]);
    const stats = top.stats as Record<string, unknown>;
    expect(Object.keys(stats).sort()).toEqual(["classes", "dependencies", "elapsedMs", "events"]);
    for (const v of Object.values(stats)) expect(v).toBeTypeOf("number");
    expect(Array.isArray(top.findings)).toBe(true);
    for (const finding of top.findings as Record<string, unknown>[]) {
      const extra = finding.kind === "sleep-in-atomic" ? SLEEP_EXTRA_KEYS : [];
      expect(Object.keys(finding).sort()).toEqual([...FINDING_KEYS, ...extra].sort());
      expect(FINDING_KINDS).toContain(finding.kind);
      expect(finding.title).toBeTypeOf("string");
      expect(finding.task).toBeTypeOf("string");
      expect(finding.fix === null || typeof finding.fix === "string").toBe(true);
      expect(Array.isArray(finding.locks)).toBe(true);
      for (const l of finding.locks as unknown[]) expect(l).toBeTypeOf("string");
      expect(Array.isArray(finding.chain)).toBe(true);
      for (const dep of finding.chain as Record<string, unknown>[]) {
        expect(Object.keys(dep).sort()).toEqual(["from", "stack", "to"]);
        expect(dep.from).toBeTypeOf("string");
        expect(dep.to).toBeTypeOf("string");
        expect(Array.isArray(dep.stack)).toBe(true);
        for (const frame of dep.stack as Record<string, unknown>[]) {
          expect(Object.keys(frame).sort()).toEqual(FRAME_KEYS);
          expect(frame.function).toBeTypeOf("string");
          expect(frame.file === null || typeof frame.file === "string").toBe(true);
          expect(frame.line === null || typeof frame.line === "number").toBe(true);
        }
      }
    }
  }

  it("an ABBA deadlock is one object with exactly the documented keys and types", async () => {
    const run = await reclaimdep(["check", "--no-model", "--format", "json", "abba.c"], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe("");
    const report = JSON.parse(run.stdout) as { findings: Record<string, unknown>[]; stats: Record<string, number> };
    checkSchema(report);
    expect(report.findings).toHaveLength(1);
    const [finding] = report.findings;
    expect(finding).toMatchObject({
      kind: "circular-dependency",
      title: "WARNING: possible circular locking dependency detected",
      task: "take_ba",
      fix: null,
    });
    expect((finding!.locks as string[]).slice().sort()).toEqual(["lock_a", "lock_b"]);
    // The chain: one edge per dependency of the cycle, each with the scenario stack that made it.
    expect(finding!.chain).toEqual(
      expect.arrayContaining([
        { from: "lock_a", to: "lock_b", stack: [{ function: "take_ab", file: "abba.c", line: 7 }] },
        { from: "lock_b", to: "lock_a", stack: [{ function: "take_ba", file: "abba.c", line: 15 }] },
      ]),
    );
    expect(finding!.chain).toHaveLength(2);
    // locks lists each class once, in dependency order (each edge's `to` is the next lock).
    const locks = finding!.locks as string[];
    const chain = finding!.chain as { from: string; to: string }[];
    expect(chain.map((d) => d.from)).toEqual(locks);
    expect(report.stats.classes).toBe(2);
    expect(report.stats.dependencies).toBe(2);
    expect(report.stats.events).toBeGreaterThan(0);
  });

  it("a sleep finding carries the two documented extra keys", async () => {
    const run = await reclaimdep(["check", "--no-model", "--format", "json", "sleeper.c"], dir);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as { findings: Record<string, unknown>[] };
    checkSchema(report);
    expect(report.findings).toEqual([
      {
        kind: "sleep-in-atomic",
        title: "BUG: scheduling while atomic",
        locks: ["s"],
        task: "t",
        chain: [],
        fix: null,
        reason: "spinlock",
        certainty: "actual",
      },
    ]);
  });

  it("no finding is an empty list, exit 0", async () => {
    const run = await reclaimdep(["check", "--no-model", "--format", "json", "clean.c"], dir);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { findings: unknown[] };
    checkSchema(report);
    expect(report.findings).toEqual([]);
  });

  it("a directory gives one object for all its programs", async () => {
    const run = await reclaimdep(["check", "--no-model", "--format", "json", "split"], dir);
    expect(run.code).toBe(0);
    checkSchema(JSON.parse(run.stdout));
  });
});

describe("--expect", () => {
  it("matching expectations exit 0 (the cycle's locks may be listed from any member)", async () => {
    const run = await reclaimdep(["check", "--no-model", "--expect", "expect/match.c"], dir);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("expect/match.c: 1 finding(s), as expected\n");
    expect(await reclaimdep(["check", "--no-model", "--expect", "expect/none.c"], dir)).toEqual({ code: 0, stdout: "", stderr: "expect/none.c: no findings, as expected\n" });
  });

  it("an expectation that names only the kind matches any finding of that kind", async () => {
    expect((await reclaimdep(["check", "--no-model", "--expect", "expect/kind-only.c"], dir)).code).toBe(0);
  });

  it("a missing expected finding prints where it was expected and exits 1", async () => {
    const run = await reclaimdep(["check", "--no-model", "--expect", "expect/missing.c"], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe("expect/missing.c:8:1: expected circular-dependency m fs_reclaim, not found\n");
  });

  it("an unexpected finding prints and exits 1", async () => {
    const run = await reclaimdep(["check", "--no-model", "--expect", "expect/unexpected.c"], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe("expect/unexpected.c: unexpected sleep-in-atomic s\n");
  });

  it("a directory checks each file against its own expectations, and prints every mismatch", async () => {
    const run = await reclaimdep(["check", "--no-model", "--expect", "expect"], dir);
    expect(run.code).toBe(1);
    expect(run.stderr.split("\n").filter(Boolean).sort()).toEqual([
      "expect/kind-only.c: 1 finding(s), as expected",
      "expect/match.c: 1 finding(s), as expected",
      "expect/missing.c:8:1: expected circular-dependency m fs_reclaim, not found",
      "expect/none.c: no findings, as expected",
      "expect/unexpected.c: unexpected sleep-in-atomic s",
    ]);
  });
});

describe("--verbose", () => {
  it("lists unknown calls treated as no-ops, once each, with their place", async () => {
    const run = await reclaimdep(["check", "--no-model", "--verbose", "unknown.c"], dir);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(
      "unknown.c:6:2: note: unknown call frobnicate() treated as a no-op\n" + "unknown.c:7:2: note: unknown call frob_more() treated as a no-op\n",
    );
    expect((await reclaimdep(["check", "--no-model", "unknown.c"], dir)).stderr).toBe("");
  });

  it("reports bounded recursion as a note", async () => {
    const run = await reclaimdep(["check", "--no-model", "--verbose", "recursion.c"], dir);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("recursion.c:8:3: note: recursion of walk bounded at depth 2: deeper calls are not explored\n");
    expect((await reclaimdep(["check", "--no-model", "recursion.c"], dir)).stderr).toBe("");
  });
});

describe("the command line", () => {
  it("--version prints the version", async () => {
    expect(await reclaimdep(["--version"], dir)).toEqual({ code: 0, stdout: `reclaimdep ${VERSION}\n`, stderr: "" });
  });

  it("no command is a usage error; an unknown command names itself", async () => {
    const none = await reclaimdep([], dir);
    expect(none.code).toBe(2);
    expect(none.stderr.split("\n")[0]).toBe("usage: reclaimdep <command> [options]");
    const unknown = await reclaimdep(["frobnicate"], dir);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.split("\n")[0]).toBe('reclaimdep: unknown command "frobnicate"');
    expect(unknown.stderr).not.toMatch(STACK_TRACE);
  });
});
