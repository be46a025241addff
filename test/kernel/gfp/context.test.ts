import { describe, expect, it } from "vitest";
import {
  currentGfpContext,
  gfpflagsAllowBlocking,
  gfpTable,
  gfpValue,
  NO_TASK_FLAGS,
  taskFlags,
  type Gfp,
  type TaskFlagName,
} from "../../../src/kernel/gfp/index.js";

const v = (name: string): Gfp => gfpValue(name) as Gfp;
const ctx = (gfp: string, ...flags: TaskFlagName[]): number => currentGfpContext(v(gfp), taskFlags(...flags));

describe("currentGfpContext (include/linux/sched/mm.h)", () => {
  it("returns gfp unchanged without a scope flag, PF_MEMALLOC included", () => {
    expect(ctx("GFP_KERNEL")).toBe(0xcc0);
    expect(ctx("GFP_KERNEL", "PF_MEMALLOC")).toBe(0xcc0);
  });

  it("NOFS scope clears __GFP_FS only", () => {
    expect(ctx("GFP_KERNEL", "PF_MEMALLOC_NOFS")).toBe(0xc40);
    expect(ctx("GFP_NOIO", "PF_MEMALLOC_NOFS")).toBe(0xc00);
  });

  it("NOIO scope clears __GFP_IO and __GFP_FS, and wins over NOFS", () => {
    expect(ctx("GFP_KERNEL", "PF_MEMALLOC_NOIO")).toBe(0xc00);
    expect(ctx("GFP_KERNEL", "PF_MEMALLOC_NOIO", "PF_MEMALLOC_NOFS")).toBe(0xc00);
    expect(ctx("GFP_NOFS", "PF_MEMALLOC_NOIO")).toBe(0xc00);
  });

  it("PIN scope clears __GFP_MOVABLE, independently of NOIO/NOFS", () => {
    expect(ctx("GFP_HIGHUSER_MOVABLE", "PF_MEMALLOC_PIN")).toBe(v("GFP_HIGHUSER_MOVABLE") & ~0x8);
    expect(ctx("GFP_HIGHUSER_MOVABLE", "PF_MEMALLOC_PIN", "PF_MEMALLOC_NOFS")).toBe(v("GFP_HIGHUSER_MOVABLE") & ~0x88);
  });

  it("never clears __GFP_DIRECT_RECLAIM and never adds a bit", () => {
    for (const flags of [["PF_MEMALLOC_NOIO"], ["PF_MEMALLOC_NOFS"], ["PF_MEMALLOC_PIN"], ["PF_MEMALLOC"]] as TaskFlagName[][]) {
      expect(ctx("GFP_KERNEL", ...flags) & 0x400).toBe(0x400);
      expect(ctx("GFP_ATOMIC", ...flags)).toBe(0x820);
    }
  });

  it("works on the x86_64 layout's values", () => {
    const x86 = gfpTable({ layout: "x86_64", era: "v6.8+" });
    const gfp = ((0xcc0 | 0x1000000) >>> 0) as Gfp; // GFP_KERNEL | __GFP_NOLOCKDEP
    expect(currentGfpContext(gfp, taskFlags("PF_MEMALLOC_NOFS"), x86)).toBe(0x1000c40);
  });
});

describe("gfpflagsAllowBlocking (include/linux/gfp.h)", () => {
  it.each([
    ["GFP_KERNEL", true],
    ["GFP_NOFS", true],
    ["GFP_NOIO", true],
    ["GFP_ATOMIC", false],
    ["GFP_NOWAIT", false],
    ["__GFP_DIRECT_RECLAIM", true],
    ["GFP_TRANSHUGE_LIGHT", false],
    ["GFP_TRANSHUGE", true],
  ])("%s → %s", (name, expected) => {
    expect(gfpflagsAllowBlocking(v(name))).toBe(expected);
  });

  it("ignores scopes (might_alloc checks the raw gfp)", () => {
    expect(gfpflagsAllowBlocking(currentGfpContext(v("GFP_KERNEL"), taskFlags("PF_MEMALLOC_NOIO")))).toBe(true);
    expect(NO_TASK_FLAGS).toBe(0);
  });
});
