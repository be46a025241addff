import { mkdtempSync, mkdirSync, realpathSync, symlinkSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatDiagnostic, parseScenarioFile } from "../../../src/scenario/parse/index.js";
import { at, parseWithDiagnostics } from "./helpers.js";

async function diagnosticsOf(source: string, config: readonly string[] = []) {
  return (await parseWithDiagnostics(source, { config: new Set(config) })).diagnostics;
}

describe("syntax errors: place and message", () => {
  it.each([
    ["missing ';'", "void f(void)\n{\n\tmutex_lock(&a)\n\tfoo();\n}\n", at(3, 16), "expected ';'"],
    ["stray '}'", "void f(void)\n{\n}\n}\n", at(4, 1), "unexpected '}'"],
    ["missing ')' in a condition", "void f(void)\n{\n\tif (a { b(); }\n}\n", at(3, 7), "expected ')'"],
    ["unclosed call", "void f(void)\n{\n\tkmalloc(4, GFP_KERNEL\n}\n", at(3, 23), "expected ')' to close '(' at 3:9"],
    ["unclosed at end of file", "void f(void)\n{\n\tfoo(\n", at(3, 6), "expected ')' at end of file to close '(' at 3:5"],
    ["unexpected token", "void f(void)\n{\n\tx = ;\n}\n", at(3, 4), "unexpected '='"],
  ])("%s", async (_name, source, loc, message) => {
    expect(await diagnosticsOf(source)).toEqual([{ loc, message }]);
  });

  it("statements at file scope", async () => {
    expect(await diagnosticsOf("x = 1;\nreturn 0;\n")).toEqual([
      { loc: at(1, 1), message: "expected a declaration, a function definition or a macro call at file scope" },
      { loc: at(2, 1), message: "statement outside a function: scenarios are C, code goes in a function body" },
    ]);
  });

  it("an unknown annotation macro is reported, not guessed", async () => {
    // tree-sitter-c reads `int __my_attr` as a declaration that should end there.
    expect(await diagnosticsOf("static int __my_attr f(void) { return 0; }\n")).toEqual([{ loc: at(1, 21), message: "expected ';'" }]);
  });

  it("errors in inactive branches do not count", async () => {
    expect(await diagnosticsOf("#ifdef CONFIG_X\nvoid f(void) { broken(\n#endif\n")).toEqual([]);
    expect(await diagnosticsOf("#ifdef CONFIG_X\nvoid f(void) { broken(\n#endif\n", ["X"])).toHaveLength(1);
  });

  it("a cascade is cut after 20 messages", async () => {
    const diagnostics = await diagnosticsOf("void f(void) { a() b(); }\n".repeat(30));
    expect(diagnostics).toHaveLength(21);
    expect(diagnostics.at(-1)).toEqual({ loc: { file: "/scenarios/t.c" }, message: "10 more syntax errors not shown" });
  });
});

describe("preprocessor errors", () => {
  it.each([
    ["#error", "#error needs CONFIG_MMU\n", at(1, 1), "#error: needs CONFIG_MMU"],
    ["unknown directive", "#frobnicate x\n", at(1, 1), "unknown preprocessor directive '#frobnicate'"],
    ["unterminated #if", "\n#ifdef CONFIG_X\nint x;\n", at(2, 1), "#ifdef without matching #endif"],
    ["#else without #if", "#else\n", at(1, 1), "#else without #if"],
    ["#endif without #if", "int x;\n  #endif\n", at(2, 3), "#endif without #if"],
    ["#elif after #else", "#if 1\n#else\n#elif 1\n#endif\n", at(3, 1), "#elif after #else"],
    ["unknown function-like macro in #if", "#if KERNEL_VERSION(5, 10, 0)\n#endif\n", at(1, 5), "cannot evaluate 'KERNEL_VERSION(...)' in #if: only defined(), IS_ENABLED(), IS_BUILTIN(), IS_MODULE() and IS_REACHABLE() are known"],
    ["empty #if", "#if\n#endif\n", at(1, 4), "expected an expression after #if"],
    ["bad #if token", "#if 1 $ 2\n#endif\n", at(1, 5), "unexpected '$' in #if expression"],
    ["unclosed ( in #if", "#if (1\n#endif\n", at(1, 5), "expected ')' to close '(' in #if expression"],
    ["division by zero", "#if 1 / 0\n#endif\n", at(1, 5), "division by zero in #if expression"],
    ["#ifdef without a name", "#ifdef\n#endif\n", at(1, 7), "expected a macro name after #ifdef"],
    ["#include of something else", "#include FOO\n", at(1, 10), 'expected "FILE" or <FILE> after #include'],
    ["#define without a name", "#define\n", at(1, 8), "expected a macro name after #define"],
    ["unterminated comment", "int x; /* never closed\nint y;\n", at(1, 8), "unterminated comment: '/*' without '*/'"],
  ])("%s", async (_name, source, loc, message) => {
    expect(await diagnosticsOf(source)).toEqual([{ loc, message }]);
  });
});

describe("bad input files (exit status 2 material)", () => {
  const dir = mkdtempSync(join(tmpdir(), "reclaimdep-parse-"));
  mkdirSync(join(dir, "sub"));
  writeFileSync(join(dir, "nul.c"), Buffer.from("int x;\nint \u0000y;\n", "latin1"));
  writeFileSync(join(dir, "latin1.c"), Buffer.from([0x69, 0x6e, 0x74, 0x20, 0xe9, 0x3b, 0x0a]));
  writeFileSync(join(dir, "empty.c"), "");
  writeFileSync(join(dir, "huge.c"), "");
  truncateSync(join(dir, "huge.c"), 17 * 1024 * 1024); // sparse: no 17 MiB written
  const outside = mkdtempSync(join(tmpdir(), "reclaimdep-outside-"));
  writeFileSync(join(outside, "secret.h"), "int secret;\n");
  mkdirSync(join(dir, "tree"));
  symlinkSync(join(outside, "secret.h"), join(dir, "tree", "link.h"));
  writeFileSync(join(dir, "tree", "via_link.c"), '#include "link.h"\n');

  it("a missing file", async () => {
    expect(await parseScenarioFile("missing.c", { cwd: dir })).toEqual({ ok: false, error: { loc: { file: "missing.c" }, message: "no such file" } });
  });

  it("a directory", async () => {
    expect(await parseScenarioFile("sub", { cwd: dir })).toEqual({ ok: false, error: { loc: { file: "sub" }, message: "is a directory, not a scenario file" } });
  });

  it("a binary file, located at the first NUL byte", async () => {
    expect(await parseScenarioFile("nul.c", { cwd: dir })).toEqual({
      ok: false,
      error: { loc: { file: "nul.c", line: 2, column: 5 }, message: "binary file (NUL byte); a scenario is C source text" },
    });
  });

  it("invalid UTF-8, located at the first bad byte", async () => {
    expect(await parseScenarioFile("latin1.c", { cwd: dir })).toEqual({
      ok: false,
      error: { loc: { file: "latin1.c", line: 1, column: 5 }, message: "not UTF-8 text (invalid byte sequence); is this a binary file?" },
    });
  });

  it("a device or FIFO is refused before it is read", async () => {
    expect(await parseScenarioFile("/dev/null")).toEqual({ ok: false, error: { loc: { file: "/dev/null" }, message: "not a regular file" } });
  });

  it("a file too large for a scenario", async () => {
    expect(await parseScenarioFile("huge.c", { cwd: dir })).toEqual({
      ok: false,
      error: { loc: { file: "huge.c" }, message: "file too large (17825792 bytes; a scenario may have at most 16777216)" },
    });
  });

  it("an include through a symbolic link that leaves the tree", async () => {
    const result = await parseScenarioFile(join("tree", "via_link.c"), { cwd: dir });
    expect(result.ok && result.diagnostics).toEqual([
      { loc: { file: join("tree", "via_link.c"), line: 1, column: 1 }, message: `#include "link.h" leaves the scenario directory tree (${realpathSync(join(dir, "tree"))}); includes must stay inside it` },
    ]);
  });

  it("an empty file is a valid unit", async () => {
    const result = await parseScenarioFile("empty.c", { cwd: dir });
    expect(result).toMatchObject({ ok: true, diagnostics: [], unit: { file: "empty.c", items: [], expectations: [] } });
  });
});

describe("formatDiagnostic", () => {
  it("prints the message, the source line and a caret, tabs kept", async () => {
    const result = await parseWithDiagnostics("void f(void)\n{\n\tmutex_lock(&a)\n\tfoo();\n}\n");
    const [diagnostic] = result.diagnostics;
    if (diagnostic === undefined) throw new Error("no diagnostic");
    expect(formatDiagnostic(diagnostic, result.sources[diagnostic.loc.file])).toBe(
      "/scenarios/t.c:3:16: expected ';'\n 3 | \tmutex_lock(&a)\n   | \t              ^",
    );
  });

  it("prints only the message without a position or source", () => {
    expect(formatDiagnostic({ loc: { file: "x.c" }, message: "no such file" })).toBe("x.c: no such file");
    expect(formatDiagnostic({ loc: { file: "x.c", line: 9, column: 1 }, message: "m" }, "one line")).toBe("x.c:9:1: m");
  });
});
