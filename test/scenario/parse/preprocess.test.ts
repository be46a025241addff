import { describe, expect, it } from "vitest";
import type { Statement } from "../../../src/scenario/ast.js";
import { memorySourceHost, parseScenarioFile } from "../../../src/scenario/parse/index.js";
import { at, functionNamed, parseOk, parseWithDiagnostics } from "./helpers.js";

const callNames = (statements: readonly Statement[]): string[] =>
  statements.flatMap((s) => (s.kind === "expression" && s.expression.kind === "call" && s.expression.name !== null ? [s.expression.name] : []));

const CONDITIONAL_BODY = [
  "void f(void)",
  "{",
  "#ifdef CONFIG_PREEMPT_RT",
  "\trt();",
  "#else",
  "\tnon_rt();",
  "#endif",
  "#if IS_ENABLED(CONFIG_LOCKDEP) && !defined(CONFIG_PREEMPT_RT)",
  "\tlockdep_only();",
  "#elif defined CONFIG_PROVE_RAW_LOCK_NESTING",
  "\traw_nesting();",
  "#else",
  "\tneither();",
  "#endif",
  "#ifndef CONFIG_MEMORY_HOTREMOVE",
  "\tno_hotremove();",
  "#endif",
  "}",
].join("\n");

describe("conditionals against the configuration", () => {
  it.each([
    [[], ["non_rt", "neither", "no_hotremove"]],
    [["PREEMPT_RT"], ["rt", "neither", "no_hotremove"]],
    [["CONFIG_LOCKDEP"], ["non_rt", "lockdep_only", "no_hotremove"]],
    [["PREEMPT_RT", "LOCKDEP", "PROVE_RAW_LOCK_NESTING", "MEMORY_HOTREMOVE"], ["rt", "raw_nesting"]],
  ])("inside a function body with config %j", async (config, calls) => {
    const unit = await parseOk(CONDITIONAL_BODY, { config: new Set(config) });
    expect(callNames(functionNamed(unit, "f").body.statements)).toEqual(calls);
  });

  it("at file scope, keeping lines and columns of what follows", async () => {
    const unit = await parseOk("#ifdef CONFIG_PREEMPT_RT\nDEFINE_RAW_SPINLOCK(l);\n#else\nDEFINE_SPINLOCK(l);\n#endif\nTASK(f);\n");
    expect(unit.items).toMatchObject([
      { kind: "macro-call", loc: at(4, 1), call: { name: "DEFINE_SPINLOCK" } },
      { kind: "macro-call", loc: at(6, 1), call: { name: "TASK" } },
    ]);
  });

  it("a conditional may cut through a statement", async () => {
    const source = "void f(void)\n{\n#ifdef CONFIG_X\n\tif (a) {\n#else\n\tif (b) {\n#endif\n\t\tc();\n\t}\n}\n";
    const unit = await parseOk(source, { config: new Set(["X"]) });
    expect(functionNamed(unit, "f").body.statements).toMatchObject([{ kind: "if", loc: at(4, 2), condition: { name: "a" } }]);
  });

  it("nested groups inside an inactive branch are skipped without evaluating them", async () => {
    const unit = await parseOk("#if 0\n#if UNKNOWN_MACRO(1)\nbroken(\n#endif\n#endif\nTASK(f);\n");
    expect(unit.items).toMatchObject([{ kind: "macro-call", call: { name: "TASK" } }]);
  });

  it("#if with arithmetic, comparisons and macros defined in the file", async () => {
    const unit = await parseOk("#define LEVEL 3\n#if LEVEL * 2 >= 6 && (1 << 2) == 4\nTASK(yes);\n#endif\n#if LEVEL > 3 ? 1 : 0\nTASK(no);\n#endif\n");
    expect(unit.items).toMatchObject([{ call: { args: [{ name: "yes" }] } }]);
  });

  it("#ifdef sees #define and #undef in order", async () => {
    const unit = await parseOk("#define HAVE_X\n#ifdef HAVE_X\nTASK(a);\n#endif\n#undef HAVE_X\n#ifdef HAVE_X\nTASK(b);\n#endif\n");
    expect(unit.items).toHaveLength(1);
    expect(unit.macros).toEqual([]);
  });
});

describe("line endings and encodings", () => {
  it("CRLF files preprocess and parse like LF files", async () => {
    const unit = await parseOk("#define N 4\r\n#ifdef CONFIG_X\r\nint a;\r\n#else\r\nint b; // expect: none\r\n#endif\r\n", {});
    expect(unit.items).toMatchObject([{ kind: "variable", name: "b", loc: at(5, 5) }]);
    expect(unit.macros).toMatchObject([{ name: "N", text: "4", value: { value: 4 } }]);
    expect(unit.expectations).toEqual([{ kind: "none", loc: at(5, 8) }]);
  });

  it("a UTF-8 byte order mark is skipped and non-ASCII text counts in UTF-16 columns", async () => {
    const host = memorySourceHost({ "/s/bom.c": new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('int x; /* é😀 */ int y;\nconst char *s = "😀"; int z;\n')]) });
    const result = await parseScenarioFile("/s/bom.c", { host });
    expect(result.ok && result.unit.items.map((item) => [item.kind === "variable" ? item.name : "", item.loc.line, item.loc.column])).toEqual([
      ["x", 1, 5],
      ["y", 1, 22],
      ["s", 2, 13],
      ["z", 2, 27],
    ]);
  });
});

describe("#define", () => {
  it("object-like macros are constants with a parsed value; function-like ones are raw text", async () => {
    const unit = await parseOk("#define NR_OBJS 16\n#define MY_GFP  (GFP_NOFS | __GFP_NOWARN)\n#define lock_obj(o) \\\n\tmutex_lock(&(o)->lock)\n#define EMPTY\n#define LOOP do { } while (0)\n");
    expect(unit.macros).toEqual([
      { kind: "object", loc: at(1, 1), name: "NR_OBJS", text: "16", value: { kind: "number", loc: at(1, 17), text: "16", value: 16 } },
      {
        kind: "object",
        loc: at(2, 1),
        name: "MY_GFP",
        text: "(GFP_NOFS | __GFP_NOWARN)",
        value: {
          kind: "binary",
          loc: at(2, 18),
          text: "GFP_NOFS | __GFP_NOWARN",
          operator: "|",
          left: { kind: "identifier", loc: at(2, 18), text: "GFP_NOFS", name: "GFP_NOFS" },
          right: { kind: "identifier", loc: at(2, 29), text: "__GFP_NOWARN", name: "__GFP_NOWARN" },
        },
      },
      { kind: "function", loc: at(3, 1), name: "lock_obj", parameters: ["o"], text: "mutex_lock(&(o)->lock)" },
      { kind: "object", loc: at(5, 1), name: "EMPTY", text: "", value: null },
      { kind: "object", loc: at(6, 1), name: "LOOP", text: "do { } while (0)", value: null },
    ]);
  });

  it("a multi-line constant keeps the places of its second line", async () => {
    const unit = await parseOk("#define BOTH (A | \\\n\t\tB)\n");
    expect(unit.macros).toMatchObject([{ value: { kind: "binary", right: { name: "B", loc: at(2, 3) } } }]);
  });

  it("a later definition replaces an earlier one", async () => {
    const unit = await parseOk("#define X 1\n#define X 2\n");
    expect(unit.macros).toMatchObject([{ name: "X", text: "2" }]);
  });
});

describe("#include", () => {
  const files = {
    "/s/main.c": '#include "lib/locks.h"\n#include <linux/mutex.h>\nvoid f(void) { lock_all(); }\n#ifdef LOCKS_H\nTASK(f);\n#endif\n',
    "/s/lib/locks.h": '#define LOCKS_H\n#include "types.h"\nDEFINE_MUTEX(a);\nvoid lock_all(void) { mutex_lock(&a); }\n',
    "/s/lib/types.h": "struct obj { struct mutex lock; };\n",
    "/s/twice.c": '#include "lib/types.h"\n#include "lib/types.h"\n',
    "/s/escape.c": '#include "../outside.h"\n',
    "/s/absolute.c": '#include "/etc/passwd"\n',
    "/outside.h": "int x;\n",
    "/s/cycle_a.h": '#include "cycle_b.h"\n',
    "/s/cycle_b.h": '#include "cycle_a.h"\n',
    "/s/cycle.c": '#include "cycle_a.h"\n',
    "/s/missing.c": 'void f(void) { }\n#include "nope.h"\n',
    "/s/bin.c": '#include "blob.h"\n',
    "/s/blob.h": new Uint8Array([0x69, 0x6e, 0x74, 0x00, 0x0a]),
    "/s/dir.c": '#include "lib"\n',
  };
  const host = memorySourceHost(files);

  it("loads files relative to the includer, in place, with their macros visible afterwards", async () => {
    const result = await parseScenarioFile("/s/main.c", { host });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.diagnostics).toEqual([]);
    expect(result.unit.files).toEqual(["/s/main.c", "/s/lib/locks.h", "/s/lib/types.h"]);
    expect(result.unit.items.map((item) => [item.kind, item.loc.file, item.loc.line])).toEqual([
      ["struct", "/s/lib/types.h", 1],
      ["macro-call", "/s/lib/locks.h", 3],
      ["function", "/s/lib/locks.h", 4],
      ["function", "/s/main.c", 3],
      ["macro-call", "/s/main.c", 5],
    ]);
    expect(result.unit.macros).toMatchObject([{ name: "LOCKS_H", loc: { file: "/s/lib/locks.h" } }]);
  });

  it("a file included twice is read once", async () => {
    const result = await parseScenarioFile("/s/twice.c", { host });
    expect(result.ok && result.unit.items.length).toBe(1);
    expect(result.ok && result.diagnostics).toEqual([]);
  });

  it.each([
    ["/s/escape.c", at(1, 1, "/s/escape.c"), '#include "../outside.h" leaves the scenario directory tree (/s); includes must stay inside it'],
    ["/s/absolute.c", at(1, 1, "/s/absolute.c"), '#include "/etc/passwd" leaves the scenario directory tree (/s); includes must stay inside it'],
    ["/s/cycle.c", at(1, 1, "/s/cycle_b.h"), "#include cycle: /s/cycle_a.h → /s/cycle_b.h → /s/cycle_a.h"],
    ["/s/missing.c", at(2, 1, "/s/missing.c"), 'cannot include "nope.h": no such file'],
    ["/s/bin.c", at(1, 1, "/s/bin.c"), 'cannot include "blob.h": binary file (NUL byte); a scenario is C source text (/s/blob.h:1:4)'],
    ["/s/dir.c", at(1, 1, "/s/dir.c"), 'cannot include "lib": is a directory, not a scenario file'],
  ])("%s: an include error names the #include", async (file, loc, message) => {
    const result = await parseScenarioFile(file, { host });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.diagnostics).toEqual([{ loc, message }]);
  });

  it("an include chain deeper than 64 files is cut with an error", async () => {
    const chain = Object.fromEntries(Array.from({ length: 70 }, (_, i) => [`/d/f${i}.h`, `#include "f${i + 1}.h"\n`]));
    const result = await parseScenarioFile("/d/f0.h", { host: memorySourceHost(chain) });
    expect(result.ok && result.diagnostics).toEqual([{ loc: at(1, 1, "/d/f64.h"), message: "#include nested more than 64 levels deep" }]);
  });

  it("a file named __proto__ is a file like any other", async () => {
    const result = await parseScenarioFile("/p/__proto__", { host: memorySourceHost({ "/p/__proto__": "int x;\n" }) });
    expect(result.ok && Object.keys(result.sources)).toEqual(["/p/__proto__"]);
    const missing = await parseScenarioFile("/p/x.c", { host: memorySourceHost({ "/p/x.c": '#include "constructor"\n' }) });
    expect(missing.ok && missing.diagnostics).toEqual([{ loc: at(1, 1, "/p/x.c"), message: 'cannot include "constructor": no such file' }]);
  });

  it("the root option widens the tree includes may use", async () => {
    const result = await parseScenarioFile("/s/escape.c", { host, root: "/" });
    expect(result.ok && result.diagnostics).toEqual([]);
    expect(result.ok && result.unit.files).toEqual(["/s/escape.c", "/outside.h"]);
  });
});

describe("// expect: lines", () => {
  it("are collected with their places, only from active lines", async () => {
    const unit = await parseOk(
      "// expect: circular-dependency &mapping->i_mmap_rwsem fs_reclaim\nTASK(f); // expect: none\n#ifdef CONFIG_PREEMPT_RT\n// expect: sleep-in-atomic\n#endif\n/* expect: ignored-in-block-comments */\n",
    );
    expect(unit.expectations).toEqual([
      { kind: "finding", loc: at(1, 1), findingKind: "circular-dependency", locks: ["&mapping->i_mmap_rwsem", "fs_reclaim"] },
      { kind: "none", loc: at(2, 10) },
    ]);
  });

  it("malformed ones are diagnostics", async () => {
    const result = await parseWithDiagnostics("// expect:\n// expect: none &a\n// expect: Circular_Dep\n");
    expect(result.diagnostics).toEqual([
      { loc: at(1, 1), message: "expected a finding kind or 'none' after 'expect:'" },
      { loc: at(2, 1), message: "'expect: none' takes no lock names" },
      { loc: at(3, 1), message: "'Circular_Dep' is not a finding kind (kinds are written like circular-dependency)" },
    ]);
  });
});
