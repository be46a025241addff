import { describe, expect, it } from "vitest";
import {
  hasTaskFlag,
  MEMALLOC_HELPERS,
  MEMALLOC_SCOPES,
  memallocFlagsRestore,
  memallocFlagsSave,
  memallocNofsRestore,
  memallocNofsSave,
  memallocNoioRestore,
  memallocNoioSave,
  memallocNoreclaimRestore,
  memallocNoreclaimSave,
  memallocPinRestore,
  memallocPinSave,
  NO_TASK_FLAGS,
  TASK_FLAGS,
  taskFlagNames,
  taskFlags,
} from "../../../src/kernel/gfp/index.js";

describe("task flags (include/linux/sched.h)", () => {
  it("has the kernel's values", () => {
    expect(TASK_FLAGS).toEqual({
      PF_MEMALLOC: 0x800,
      PF_MEMALLOC_NOFS: 0x40000,
      PF_MEMALLOC_NOIO: 0x80000,
      PF_MEMALLOC_PIN: 0x10000000,
    });
    expect(taskFlagNames(taskFlags("PF_MEMALLOC_PIN", "PF_MEMALLOC"))).toEqual(["PF_MEMALLOC", "PF_MEMALLOC_PIN"]);
  });
});

describe("memalloc save/restore (include/linux/sched/mm.h, v6.9+)", () => {
  it.each([
    ["nofs", memallocNofsSave, memallocNofsRestore, "PF_MEMALLOC_NOFS"],
    ["noio", memallocNoioSave, memallocNoioRestore, "PF_MEMALLOC_NOIO"],
    ["noreclaim", memallocNoreclaimSave, memallocNoreclaimRestore, "PF_MEMALLOC"],
    ["pin", memallocPinSave, memallocPinRestore, "PF_MEMALLOC_PIN"],
  ] as const)("%s sets %s and restore clears it", (scope, save, restore, flag) => {
    expect(MEMALLOC_SCOPES[scope]).toBe(flag);
    const outer = save(NO_TASK_FLAGS);
    expect(outer).toEqual({ flags: TASK_FLAGS[flag], saved: TASK_FLAGS[flag] });
    expect(restore(outer.flags, outer.saved)).toBe(0);
  });

  it("nests: an inner save of a set flag returns 0 and its restore keeps the scope", () => {
    const outer = memallocNofsSave(NO_TASK_FLAGS);
    const inner = memallocNofsSave(outer.flags);
    expect(inner).toEqual({ flags: TASK_FLAGS.PF_MEMALLOC_NOFS, saved: 0 });
    const afterInner = memallocNofsRestore(inner.flags, inner.saved);
    expect(hasTaskFlag(afterInner, "PF_MEMALLOC_NOFS")).toBe(true);
    expect(memallocNofsRestore(afterInner, outer.saved)).toBe(0);
  });

  it("nests different scopes and leaves other flags alone", () => {
    const start = taskFlags("PF_MEMALLOC_PIN");
    const nofs = memallocNofsSave(start);
    const noio = memallocNoioSave(nofs.flags);
    expect(taskFlagNames(noio.flags)).toEqual(["PF_MEMALLOC_NOFS", "PF_MEMALLOC_NOIO", "PF_MEMALLOC_PIN"]);
    const afterNoio = memallocNoioRestore(noio.flags, noio.saved);
    expect(taskFlagNames(afterNoio)).toEqual(["PF_MEMALLOC_NOFS", "PF_MEMALLOC_PIN"]);
    expect(memallocNofsRestore(afterNoio, nofs.saved)).toBe(start);
  });

  it("memalloc_flags_save returns only the bits not already set", () => {
    const start = taskFlags("PF_MEMALLOC_NOFS");
    const saved = memallocFlagsSave(start, taskFlags("PF_MEMALLOC_NOFS", "PF_MEMALLOC_NOIO"));
    expect(saved.saved).toBe(TASK_FLAGS.PF_MEMALLOC_NOIO);
    expect(memallocFlagsRestore(saved.flags, saved.saved)).toBe(start);
  });

  it("an out-of-order restore clears the flag (v6.9+ behaviour; older kernels differ)", () => {
    const a = memallocNofsSave(NO_TASK_FLAGS);
    const b = memallocNofsSave(a.flags);
    const afterA = memallocNofsRestore(b.flags, a.saved);
    expect(afterA).toBe(0);
    expect(memallocNofsRestore(afterA, b.saved)).toBe(0);
  });

  it("names every helper by its kernel name", () => {
    expect(Object.keys(MEMALLOC_HELPERS).sort()).toEqual(
      ["flags", "nofs", "noio", "noreclaim", "pin"].flatMap((s) => [`memalloc_${s}_restore`, `memalloc_${s}_save`]).sort(),
    );
    expect(MEMALLOC_HELPERS.memalloc_noio_save).toEqual({ op: "save", scope: "noio" });
  });
});
