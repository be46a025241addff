import { describe, expect, it } from "vitest";
import { at, onlyStatement, statementsOf } from "./helpers.js";

describe("statements", () => {
  it("block", async () => {
    expect(await onlyStatement("{ a(); }")).toMatchObject({
      kind: "block",
      loc: at(2, 2),
      statements: [{ kind: "expression", loc: at(2, 4), expression: { kind: "call", name: "a" } }],
    });
  });

  it("expression statement", async () => {
    expect(await onlyStatement("mutex_lock(&dev->lock);")).toMatchObject({
      kind: "expression",
      loc: at(2, 2),
      expression: { kind: "call", name: "mutex_lock", text: "mutex_lock(&dev->lock)" },
    });
  });

  it("declaration with initializer, one per declarator", async () => {
    const statements = await statementsOf("unsigned int flags = memalloc_nofs_save(), *p = NULL;");
    expect(statements).toMatchObject([
      {
        kind: "declaration",
        loc: at(2, 15),
        name: "flags",
        type: { text: "unsigned int", base: "unsigned int", derivation: [] },
        init: { kind: "call", name: "memalloc_nofs_save", args: [] },
        isStatic: false,
      },
      { kind: "declaration", loc: at(2, 46), name: "p", type: { text: "unsigned int *", derivation: ["pointer"] }, init: { kind: "number", text: "NULL", value: 0 } },
    ]);
  });

  it("declaration without initializer and a function-local static", async () => {
    expect(await statementsOf("gfp_t gfp; static DEFINE_MUTEX(m); static int calls;")).toMatchObject([
      { kind: "declaration", name: "gfp", type: { text: "gfp_t" }, init: null, isStatic: false },
      { kind: "expression", expression: { kind: "call", name: "DEFINE_MUTEX", args: [{ kind: "identifier", name: "m", loc: at(2, 33) }] } },
      { kind: "declaration", name: "calls", isStatic: true },
    ]);
  });

  it("if / else", async () => {
    expect(await onlyStatement("if (gfp & __GFP_FS)\n\t\ta();\n\telse\n\t\tb();")).toMatchObject({
      kind: "if",
      loc: at(2, 2),
      condition: { kind: "binary", operator: "&", text: "gfp & __GFP_FS", loc: at(2, 6) },
      then: { kind: "expression", loc: at(3, 3) },
      else: { kind: "expression", loc: at(5, 3), expression: { name: "b" } },
    });
  });

  it("if without else, else if chain", async () => {
    expect(await onlyStatement("if (a) x(); else if (b) y();")).toMatchObject({
      kind: "if",
      else: { kind: "if", condition: { kind: "identifier", name: "b" }, else: null },
    });
  });

  it("switch with cases, fallthrough and default", async () => {
    const statement = await onlyStatement("switch (mode) {\n\tcase 1:\n\t\ta();\n\tcase FOO: {\n\t\tb();\n\t\tbreak;\n\t}\n\tdefault:\n\t\tc();\n\t}");
    expect(statement).toMatchObject({
      kind: "switch",
      loc: at(2, 2),
      discriminant: { kind: "identifier", name: "mode" },
      cases: [
        { loc: at(3, 2), test: { kind: "number", value: 1 }, rangeEnd: null, body: [{ kind: "expression" }] },
        { loc: at(5, 2), test: { kind: "identifier", name: "FOO" }, body: [{ kind: "block", statements: [{ kind: "expression" }, { kind: "break", loc: at(7, 3) }] }] },
        { loc: at(9, 2), test: null, body: [{ kind: "expression", expression: { name: "c" } }] },
      ],
    });
  });

  it("switch with GNU case ranges", async () => {
    expect(await onlyStatement("switch (c) {\n\tcase 'a' ... 'z':\n\t\tbreak;\n\tcase 1 ... NR_MAX: x();\n\tcase 1:\n\t\tbreak;\n\t}")).toMatchObject({
      cases: [
        { test: { kind: "number", value: 97 }, rangeEnd: { kind: "number", value: 122, loc: at(3, 15) }, body: [{ kind: "break" }] },
        { test: { value: 1 }, rangeEnd: { kind: "identifier", name: "NR_MAX" }, body: [{ kind: "expression" }] },
        { test: { value: 1 }, rangeEnd: null },
      ],
    });
  });

  it("for with declarations, condition, comma update", async () => {
    expect(await onlyStatement("for (int i = 0, j = 1; i < n; i++, j--)\n\t\tcond_resched();")).toMatchObject({
      kind: "for",
      loc: at(2, 2),
      init: [
        { kind: "declaration", name: "i", init: { value: 0 } },
        { kind: "declaration", name: "j", init: { value: 1 } },
      ],
      condition: { kind: "binary", operator: "<" },
      update: { kind: "comma", expressions: [{ kind: "update", operator: "++", prefix: false }, { kind: "update", operator: "--" }] },
      body: { kind: "expression", loc: at(3, 3) },
    });
  });

  it("for (;;) with an expression initializer or none", async () => {
    expect(await statementsOf("for (;;) schedule(); for (i = 0; ; ) ;")).toMatchObject([
      { kind: "for", init: [], condition: null, update: null, body: { kind: "expression" } },
      { kind: "for", init: [{ kind: "expression", expression: { kind: "assignment" } }], condition: null, body: { kind: "empty" } },
    ]);
  });

  it("while and do/while(0)", async () => {
    expect(await statementsOf("while (read_seqretry(&seq, s)) cpu_relax();\n\tdo { a(); } while (0);")).toMatchObject([
      { kind: "while", loc: at(2, 2), condition: { kind: "call", name: "read_seqretry" }, body: { kind: "expression" } },
      { kind: "do", loc: at(3, 2), body: { kind: "block" }, condition: { kind: "number", value: 0 } },
    ]);
  });

  it("return with and without value", async () => {
    expect(await statementsOf("return;\n\treturn -ENOMEM;")).toMatchObject([
      { kind: "return", loc: at(2, 2), value: null },
      { kind: "return", loc: at(3, 2), value: { kind: "unary", operator: "-", operand: { kind: "identifier", name: "ENOMEM" } } },
    ]);
  });

  it("goto and labels, a label placed before the statement it labels", async () => {
    expect(await statementsOf("goto out_unlock;\nout_unlock:\n\tmutex_unlock(&m);\nout:\n\treturn 0;")).toMatchObject([
      { kind: "goto", loc: at(2, 2), label: "out_unlock" },
      { kind: "label", loc: at(3, 1), name: "out_unlock" },
      { kind: "expression", loc: at(4, 2), expression: { name: "mutex_unlock" } },
      { kind: "label", loc: at(5, 1), name: "out" },
      { kind: "return", loc: at(6, 2) },
    ]);
  });

  it("a label at the end of a block", async () => {
    expect(await statementsOf("goto out;\nout:")).toMatchObject([{ kind: "goto" }, { kind: "label", name: "out", loc: at(3, 1) }]);
  });

  it("break, continue, empty", async () => {
    const [loop] = await statementsOf("while (1) { break; continue; ; }");
    expect(loop).toMatchObject({
      kind: "while",
      body: { statements: [{ kind: "break", loc: at(2, 14) }, { kind: "continue", loc: at(2, 21) }, { kind: "empty", loc: at(2, 31) }] },
    });
  });

  it("macro-loop with a block body", async () => {
    expect(await onlyStatement("list_for_each_entry(p, &head, node) {\n\t\tspin_lock(&p->lock);\n\t}")).toMatchObject({
      kind: "macro-loop",
      loc: at(2, 2),
      name: "list_for_each_entry",
      args: [{ kind: "identifier", name: "p" }, { kind: "unary", operator: "&", text: "&head" }, { kind: "identifier", name: "node" }],
      body: { kind: "block", loc: at(2, 38), statements: [{ kind: "expression", loc: at(3, 3) }] },
    });
  });
});
