import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  FS_RECLAIM_MAP,
  gfpValue,
  lockdepFsReclaim,
  memallocRestore,
  memallocSave,
  mightAlloc,
  MMU_NOTIFIER_MAP,
  NO_TASK_FLAGS,
  reclaimLevel,
  taskFlags,
  type Gfp,
  type MemallocScope,
  type TaskFlags,
} from "../../../src/kernel/gfp/index.js";

const v = (name: string): Gfp => gfpValue(name) as Gfp;

describe("lockdepFsReclaim (mm/page_alloc.c fs_reclaim_acquire, v5.10+)", () => {
  it.each([
    ["GFP_KERNEL", [], true, true],
    ["GFP_NOFS", [], false, true],
    ["GFP_NOIO", [], false, true],
    ["GFP_ATOMIC", [], false, false],
    ["GFP_NOWAIT", [], false, false],
    ["GFP_KERNEL", ["PF_MEMALLOC_NOFS"], false, true],
    ["GFP_KERNEL", ["PF_MEMALLOC_NOIO"], false, true],
    ["GFP_KERNEL", ["PF_MEMALLOC_PIN"], true, true],
    ["GFP_KERNEL", ["PF_MEMALLOC"], false, false],
    ["GFP_NOIO", ["PF_MEMALLOC"], false, false],
  ] as const)("%s with %j → fs_reclaim %s, notifier map %s", (gfp, flags, fsReclaim, mmuNotifierMap) => {
    expect(lockdepFsReclaim(v(gfp), taskFlags(...flags))).toEqual({ fsReclaim, mmuNotifierMap });
  });

  it("__GFP_NOLOCKDEP silences both maps", () => {
    const gfp = ((v("GFP_KERNEL") | v("__GFP_NOLOCKDEP")) >>> 0) as Gfp;
    expect(lockdepFsReclaim(gfp, NO_TASK_FLAGS)).toEqual({ fsReclaim: false, mmuNotifierMap: false });
  });

  it("before v5.10 and without CONFIG_MMU_NOTIFIER the notifier map is not touched", () => {
    expect(lockdepFsReclaim(v("GFP_KERNEL"), NO_TASK_FLAGS, { era: "v4.14..v5.9" })).toEqual({ fsReclaim: true, mmuNotifierMap: false });
    expect(lockdepFsReclaim(v("GFP_NOFS"), NO_TASK_FLAGS, { era: "v4.14..v5.9" })).toEqual({ fsReclaim: false, mmuNotifierMap: false });
    expect(lockdepFsReclaim(v("GFP_NOFS"), NO_TASK_FLAGS, { mmuNotifier: false })).toEqual({ fsReclaim: false, mmuNotifierMap: false });
  });

  it("takes fs_reclaim exactly when the reclaim level is fs, for every direct-reclaim mask", () => {
    for (const gfp of ["GFP_KERNEL", "GFP_NOFS", "GFP_NOIO", "GFP_USER", "GFP_TRANSHUGE", "GFP_KERNEL_ACCOUNT"]) {
      for (const flags of [taskFlags(), taskFlags("PF_MEMALLOC_NOFS"), taskFlags("PF_MEMALLOC_NOIO"), taskFlags("PF_MEMALLOC")]) {
        expect(lockdepFsReclaim(v(gfp), flags).fsReclaim).toBe(reclaimLevel(v(gfp), flags) === "fs");
      }
    }
  });

  it("mightAlloc adds the sleep check on the raw gfp", () => {
    expect(mightAlloc(v("GFP_KERNEL"), taskFlags("PF_MEMALLOC"))).toEqual({ fsReclaim: false, mmuNotifierMap: false, mightSleep: true });
    expect(mightAlloc(v("GFP_ATOMIC"), NO_TASK_FLAGS)).toEqual({ fsReclaim: false, mmuNotifierMap: false, mightSleep: false });
    expect(FS_RECLAIM_MAP).toBe("fs_reclaim");
    expect(MMU_NOTIFIER_MAP).toBe("mmu_notifier_invalidate_range_start");
  });
});

/** The selftest cases (lib/locking-selftest.c fs_reclaim_tests), copied from selftests.json. */
interface SelftestCase {
  readonly name: string;
  readonly tasks: readonly { readonly ops: readonly string[] }[];
  readonly expect: "ok" | "recursive";
  readonly fails_at?: { readonly op: number };
}
const SELFTESTS = (JSON.parse(readFileSync(new URL("./fs-reclaim-selftests.json", import.meta.url), "utf8")) as { cases: SelftestCase[] }).cases;

/**
 * Runs one case's ops against the lockdep rule: a held `fs_reclaim` taken again is recursive
 * locking. Returns the op index of the first recursion and which maps every op touched.
 */
function run(ops: readonly string[]): { recursiveAt: number | null; touched: string[][] } {
  let flags: TaskFlags = NO_TASK_FLAGS;
  const saved: TaskFlags[] = [];
  let held = 0;
  let recursiveAt: number | null = null;
  const touched: string[][] = [];
  for (const [i, op] of ops.entries()) {
    const [verb = "", arg = ""] = op.split(" ");
    const scope = /^memalloc_(\w+)_(save|restore)$/.exec(verb);
    const maps: string[] = [];
    if (scope) {
      if (scope[2] === "save") {
        const s = memallocSave(flags, scope[1] as MemallocScope);
        flags = s.flags;
        saved.push(s.saved);
      } else {
        flags = memallocRestore(flags, saved.pop() ?? NO_TASK_FLAGS);
      }
    } else {
      if (!["fs_reclaim_acquire", "fs_reclaim_release", "might_alloc"].includes(verb)) throw new Error(`unknown op ${op}`);
      const touch = lockdepFsReclaim(v(arg), flags);
      if (touch.fsReclaim) maps.push(FS_RECLAIM_MAP);
      if (touch.mmuNotifierMap) maps.push(MMU_NOTIFIER_MAP);
      if (touch.fsReclaim && verb !== "fs_reclaim_release" && held > 0 && recursiveAt === null) recursiveAt = i;
      if (touch.fsReclaim && verb === "fs_reclaim_acquire") held += 1;
      if (touch.fsReclaim && verb === "fs_reclaim_release") held -= 1;
    }
    touched.push(maps);
  }
  return { recursiveAt, touched };
}

describe("lockdep selftests, group fs_reclaim", () => {
  it("has the three cases", () => {
    expect(SELFTESTS.map((c) => c.name)).toEqual(["fs_reclaim_correct_nesting", "fs_reclaim_wrong_nesting", "fs_reclaim_protected_nesting"]);
  });

  it.each(SELFTESTS.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const ops = c.tasks[0]?.ops ?? [];
    const { recursiveAt } = run(ops);
    if (c.expect === "ok") expect(recursiveAt).toBeNull();
    else expect(recursiveAt).toBe(c.fails_at?.op);
  });

  it("correct nesting still primes the MMU-notifier map from might_alloc(GFP_NOFS)", () => {
    const c = SELFTESTS.find((x) => x.name === "fs_reclaim_correct_nesting");
    expect(run(c?.tasks[0]?.ops ?? []).touched[1]).toEqual([MMU_NOTIFIER_MAP]);
  });
});
