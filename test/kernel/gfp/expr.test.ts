import { describe, expect, it } from "vitest";
import {
  evalGfpText,
  evaluateGfpExpression,
  gfpFromNumber,
  gfpTable,
  MAX_GFP_EXPR_DEPTH,
  parseGfpExpression,
  type Gfp,
  type GfpLookup,
} from "../../../src/kernel/gfp/index.js";

const X86 = gfpTable({ layout: "x86_64", era: "v6.8+" });
const vars: GfpLookup = (name) => ({ gfp: 0xcc0, flags: 0xd40 } as Record<string, number>)[name] as Gfp | undefined;
const evalX86 = (text: string) => evalGfpText(text, vars, X86);

describe("evalGfpText", () => {
  it.each([
    ["GFP_KERNEL | __GFP_ZERO", 0xdc0],
    ["gfp & ~__GFP_FS", 0xc40],
    ["(GFP_NOIO | __GFP_NOWARN)", 0x2c00],
    ["GFP_KERNEL & ~__GFP_RECLAIM", 0xc0],
    ["GFP_NOFS|__GFP_NOFAIL", 0x8c40],
    ["0x400", 0x400],
    ["1024", 0x400],
    ["0", 0],
    ["010", 8],
    ["0x400u", 0x400],
    ["1024UL", 0x400],
    ["0XCC0", 0xcc0],
    ["(__force gfp_t)0x400", 0x400],
    ["(gfp_t)(GFP_KERNEL)", 0xcc0],
    ["~0", 0xffffffff],
    ["~~__GFP_FS", 0x80],
    ["flags ^ __GFP_ZERO", 0xc40],
    // C precedence: & binds tighter than ^, which binds tighter than |.
    ["__GFP_IO | __GFP_FS & 0", 0x40],
    ["__GFP_IO ^ __GFP_IO | __GFP_FS", 0x80],
    ["(__GFP_IO | __GFP_FS) & __GFP_FS", 0x80],
    ["  GFP_KERNEL\t|\n__GFP_ZERO  ", 0xdc0],
    ["0xffffffff", 0xffffffff],
  ])("%j = %i", (text, value) => {
    expect(evalX86(text)).toEqual({ ok: true, value });
  });

  it("resolves GFP names before variables", () => {
    const shadow: GfpLookup = () => gfpFromNumber(1);
    expect(evalGfpText("GFP_KERNEL", shadow, X86)).toEqual({ ok: true, value: 0xcc0 });
  });

  it("uses the configured layout", () => {
    expect(evalGfpText("__GFP_NOLOCKDEP", undefined, X86)).toEqual({ ok: true, value: 0x1000000 });
    expect(evalGfpText("__GFP_NOLOCKDEP")).toEqual({ ok: true, value: 0x4000000 });
  });

  it.each([
    ["", "expected a gfp flag, a number or `(`, found end of expression", 1],
    ["GFP_KERNEL |", "expected a gfp flag, a number or `(`, found end of expression", 13],
    ["GFP_KERNEL | | __GFP_ZERO", "expected a gfp flag, a number or `(`, found `|`", 14],
    ["(GFP_NOIO | __GFP_NOWARN", "expected `)` to close the `(` at column 1, found end of expression", 25],
    ["GFP_NOIO)", "unexpected `)` after the expression", 9],
    ["GFP_KERNEL __GFP_ZERO", "unexpected `__GFP_ZERO` after the expression", 12],
    ["GFP_KERNEL | __GFP_BOGUS", "unknown gfp flag or variable `__GFP_BOGUS`", 14],
    ["gfp & ~mask", "unknown gfp flag or variable `mask`", 8],
    ["GFP_KERNEL && x", "operator `&&` is not allowed in a gfp expression (use |, &, ^, ~)", 12],
    ["GFP_KERNEL || x", "operator `||` is not allowed in a gfp expression (use |, &, ^, ~)", 12],
    ["1 << 3", "operator `<<` is not allowed in a gfp expression (use |, &, ^, ~)", 3],
    ["zero ? __GFP_ZERO : 0", "operator `?` is not allowed in a gfp expression (use |, &, ^, ~)", 6],
    ["GFP_KERNEL | $x", "unexpected character `$`", 14],
    ["0x", "hexadecimal literal `0x` has no digits", 1],
    ["09", "invalid digit in octal literal `09`", 1],
    ["12abc", "invalid suffix on integer literal `12`", 3],
    ["0x100000000", "literal `0x100000000` does not fit in gfp_t (32 bits)", 1],
    ["4294967296", "literal `4294967296` does not fit in gfp_t (32 bits)", 1],
    ["(int)GFP_KERNEL", "unexpected `GFP_KERNEL` after the expression", 6],
  ])("%j fails: %s at column %i", (text, message, column) => {
    expect(evalX86(text)).toEqual({ ok: false, error: { message, column } });
  });

  it("refuses nesting deeper than the bound instead of exhausting the stack", () => {
    const deep = `${"(".repeat(100_000)}0${")".repeat(100_000)}`;
    const result = evalX86(deep);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.message).toBe(`expression nested more than ${MAX_GFP_EXPR_DEPTH} deep`);
    expect(evalX86("~".repeat(100_000) + "0").ok).toBe(false);
    const ok = `${"(".repeat(MAX_GFP_EXPR_DEPTH - 1)}__GFP_FS${")".repeat(MAX_GFP_EXPR_DEPTH - 1)}`;
    expect(evalX86(ok)).toEqual({ ok: true, value: 0x80 });
  });

  it("evaluates a long flat chain without recursion trouble", () => {
    const chain = Array.from({ length: 50_000 }, () => "__GFP_FS").join(" | ");
    expect(evalX86(chain)).toEqual({ ok: true, value: 0x80 });
  });
});

describe("parseGfpExpression", () => {
  it("keeps the tree and the columns for later evaluation", () => {
    const parsed = parseGfpExpression("gfp & ~__GFP_FS");
    expect(parsed).toEqual({
      ok: true,
      value: {
        kind: "binary",
        op: "&",
        column: 5,
        left: { kind: "name", name: "gfp", column: 1 },
        right: { kind: "not", column: 7, operand: { kind: "name", name: "__GFP_FS", column: 8 } },
      },
    });
    // The same tree under two variable bindings (two interpreter paths).
    if (!parsed.ok) return;
    const withGfp = (v: number): GfpLookup => (n) => (n === "gfp" ? (v as Gfp) : undefined);
    expect(evaluateGfpExpression(parsed.value, withGfp(0xcc0), X86)).toEqual({ ok: true, value: 0xc40 });
    expect(evaluateGfpExpression(parsed.value, withGfp(0x820), X86)).toEqual({ ok: true, value: 0x820 });
  });
});
