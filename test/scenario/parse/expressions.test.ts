import { describe, expect, it } from "vitest";
import { at, expressionOf, onlyStatement } from "./helpers.js";

describe("expressions", () => {
  it("call with a callee name", async () => {
    expect(await expressionOf("kmalloc(sizeof(*p), GFP_KERNEL)")).toMatchObject({
      kind: "call",
      loc: at(2, 2),
      text: "kmalloc(sizeof(*p), GFP_KERNEL)",
      name: "kmalloc",
      callee: { kind: "identifier", name: "kmalloc", loc: at(2, 2) },
      args: [{ kind: "sizeof", loc: at(2, 10) }, { kind: "identifier", name: "GFP_KERNEL", loc: at(2, 22) }],
    });
  });

  it("call with a callee expression", async () => {
    expect(await expressionOf("o->ops->scan(o, sc)")).toMatchObject({
      kind: "call",
      name: null,
      callee: { kind: "field", operator: "->", field: "scan", text: "o->ops->scan" },
      args: [{ name: "o" }, { name: "sc" }],
    });
    expect(await expressionOf("guard(mutex)(&lock)")).toMatchObject({ kind: "call", name: null, callee: { kind: "call", name: "guard" } });
  });

  it("identifier", async () => {
    expect(await expressionOf("dev_list_lock")).toEqual({ kind: "identifier", loc: at(2, 2), text: "dev_list_lock", name: "dev_list_lock" });
  });

  it("numbers: decimal, hex, octal, suffixes, characters, true/false/NULL", async () => {
    const values = await Promise.all(["42", "0x10", "010", "1UL", "0b101", "'a'", "'\\n'", "true", "false", "NULL"].map(expressionOf));
    expect(values.map((v) => (v.kind === "number" ? v.value : v.kind))).toEqual([42, 16, 8, 1, 5, 97, 10, 1, 0, 0]);
    expect(values[3]).toMatchObject({ kind: "number", text: "1UL" });
    // tree-sitter-c reads "-1" as one literal.
    expect(await expressionOf("-1")).toMatchObject({ kind: "number", value: -1 });
  });

  it("strings, escapes and concatenation", async () => {
    expect(await expressionOf('pr_info("a\\tb" "c\\n")')).toMatchObject({
      args: [{ kind: "string", text: '"a\\tb" "c\\n"', value: "a\tbc\n", loc: at(2, 10) }],
    });
  });

  it("unary: & * ! ~ - +", async () => {
    const operators = await Promise.all(["&l", "*p", "!x", "~__GFP_FS", "-EINVAL", "+x"].map(expressionOf));
    expect(operators.map((e) => (e.kind === "unary" ? e.operator : e.kind))).toEqual(["&", "*", "!", "~", "-", "+"]);
    expect(operators[3]).toMatchObject({ kind: "unary", operand: { kind: "identifier", name: "__GFP_FS", loc: at(2, 3) } });
  });

  it("update, prefix and postfix", async () => {
    expect(await expressionOf("++n")).toMatchObject({ kind: "update", operator: "++", prefix: true, operand: { name: "n" } });
    expect(await expressionOf("n--")).toMatchObject({ kind: "update", operator: "--", prefix: false });
  });

  it("binary, with precedence and parentheses leaving no node", async () => {
    expect(await expressionOf("(gfp & __GFP_FS) && !in_interrupt()")).toMatchObject({
      kind: "binary",
      operator: "&&",
      left: { kind: "binary", operator: "&", text: "gfp & __GFP_FS", loc: at(2, 3) },
      right: { kind: "unary", operator: "!", operand: { kind: "call", name: "in_interrupt" } },
    });
  });

  it("assignment and compound assignment", async () => {
    expect(await expressionOf("current->flags |= PF_MEMALLOC_NOIO")).toMatchObject({
      kind: "assignment",
      operator: "|=",
      target: { kind: "field", object: { kind: "identifier", name: "current" }, operator: "->", field: "flags" },
      value: { kind: "identifier", name: "PF_MEMALLOC_NOIO", loc: at(2, 20) },
    });
    expect(await expressionOf("gfp &= ~__GFP_IO")).toMatchObject({ kind: "assignment", operator: "&=" });
    expect(await expressionOf("x = y = 0")).toMatchObject({ kind: "assignment", operator: "=", value: { kind: "assignment" } });
  });

  it("field access with . and ->", async () => {
    expect(await expressionOf("sc->gfp_mask")).toMatchObject({ kind: "field", operator: "->", field: "gfp_mask", object: { name: "sc" } });
    expect(await expressionOf("dev.lock")).toMatchObject({ kind: "field", operator: ".", field: "lock", text: "dev.lock" });
  });

  it("subscript", async () => {
    expect(await expressionOf("&table[i].lock")).toMatchObject({
      kind: "unary",
      operand: { kind: "field", object: { kind: "subscript", object: { name: "table" }, index: { name: "i" } } },
    });
  });

  it("cast", async () => {
    expect(await expressionOf("(struct obj *)data")).toMatchObject({
      kind: "cast",
      type: { text: "struct obj *", base: "struct obj", derivation: ["pointer"] },
      operand: { kind: "identifier", name: "data", loc: at(2, 16) },
    });
  });

  it("sizeof of an expression and of a type", async () => {
    expect(await expressionOf("sizeof(*p)")).toMatchObject({ kind: "sizeof", operand: { kind: "unary", operator: "*", text: "*p" } });
    expect(await expressionOf("sizeof(struct obj)")).toMatchObject({
      kind: "sizeof",
      operand: { kind: "type-name", text: "struct obj", type: { base: "struct obj", derivation: [] }, loc: at(2, 9) },
    });
  });

  it("ternary, and GNU ?:", async () => {
    expect(await expressionOf("blocking ? GFP_KERNEL : GFP_NOWAIT")).toMatchObject({
      kind: "conditional",
      condition: { name: "blocking" },
      then: { name: "GFP_KERNEL" },
      else: { name: "GFP_NOWAIT" },
    });
    expect(await expressionOf("a ?: b")).toMatchObject({ kind: "conditional", then: null, else: { name: "b" } });
  });

  it("comma", async () => {
    expect(await expressionOf("a(), b(), c()")).toMatchObject({
      kind: "comma",
      expressions: [{ name: "a" }, { name: "b" }, { name: "c", loc: at(2, 12) }],
    });
  });

  it("initializer list with field, index and nested designators", async () => {
    const statement = await onlyStatement("struct foo f = { .a = 1, [2] = x, .b.c = 4, 5 };");
    expect(statement).toMatchObject({
      kind: "declaration",
      init: {
        kind: "init-list",
        entries: [
          { designators: [{ kind: "field", name: "a" }], value: { value: 1 }, loc: at(2, 19) },
          { designators: [{ kind: "index", index: { value: 2 } }], value: { name: "x" } },
          { designators: [{ kind: "field", name: "b" }, { kind: "field", name: "c" }], value: { value: 4 } },
          { designators: [], value: { value: 5 } },
        ],
      },
    });
  });

  it("compound literal", async () => {
    expect(await expressionOf("x = (struct range){ .start = 0 }")).toMatchObject({
      value: { kind: "compound-literal", type: { text: "struct range" }, init: { kind: "init-list", entries: [{ designators: [{ name: "start" }] }] } },
    });
  });

  it("GNU statement expression", async () => {
    expect(await expressionOf("x = ({ might_sleep(); 1; })")).toMatchObject({
      value: { kind: "statement-expression", body: { kind: "block", statements: [{ expression: { name: "might_sleep" } }, { expression: { value: 1 } }] } },
    });
  });

  it("unknown keeps the raw text", async () => {
    expect(await expressionOf('asm volatile("" ::: "memory")')).toMatchObject({ kind: "unknown", text: 'asm volatile("" ::: "memory")', loc: at(2, 2) });
  });

  it("text drops comments and collapses white space (a lock class name is text without spaces)", async () => {
    expect(await expressionOf("mutex_lock(& /* the lock */ dev ->\n\t\tlock)")).toMatchObject({
      args: [{ kind: "unary", text: "& dev -> lock" }],
    });
  });
});
