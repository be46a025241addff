/**
 * The bundled model's behaviour through the real check pipeline (parser → interpreter → engine):
 * alone it has no findings, and each kernel path it models gives the dependencies its comments
 * promise — reclaim runs per level with that level's gfp, reaches the shrinkers and, through
 * try_to_unmap, the MMU notifiers; the OOM reaper calls notifiers non-blocking.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkScenarioFiles } from "../../src/check/check-scenarios.js";

const ROOT = mkdtempSync(join(tmpdir(), "reclaimdep-model-"));
let counter = 0;

/** `kind lock lock` per finding (locks sorted: a cycle may start anywhere), sorted. */
async function findings(source: string, config: readonly string[] = []): Promise<string[]> {
  const dir = join(ROOT, `s${++counter}`);
  mkdirSync(dir);
  const path = join(dir, "scenario.c");
  writeFileSync(path, source);
  const result = await checkScenarioFiles([path], { config });
  if (!result.ok) throw new Error(result.diagnostics.map((d) => d.message).join("\n"));
  return result.findings.map((f) => [f.kind, ...[...f.locks].sort()].join(" ")).sort();
}

const IDLE = `static void idle(void) { }\nTASK(idle);\n`;

describe("the model alone", () => {
  for (const config of [[], ["MEMORY_HOTREMOVE"], ["PREEMPT_RT"], ["MEMORY_HOTREMOVE", "PREEMPT_RT"]]) {
    it(`has no findings with --config ${config.join(",") || "(none)"}`, async () => {
      expect(await findings(IDLE, config)).toEqual([]);
    });
  }
});

describe("reclaim levels (model/vmscan.c, model/shrinker.c)", () => {
  const shrinker = `
DEFINE_MUTEX(cache_lock);
static unsigned long cache_count(struct shrinker *s, struct shrink_control *sc) { return 1; }
static unsigned long cache_scan(struct shrinker *s, struct shrink_control *sc)
{
	if (!(sc->gfp_mask & __GFP_FS))
		return SHRINK_STOP;
	mutex_lock(&cache_lock);
	mutex_unlock(&cache_lock);
	return 0;
}
SHRINKER(cache_count, cache_scan);
static void user(void)
{
	mutex_lock(&cache_lock);
	kfree(kmalloc(16, GFP));
	mutex_unlock(&cache_lock);
}
TASK(user);
`;

  it("a shrinker sees the level's gfp: its __GFP_FS test keeps it out of GFP_NOFS reclaim", async () => {
    expect(await findings(shrinker.replace("GFP)", "GFP_NOFS)"))).toEqual([]);
  });

  it("and lets it into GFP_KERNEL reclaim, closing a cycle through fs_reclaim", async () => {
    expect(await findings(shrinker.replace("GFP)", "GFP_KERNEL)"))).toEqual(["circular-dependency cache_lock fs_reclaim"]);
  });

  it("try_to_unmap's rmap walk calls the notifiers under i_mmap_rwsem, at every level", async () => {
    const source = `
DEFINE_MUTEX(drv_lock);
static int drv_invalidate(struct mmu_notifier *mn, const struct mmu_notifier_range *range)
{
	if (!mmu_notifier_range_blockable(range))
		return -EAGAIN;
	mutex_lock(&drv_lock);
	mutex_unlock(&drv_lock);
	return 0;
}
MMU_NOTIFIER(drv_invalidate);
static void truncate_under_drv_lock(struct address_space *mapping)
{
	mutex_lock(&drv_lock);
	i_mmap_lock_write(mapping);
	i_mmap_unlock_write(mapping);
	mutex_unlock(&drv_lock);
}
TASK(truncate_under_drv_lock);
`;
    expect(await findings(source)).toEqual([
      "circular-dependency &mapping->i_mmap_rwsem drv_lock mmu_notifier_invalidate_range_start",
    ]);
  });
});

describe("the OOM reaper (model/oom_kill.c)", () => {
  const notifier = (body: string): string => `
DEFINE_MUTEX(mirror_lock);
static int mirror_invalidate(struct mmu_notifier *mn, const struct mmu_notifier_range *range)
{
${body}
	mutex_unlock(&mirror_lock);
	return 0;
}
MMU_NOTIFIER(mirror_invalidate);
${IDLE}`;

  it("calls the notifiers inside a non_block section: a mutex_lock there is a sleep in atomic context", async () => {
    expect(await findings(notifier("\tmutex_lock(&mirror_lock);"))).toEqual(["sleep-in-atomic"]);
  });

  it("a notifier that only trylocks when it may not block is fine", async () => {
    const body = `\tif (mmu_notifier_range_blockable(range))
		mutex_lock(&mirror_lock);
	else if (!mutex_trylock(&mirror_lock))
		return -EAGAIN;`;
    expect(await findings(notifier(body))).toEqual([]);
  });
});
