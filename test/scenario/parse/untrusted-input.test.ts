/**
 * Every input is untrusted (DESIGN.md §8): whatever the bytes, the parser answers with a unit
 * and diagnostics or an input error, never an exception.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { memorySourceHost, parseScenarioFile, parseScenarioSource, type ParseResult } from "../../../src/scenario/parse/index.js";

const TOKENS = [
  "void", "int", "static", "struct", "obj", "f", "(", ")", "{", "}", "[", "]", ";", ",", "=", "*", "&", "->", ".",
  "mutex_lock", "list_for_each_entry", "if", "else", "goto", "out", ":", "switch", "case", "default", "return",
  "#include \"x.h\"\n", "#ifdef CONFIG_X\n", "#else\n", "#endif\n", "#define A 1\n", "#if IS_ENABLED(\n",
  "/*", "*/", "//", "\"", "'", "\\\n", "\n", " ", "__acquires(x)", "DEFINE_MUTEX", "0x", "1UL", "?", "...",
] as const;

function expectWellFormed(result: ParseResult): void {
  if (!result.ok) {
    expect(result.error.message).not.toBe("");
    return;
  }
  for (const diagnostic of result.diagnostics) {
    expect(diagnostic.message).not.toBe("");
    expect(typeof diagnostic.loc.file).toBe("string");
  }
  expect(JSON.parse(JSON.stringify(result.unit))).toEqual(result.unit);
}

describe("untrusted input", () => {
  it("arbitrary text never throws", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: "binary", maxLength: 300 }), async (text) => {
        expectWellFormed(await parseScenarioSource(text, "/s/x.c", { host: memorySourceHost({}) }));
      }),
      { numRuns: 150 },
    );
  });

  it("token soup never throws", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...TOKENS), { maxLength: 120 }), async (tokens) => {
        const text = tokens.join(" ");
        const host = memorySourceHost({ "/s/x.c": text, "/s/x.h": text });
        expectWellFormed(await parseScenarioFile("/s/x.c", { host, config: new Set(["X"]) }));
      }),
      { numRuns: 200 },
    );
  });

  it("arbitrary bytes never throw", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 200 }), async (bytes) => {
        expectWellFormed(await parseScenarioFile("/s/x.c", { host: memorySourceHost({ "/s/x.c": bytes }) }));
      }),
      { numRuns: 150 },
    );
  });

  it("input nested far too deep is a diagnostic, not a stack overflow", async () => {
    const depth = 100_000;
    const result = await parseScenarioSource(`void f(void) { x = ${"(".repeat(depth)}1${")".repeat(depth)}; }\n`, "/s/deep.c");
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.diagnostics.map((d) => d.message)).toContain("nested too deeply to parse (expressions or blocks thousands of levels deep)");
  });

  it("a deeply nested #if or #define is an answer too", async () => {
    const depth = 100_000;
    const result = await parseScenarioSource(`#if ${"(".repeat(depth)}1${")".repeat(depth)}
#endif
#define D ${"(".repeat(depth)}1${")".repeat(depth)}
`, "/s/deep.c");
    expect(result.ok && result.diagnostics).toEqual([{ loc: { file: "/s/deep.c", line: 1, column: 5 }, message: "#if expression nested too deeply" }]);
    expect(result.ok && result.unit.macros).toMatchObject([{ name: "D", value: null }]);
  });
});
