import { describe, expect, it } from "vitest";
import {
  buildGfpTable,
  gfpBitNames,
  gfpTable,
  gfpValue,
  shippedGfpData,
  type Gfp,
  type GfpConfig,
  type GfpData,
} from "../../../src/kernel/gfp/index.js";
import { RAW_GFP_DATA } from "./raw-data.js";

const ALL = gfpTable();
const X86 = gfpTable({ layout: "x86_64", era: "v6.8+" });

/** Expected value of a single bit computed from the raw JSON (0 when the layout lacks it). */
function rawBit(layout: Record<string, number>, name: string): number {
  const bit = layout[name];
  return bit === undefined ? 0 : 2 ** bit;
}

/** Expected value of a mask from the raw `masks_expanded` (OR of single bits). */
function rawMask(layout: Record<string, number>, name: string): number {
  return (RAW_GFP_DATA.masks_expanded[name] ?? []).reduce((acc, bit) => (acc | rawBit(layout, bit)) >>> 0, 0);
}

describe("bits from the data", () => {
  it.each(Object.keys(RAW_GFP_DATA.bits))("%s in both layouts", (name) => {
    expect(ALL.bits.get(name)).toBe(rawBit(RAW_GFP_DATA.bits, name));
    expect(X86.bits.get(name)).toBe(rawBit(RAW_GFP_DATA.bits_x86_64_v6_10plus, name));
    expect(gfpValue(name)).toBe(ALL.bits.get(name));
  });

  it("has no names beyond the data's", () => {
    expect([...ALL.bits.keys()].sort()).toEqual(Object.keys(RAW_GFP_DATA.bits).sort());
  });

  // Typed from kernel-facts.md §1.2, not computed: a loader that misreads the file cannot pass.
  it.each([
    ["__GFP_DMA", 0x1, 0x1],
    ["__GFP_MOVABLE", 0x8, 0x8],
    ["__GFP_IO", 0x40, 0x40],
    ["__GFP_FS", 0x80, 0x80],
    ["__GFP_ZERO", 0x100, 0x100],
    ["__GFP_DIRECT_RECLAIM", 0x400, 0x400],
    ["__GFP_KSWAPD_RECLAIM", 0x800, 0x800],
    ["__GFP_NOWARN", 0x2000, 0x2000],
    ["__GFP_NOFAIL", 0x8000, 0x8000],
    ["__GFP_ACCOUNT", 0x400000, 0x400000],
    ["__GFP_ZEROTAGS", 0x800000, 0x800000],
    ["__GFP_SKIP_ZERO", 0x1000000, 0],
    ["__GFP_SKIP_KASAN", 0x2000000, 0],
    ["__GFP_NOLOCKDEP", 0x4000000, 0x1000000],
    ["__GFP_NO_OBJ_EXT", 0x8000000, 0x2000000],
  ])("spot check %s = %i (all options), %i (x86_64)", (name, all, x86) => {
    expect(ALL.values.get(name)).toBe(all);
    expect(X86.values.get(name)).toBe(x86);
  });

  it("leaves bit 9 unused from v6.3 and gives it to __GFP_ATOMIC up to v6.2", () => {
    expect([...ALL.bits.values()]).not.toContain(0x200);
    expect(gfpTable({ layout: "all-options", era: "..v6.2" }).bits.get("__GFP_ATOMIC")).toBe(0x200);
  });
});

describe("masks from the data", () => {
  it.each(Object.keys(RAW_GFP_DATA.masks))("%s equals its expanded bits in both layouts", (name) => {
    expect(ALL.masks.get(name)).toBe(rawMask(RAW_GFP_DATA.bits, name));
    expect(X86.masks.get(name)).toBe(rawMask(RAW_GFP_DATA.bits_x86_64_v6_10plus, name));
  });

  it.each(Object.keys(RAW_GFP_DATA.masks))("%s expands to the bit set the data lists", (name) => {
    const expanded = RAW_GFP_DATA.masks_expanded[name] ?? [];
    const all = gfpBitNames(ALL.masks.get(name) as Gfp, ALL);
    expect([...all.names].sort()).toEqual([...expanded].sort());
    expect(all.unnamed).toBe(0);
    const x86 = gfpBitNames(X86.masks.get(name) as Gfp, X86);
    expect([...x86.names].sort()).toEqual(expanded.filter((b) => b in RAW_GFP_DATA.bits_x86_64_v6_10plus).sort());
  });

  it("lists bits lowest first and reports unnamed ones", () => {
    expect(gfpBitNames(((0xcc0 | 0x200 | 0x10000000) >>> 0) as Gfp, ALL)).toEqual({
      names: ["__GFP_IO", "__GFP_FS", "__GFP_DIRECT_RECLAIM", "__GFP_KSWAPD_RECLAIM"],
      unnamed: 0x10000200,
    });
  });

  it.each(Object.entries(RAW_GFP_DATA.hex_x86_64_v6_10plus))("%s matches the data's x86_64 hex %s", (name, hex) => {
    expect(X86.masks.get(name)).toBe(Number.parseInt(hex, 16));
  });

  // Typed from kernel-facts.md §1.3.
  it.each([
    ["GFP_ATOMIC", 0x820],
    ["GFP_KERNEL", 0xcc0],
    ["GFP_KERNEL_ACCOUNT", 0x400cc0],
    ["GFP_NOWAIT", 0x2800],
    ["GFP_NOIO", 0xc00],
    ["GFP_NOFS", 0xc40],
    ["GFP_USER", 0x100cc0],
    ["GFP_HIGHUSER_MOVABLE", 0x100cca],
    ["GFP_TRANSHUGE", 0x1c24ca],
  ])("spot check %s = %i on x86_64", (name, value) => {
    expect(X86.masks.get(name)).toBe(value);
  });

  it("applies the era variants", () => {
    expect(gfpTable({ layout: "x86_64", era: "v6.3..v6.7" }).masks.get("GFP_NOWAIT")).toBe(0x800);
    expect(gfpTable({ layout: "x86_64", era: "v6.3..v6.7" }).masks.get("GFP_ATOMIC")).toBe(0x820);
    expect(gfpTable({ layout: "x86_64", era: "..v6.2" }).masks.get("GFP_ATOMIC")).toBe(0xa20);
    expect(gfpTable({ layout: "x86_64", era: "..v6.2" }).masks.get("GFP_NOWAIT")).toBe(0x800);
  });

  it("counts SKIP_KASAN in GFP_HIGHUSER_MOVABLE only where the bit exists", () => {
    expect(ALL.masks.get("GFP_HIGHUSER_MOVABLE")).toBe(0x2100cca);
  });
});

describe("the ftrace name table", () => {
  it("follows the data's order and drops compiled-out entries", () => {
    expect(ALL.ftraceNames.map((e) => e.name)).toEqual(RAW_GFP_DATA.ftrace_name_order);
    const x86Names = X86.ftraceNames.map((e) => e.name);
    expect(x86Names).toEqual(RAW_GFP_DATA.ftrace_name_order.filter((n) => n !== "__GFP_SKIP_ZERO" && n !== "__GFP_SKIP_KASAN"));
  });
});

describe("buildGfpTable on inconsistent data", () => {
  const config: GfpConfig = { layout: "all-options", era: "v6.8+" };
  const withChange = (change: (d: { -readonly [K in keyof GfpData]: GfpData[K] }) => void): GfpData => {
    const data = { ...shippedGfpData() };
    change(data);
    return data;
  };

  it("rejects two names on one bit", () => {
    const data = withChange((d) => (d.bits = new Map([...d.bits, ["__GFP_FS", 6]])));
    expect(buildGfpTable(data, config)).toEqual({
      ok: false,
      error: { path: "bits.__GFP_FS", message: "bit 6 is given to both __GFP_IO and __GFP_FS" },
    });
  });

  it("rejects an unknown mask member", () => {
    const data = withChange((d) => (d.masks = new Map([...d.masks, ["GFP_KERNEL", ["__GFP_IO", "__GFP_FOO"]]])));
    expect(buildGfpTable(data, config)).toEqual({ ok: false, error: { path: "masks.GFP_KERNEL[1]", message: "unknown gfp name __GFP_FOO" } });
  });

  it("rejects a mask that refers to itself", () => {
    const data = withChange((d) => (d.masks = new Map([...d.masks, ["GFP_A", ["GFP_B"]], ["GFP_B", ["GFP_A"]]])));
    const built = buildGfpTable(data, config);
    expect(built.ok).toBe(false);
    expect(!built.ok && built.error.message).toMatch(/refers to itself/);
  });

  it("rejects data without a bit the semantics need", () => {
    const data = withChange((d) => (d.bits = new Map([...d.bits].filter(([n]) => n !== "__GFP_FS"))));
    const built = buildGfpTable(data, config);
    expect(!built.ok && built.error.path).toMatch(/__GFP_FS|GFP_KERNEL/);
  });

  it("rejects an unknown name in the ftrace order", () => {
    const data = withChange((d) => (d.ftrace_name_order = [...d.ftrace_name_order, "__GFP_BOGUS"]));
    expect(buildGfpTable(data, config)).toEqual({
      ok: false,
      error: { path: `ftrace_name_order[${RAW_GFP_DATA.ftrace_name_order.length}]`, message: "unknown gfp name __GFP_BOGUS" },
    });
  });
});
