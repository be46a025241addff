/**
 * Bad input to `reclaimdep check` (DESIGN.md §6, §8): exit 2 with `file:line:column: message`,
 * the source line and a caret where there is a place, never a stack trace. Each test asserts the
 * exact stderr text.
 */
import { describe, expect, it } from "vitest";
import { reclaimdep, scenarioDir, STACK_TRACE, type Run } from "./helpers.js";

const BINARY = new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00, 0x3e, 0x00]);

const dir = scenarioDir({
  "tree/syntax.c": "void f(void)\n{\n\tmutex_lock(&a;\n}\n",
  "tree/missing-init.c": "void f(void)\n{\n\tint x = ;\n}\n",
  "tree/truncated.c": "void f(void)\n{\n\tmutex_lock(&a);\n",
  "tree/sub/escape.c": '#include "../../outside.h"\nvoid f(void)\n{\n}\n',
  "outside.h": "DEFINE_MUTEX(m);\n",
  "tree/no-include.c": '#include "nothere.h"\nvoid f(void)\n{\n}\n',
  "tree/two-types.c": "void a(struct dev *d)\n{\n\tmutex_lock(&d->lock);\n\tmutex_unlock(&d->lock);\n}\n\nvoid b(struct dev *d)\n{\n\tspin_lock(&d->lock);\n\tspin_unlock(&d->lock);\n}\n",
  "tree/declared-type.c": "DEFINE_SPINLOCK(s);\n\nvoid f(void)\n{\n\tmutex_lock(&s);\n\tmutex_unlock(&s);\n}\n",
  "tree/no-entry.c": "TASK(nowhere);\n",
  "tree/good.c": "DEFINE_MUTEX(m);\n\nvoid f(void)\n{\n\tmutex_lock(&m);\n\tmutex_unlock(&m);\n}\n",
  "tree/empty.c": "",
  "tree/blank.c": "\n\n   \n",
  "tree/comment-only.c": "/* nothing here yet */\n",
  "binary/elf.c": BINARY,
  "binary/latin1.c": new Uint8Array([...new TextEncoder().encode('char *s = "'), 0xe9, 0x22, 0x3b, 0x0a]),
  "empty-dir/README": "no scenarios\n",
});

async function check(...args: string[]): Promise<Run> {
  const run = await reclaimdep(["check", "--no-model", ...args], dir);
  expect(run.stderr).not.toMatch(STACK_TRACE);
  expect(run.stderr).not.toContain("internal error");
  return run;
}

describe("scenario errors name the place", () => {
  it.each([
    ["a syntax error", "tree/syntax.c", "tree/syntax.c:3:15: expected ')'\n 3 | \tmutex_lock(&a;\n   | \t             ^\n"],
    ["a missing expression", "tree/missing-init.c", "tree/missing-init.c:3:9: expected an identifier\n 3 | \tint x = ;\n   | \t       ^\n"],
    ["a truncated file", "tree/truncated.c", "tree/truncated.c:3:17: expected '}'\n 3 | \tmutex_lock(&a);\n   | \t               ^\n"],
    [
      "an include that leaves the tree",
      "tree/sub/escape.c",
      `tree/sub/escape.c:1:1: #include "../../outside.h" leaves the scenario directory tree (${dir}/tree/sub); includes must stay inside it\n 1 | #include "../../outside.h"\n   | ^\n`,
    ],
    ["an include that does not exist", "tree/no-include.c", 'tree/no-include.c:1:1: cannot include "nothere.h": no such file\n 1 | #include "nothere.h"\n   | ^\n'],
    [
      "a lock used as two types",
      "tree/two-types.c",
      "tree/two-types.c:9:2: &d->lock is used as spinlock here but as mutex at tree/two-types.c:3:2\n 9 | \tspin_lock(&d->lock);\n   | \t^\n" +
        "tree/two-types.c:10:2: &d->lock is used as spinlock here but as mutex at tree/two-types.c:3:2\n 10 | \tspin_unlock(&d->lock);\n    | \t^\n",
    ],
    [
      "a lock used against its declaration",
      "tree/declared-type.c",
      "tree/declared-type.c:5:2: s is declared as spinlock but used here as mutex\n 5 | \tmutex_lock(&s);\n   | \t^\n" +
        "tree/declared-type.c:6:2: s is declared as spinlock but used here as mutex\n 6 | \tmutex_unlock(&s);\n   | \t^\n",
    ],
    ["an entry point that is not defined", "tree/no-entry.c", "tree/no-entry.c:1:1: entry point nowhere is not defined\n 1 | TASK(nowhere);\n   | ^\n"],
  ])("%s", async (_what, file, stderr) => {
    const run = await check(file);
    expect(run).toEqual({ code: 2, stdout: "", stderr });
  });

  it("every bad file of a program is reported, not just the first", async () => {
    const run = await check("tree/syntax.c", "tree/missing-init.c");
    expect(run.code).toBe(2);
    expect(run.stderr.split("\n").filter((l) => /^tree\//.test(l))).toEqual([
      "tree/syntax.c:3:15: expected ')'",
      "tree/missing-init.c:3:9: expected an identifier",
    ]);
  });

  it("a good file named with a bad one does not hide the error", async () => {
    const run = await check("tree/good.c", "tree/syntax.c");
    expect(run.code).toBe(2);
    expect(run.stderr.split("\n")[0]).toBe("tree/syntax.c:3:15: expected ')'");
  });
});

describe("files that are not scenarios", () => {
  it.each([
    ["a missing file", "tree/missing.c", "tree/missing.c: no such file or directory\n"],
    ["a directory with no .c file", "empty-dir", "empty-dir: no .c scenario files in this directory\n"],
    ["a binary file", "binary/elf.c", "binary/elf.c:1:8: binary file (NUL byte); a scenario is C source text\n"],
    ["a file that is not UTF-8", "binary/latin1.c", "binary/latin1.c:1:12: not UTF-8 text (invalid byte sequence); is this a binary file?\n"],
  ])("%s", async (_what, file, stderr) => {
    expect(await check(file)).toEqual({ code: 2, stdout: "", stderr });
  });

  it.each(["tree/empty.c", "tree/blank.c", "tree/comment-only.c"])("%s is a scenario with no findings (exit 0)", async (file) => {
    expect(await check(file)).toEqual({ code: 0, stdout: "", stderr: "" });
    expect(await check("--format", "json", file)).toMatchObject({ code: 0, stderr: "" });
    expect(await check("--expect", file)).toEqual({ code: 0, stdout: "", stderr: `${file}: no findings, as expected\n` });
  });
});

describe("usage errors: exit 2 with a one-line message", () => {
  const USAGE = "usage: reclaimdep check FILE... [--format text|json] [--config A,B] [--no-model] [--expect] [--verbose]";

  it("an unknown option", async () => {
    const run = await check("--bogus", "tree/good.c");
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    const [message, usage, rest] = run.stderr.split("\n");
    expect(message).toMatch(/^reclaimdep check: Unknown option '--bogus'/);
    expect(usage).toBe(USAGE);
    expect(rest).toBe("");
  });

  it("a bad --format", async () => {
    expect(await check("--format", "xml", "tree/good.c")).toEqual({ code: 2, stdout: "", stderr: 'reclaimdep check: --format must be text or json, not "xml"\n' });
  });

  it("--format without its value", async () => {
    const run = await check("tree/good.c", "--format");
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`reclaimdep check: Option '--format <value>' argument missing\n${USAGE}\n`);
  });

  it("no file", async () => {
    expect(await check()).toEqual({ code: 2, stdout: "", stderr: `reclaimdep check: no scenario file given\n${USAGE}\n` });
  });
});
