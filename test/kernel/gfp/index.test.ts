import { describe, expect, it } from "vitest";
import * as gfp from "../../../src/kernel/gfp/index.js";

// Pins the public surface: a change here is a change other folders see.
describe("src/kernel/gfp/index.ts", () => {
  it("exports exactly this runtime surface", () => {
    expect(Object.keys(gfp).sort()).toEqual([
      "DEFAULT_GFP_CONFIG", "FS_RECLAIM_MAP", "GFP_DATA_URL", "GFP_EMPTY", "GFP_ERAS", "GFP_LAYOUTS", "GFP_MAX",
      "LOCKDEP_RECLAIM_ERAS", "MAX_GFP_EXPR_DEPTH", "MEMALLOC_HELPERS", "MEMALLOC_SCOPES", "MMU_NOTIFIER_MAP",
      "NO_TASK_FLAGS", "RECLAIM_LEVELS", "RECLAIM_LEVEL_ORDER", "SEMANTIC_GFP_NAMES", "TASK_FLAGS",
      "buildGfpTable", "currentGfpContext", "evalGfpText", "evaluateGfpExpression", "formatGfpFtrace",
      "gfpAnd", "gfpBitNames", "gfpFromNumber", "gfpHas", "gfpHex", "gfpNot", "gfpOr", "gfpTable", "gfpUnion", "gfpValue",
      "gfpWithout", "gfpXor", "gfpflagsAllowBlocking", "hasTaskFlag", "lockdepFsReclaim",
      "memallocFlagsRestore", "memallocFlagsSave", "memallocNofsRestore", "memallocNofsSave",
      "memallocNoioRestore", "memallocNoioSave", "memallocNoreclaimRestore", "memallocNoreclaimSave",
      "memallocPinRestore", "memallocPinSave", "memallocRestore", "memallocSave", "mightAlloc",
      "parseGfpData", "parseGfpExpression", "parseGfpFtrace", "readGfpDataFile", "reclaimLevel",
      "reclaimLevelGfp", "shippedGfpData", "taskFlagNames", "taskFlags",
    ]);
  });
});

describe("gfp value helpers", () => {
  it("stay unsigned 32-bit and JSON-safe", () => {
    const all = gfp.gfpNot(gfp.GFP_EMPTY);
    expect(all).toBe(0xffffffff);
    expect(gfp.gfpWithout(all, gfp.gfpValue("__GFP_FS") as gfp.Gfp)).toBe(0xffffff7f);
    expect(JSON.parse(JSON.stringify({ all }))).toEqual({ all: 0xffffffff });
    expect(gfp.gfpFromNumber(-1)).toBeUndefined();
    expect(gfp.gfpFromNumber(2 ** 32)).toBeUndefined();
    expect(gfp.gfpFromNumber(1.5)).toBeUndefined();
    expect(gfp.gfpHex(gfp.gfpValue("GFP_KERNEL") as gfp.Gfp)).toBe("0xcc0");
    expect(gfp.gfpHas(gfp.gfpValue("GFP_KERNEL") as gfp.Gfp, gfp.GFP_EMPTY)).toBe(false);
    expect(gfp.gfpValue("GFP_BOGUS")).toBeUndefined();
  });
});
