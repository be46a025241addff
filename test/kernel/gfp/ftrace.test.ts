import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatGfpFtrace, gfpFromNumber, gfpTable, parseGfpFtrace, type Gfp } from "../../../src/kernel/gfp/index.js";
import { RAW_GFP_DATA } from "./raw-data.js";

const ALL = gfpTable();
const X86 = gfpTable({ layout: "x86_64", era: "v6.8+" });
const g = (n: number): Gfp => gfpFromNumber(n) as Gfp;

describe("formatGfpFtrace (show_gfp_flags)", () => {
  // Examples from kernel-facts.md §1.5.
  it.each([
    [0, "none"],
    [0xcc0, "GFP_KERNEL"],
    [0xdc0, "GFP_KERNEL|__GFP_ZERO"],
    [0x400dc0, "GFP_KERNEL_ACCOUNT|__GFP_ZERO"],
    [0xc40 | 0x8000, "GFP_NOFS|__GFP_NOFAIL"],
    [0x820 | 0x2000, "GFP_ATOMIC|__GFP_NOWARN"],
    [0xc00, "GFP_NOIO"],
    [0x2800, "GFP_NOWAIT"],
    [0x800, "__GFP_KSWAPD_RECLAIM"],
    [0xc00 | 0x100000, "GFP_NOIO|__GFP_HARDWALL"],
    [0x400, "__GFP_DIRECT_RECLAIM"],
    [0x200, "0x200"],
    [0xcc0 | 0x200 | 0x10000000, "GFP_KERNEL|0x10000200"],
  ])("%i prints as %s", (value, text) => {
    expect(formatGfpFtrace(g(value), X86)).toBe(text);
  });

  it("prints the full-config high bits by name and NO_OBJ_EXT (not in the table) as leftover", () => {
    expect(formatGfpFtrace(g(0xcc0 | 0x4000000), ALL)).toBe("GFP_KERNEL|__GFP_NOLOCKDEP");
    expect(formatGfpFtrace(g(0xcc0 | 0x1000000), X86)).toBe("GFP_KERNEL|__GFP_NOLOCKDEP");
    expect(formatGfpFtrace(g(0x8000000), ALL)).toBe("0x8000000");
  });

  it("prints a bare 0x800 as GFP_NOWAIT where GFP_NOWAIT has no NOWARN", () => {
    expect(formatGfpFtrace(g(0x800), gfpTable({ layout: "x86_64", era: "v6.3..v6.7" }))).toBe("GFP_NOWAIT");
  });

  it("matches GFP_TRANSHUGE before anything else", () => {
    expect(formatGfpFtrace(X86.masks.get("GFP_TRANSHUGE") as Gfp, X86)).toBe("GFP_TRANSHUGE");
  });
});

describe("parseGfpFtrace", () => {
  it.each([
    ["none", 0],
    ["GFP_NOFS|__GFP_ZERO", 0xd40],
    ["0x400", 0x400],
    ["GFP_KERNEL|0x10000200", 0x10000ec0],
    ["__GFP_RECLAIM|__GFP_IO", 0xc40],
  ])("%s is %i", (text, value) => {
    expect(parseGfpFtrace(text, X86)).toEqual({ ok: true, value });
  });

  it.each([
    ["", "expected a gfp flag name or 0x... value", 1],
    ["GFP_KERNEL|", "expected a gfp flag name or 0x... value", 12],
    ["GFP_KERNEL||__GFP_ZERO", "expected a gfp flag name or 0x... value", 12],
    ["GFP_KERNEL|__GFP_BOGUS", "unknown gfp flag `__GFP_BOGUS`", 12],
    ["0x", "unknown gfp flag `0x`", 1],
    ["GFP_KERNEL|0x100000000", "0x100000000 does not fit in gfp_t (32 bits)", 12],
    [" GFP_KERNEL", "unknown gfp flag ` GFP_KERNEL`", 1],
  ])("rejects %j: %s at column %i", (text, message, column) => {
    expect(parseGfpFtrace(text, X86)).toEqual({ ok: false, error: { message, column } });
  });
});

describe("round trip", () => {
  const tables = [
    ["all-options", ALL],
    ["x86_64", X86],
    ["x86_64 ..v6.2", gfpTable({ layout: "x86_64", era: "..v6.2" })],
  ] as const;

  describe.each(tables)("%s", (_label, table) => {
    it.each([...Object.keys(RAW_GFP_DATA.bits), ...Object.keys(RAW_GFP_DATA.masks)])("%s", (name) => {
      const value = table.values.get(name) as Gfp;
      const text = formatGfpFtrace(value, table);
      expect(parseGfpFtrace(text, table)).toEqual({ ok: true, value });
      expect(parseGfpFtrace(name, table)).toEqual({ ok: true, value });
    });

    it("any 32-bit value: parse(format(v)) = v and format(parse(format(v))) = format(v)", () => {
      fc.assert(
        fc.property(fc.nat({ max: 0xffff_ffff }), (n) => {
          const text = formatGfpFtrace(g(n), table);
          const back = parseGfpFtrace(text, table);
          return back.ok && back.value === n && formatGfpFtrace(back.value, table) === text;
        }),
        { numRuns: 2000 },
      );
    });

    it("random unions of names: round trip, and no named single bit in the leftover", () => {
      const names = [...table.values.keys()];
      // Bits that have a single-bit entry never end up in the hex leftover.
      const singles = table.ftraceNames.filter((e) => (e.value & (e.value - 1)) === 0).reduce((acc, e) => (acc | e.value) >>> 0, 0);
      fc.assert(
        fc.property(fc.subarray(names), fc.nat({ max: 0xffff_ffff }), (picked, noise) => {
          const value = g(picked.reduce((acc, n) => (acc | (table.values.get(n) as number)) >>> 0, noise) >>> 0);
          const text = formatGfpFtrace(value, table);
          const hex = /(?:^|\|)0x([0-9a-f]+)$/.exec(text);
          const leftover = hex ? Number.parseInt(hex[1] as string, 16) : 0;
          const back = parseGfpFtrace(text, table);
          return back.ok && back.value === value && (leftover & singles) === 0;
        }),
        { numRuns: 2000 },
      );
    });
  });
});
