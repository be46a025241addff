import { describe, expect, it } from "vitest";
import {
  evalGfpText,
  gfpTable,
  gfpValue,
  RECLAIM_LEVEL_ORDER,
  RECLAIM_LEVELS,
  reclaimLevel,
  reclaimLevelGfp,
  taskFlags,
  type Gfp,
  type ReclaimLevel,
  type TaskFlagName,
} from "../../../src/kernel/gfp/index.js";

const v = (name: string): Gfp => gfpValue(name) as Gfp;
const expr = (text: string): Gfp => {
  const r = evalGfpText(text);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

const SCOPES: Record<string, TaskFlagName[]> = {
  "no scope": [],
  "NOFS scope": ["PF_MEMALLOC_NOFS"],
  "NOIO scope": ["PF_MEMALLOC_NOIO"],
  "PIN scope": ["PF_MEMALLOC_PIN"],
  PF_MEMALLOC: ["PF_MEMALLOC"],
  "PF_MEMALLOC + NOFS": ["PF_MEMALLOC", "PF_MEMALLOC_NOFS"],
};

// Expected levels, typed from DESIGN.md §4 and kernel-facts §2 (columns in SCOPES order).
const EXPECTED: Record<string, ReclaimLevel[]> = {
  GFP_KERNEL: ["fs", "nofs", "noio", "fs", "none", "none"],
  GFP_NOFS: ["nofs", "nofs", "noio", "nofs", "none", "none"],
  GFP_NOIO: ["noio", "noio", "noio", "noio", "none", "none"],
  GFP_NOWAIT: ["none", "none", "none", "none", "none", "none"],
  GFP_ATOMIC: ["none", "none", "none", "none", "none", "none"],
};

describe("reclaimLevel", () => {
  const cases = Object.entries(EXPECTED).flatMap(([gfp, levels]) =>
    Object.entries(SCOPES).map(([scope, flags], i) => [gfp, scope, flags, levels[i]] as const),
  );
  it.each(cases)("%s under %s → %s", (gfp, _scope, flags, level) => {
    expect(reclaimLevel(v(gfp), taskFlags(...flags))).toBe(level);
  });

  it.each([
    ["GFP_KERNEL_ACCOUNT | __GFP_ZERO", "fs"],
    ["GFP_HIGHUSER_MOVABLE", "fs"],
    ["GFP_TRANSHUGE", "fs"],
    ["GFP_TRANSHUGE_LIGHT", "none"],
    ["GFP_KERNEL & ~__GFP_DIRECT_RECLAIM", "none"],
    ["__GFP_DIRECT_RECLAIM", "noio"],
    ["GFP_ATOMIC | __GFP_MEMALLOC", "none"],
    ["GFP_KERNEL | __GFP_MEMALLOC", "fs"],
    // FS without IO: reclaim may enter the filesystem and lockdep takes fs_reclaim (see reclaim-level.ts).
    ["GFP_KERNEL & ~__GFP_IO", "fs"],
    // __GFP_NOLOCKDEP silences lockdep, not reclaim.
    ["GFP_NOFS | __GFP_NOLOCKDEP", "nofs"],
  ])("%s → %s", (text, level) => {
    expect(reclaimLevel(expr(text), taskFlags())).toBe(level);
  });

  it("agrees on both layouts", () => {
    const x86 = gfpTable({ layout: "x86_64", era: "v6.8+" });
    expect(reclaimLevel(x86.values.get("GFP_NOFS") as Gfp, taskFlags(), x86)).toBe("nofs");
  });
});

describe("RECLAIM_LEVELS", () => {
  it("lists the levels lowest first with their pseudo-locks", () => {
    expect(RECLAIM_LEVEL_ORDER).toEqual(["none", "noio", "nofs", "fs"]);
    expect(RECLAIM_LEVEL_ORDER.map((l) => RECLAIM_LEVELS[l].pseudoLock)).toEqual([
      null,
      "reclaim(GFP_NOIO)",
      "reclaim(GFP_NOFS)",
      "fs_reclaim",
    ]);
  });

  it("runs each level's reclaim with a mask that is itself at that level", () => {
    expect(RECLAIM_LEVEL_ORDER.map((l) => reclaimLevelGfp(l))).toEqual([undefined, 0xc00, 0xc40, 0xcc0]);
    for (const level of RECLAIM_LEVEL_ORDER) {
      const gfp = reclaimLevelGfp(level);
      if (gfp !== undefined) expect(reclaimLevel(gfp, taskFlags())).toBe(level);
    }
  });
});
