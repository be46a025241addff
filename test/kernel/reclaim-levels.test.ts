import { describe, expect, it } from "vitest";
import { brief, check } from "./scenario-helper.js";

/** A cache whose shrinker takes its lock; reclaim at every level calls the shrinker. */
const shrinker = (count: string) => `
struct cache { struct mutex lock; };
static struct cache *c;
static unsigned long cache_count(struct shrinker *s, struct shrink_control *sc)
{
${count}
	return 0;
}
static unsigned long cache_scan(struct shrinker *s, struct shrink_control *sc) { return 0; }
static struct shrinker cache_shrinker = { .count_objects = cache_count, .scan_objects = cache_scan };
static void direct_reclaim(gfp_t gfp_mask)
{
	struct shrink_control sc;
	sc.gfp_mask = gfp_mask;
	shrinkers_call(&sc);
}
RECLAIM(direct_reclaim);
`;
const LOCKS = "\tmutex_lock(&c->lock);\n\tmutex_unlock(&c->lock);";
const TRYLOCKS = "\tif (!mutex_trylock(&c->lock))\n\t\treturn 0;\n\tmutex_unlock(&c->lock);";
const FS_AWARE = "\tif (!(sc->gfp_mask & __GFP_FS))\n\t\treturn 0;\n\tmutex_lock(&c->lock);\n\tmutex_unlock(&c->lock);";

const user = (body: string) => `
static void user(void)
{
	void *p;
${body}
}
TASK(user);
`;

describe("reclaim levels: what lockdep misses and reclaimdep finds", () => {
  it("GFP_NOFS under a lock that NOFS reclaim takes is a cycle through reclaim(GFP_NOFS)", async () => {
    const f = await check(shrinker(LOCKS) + user("\tmutex_lock(&c->lock);\n\tp = kmalloc(64, GFP_NOFS);\n\tmutex_unlock(&c->lock);"));
    expect(brief(f)).toEqual([["circular-dependency", "&c->lock", "reclaim(GFP_NOFS)"]]);
    // lockdep itself would only see the notifier map for GFP_NOFS: no fs_reclaim edge is involved.
    expect(f[0]!.chain.map((d) => `${d.from.name} -> ${d.to.name}`)).toEqual(["&c->lock -> reclaim(GFP_NOFS)", "reclaim(GFP_NOFS) -> &c->lock"]);
  });

  it("GFP_KERNEL under the same lock is lockdep's own fs_reclaim cycle", async () => {
    const f = await check(shrinker(LOCKS) + user("\tmutex_lock(&c->lock);\n\tp = kmalloc(64, GFP_KERNEL);\n\tmutex_unlock(&c->lock);"));
    expect(brief(f)).toEqual([["circular-dependency", "&c->lock", "fs_reclaim"]]);
  });
});

describe("reclaim levels: what reclaimdep must not report", () => {
  it("GFP_NOWAIT does not enter reclaim", async () => {
    expect(await check(shrinker(LOCKS) + user("\tmutex_lock(&c->lock);\n\tp = kmalloc(64, GFP_NOWAIT);\n\tmutex_unlock(&c->lock);"))).toEqual([]);
  });

  it("inside memalloc_noreclaim_save (PF_MEMALLOC) there is no direct reclaim", async () => {
    const body = "\tunsigned int flags = memalloc_noreclaim_save();\n\tmutex_lock(&c->lock);\n\tp = kmalloc(64, GFP_KERNEL);\n\tmutex_unlock(&c->lock);\n\tmemalloc_noreclaim_restore(flags);";
    expect(await check(shrinker(LOCKS) + user(body))).toEqual([]);
  });

  it("a shrinker that only trylocks adds no dependency into the lock", async () => {
    expect(await check(shrinker(TRYLOCKS) + user("\tmutex_lock(&c->lock);\n\tp = kmalloc(64, GFP_KERNEL);\n\tmutex_unlock(&c->lock);"))).toEqual([]);
  });

  it("a shrinker that checks __GFP_FS, with the allocation inside memalloc_nofs_save", async () => {
    const body = "\tunsigned int nofs = memalloc_nofs_save();\n\tmutex_lock(&c->lock);\n\tp = kmalloc(64, GFP_KERNEL);\n\tmutex_unlock(&c->lock);\n\tmemalloc_nofs_restore(nofs);";
    expect(await check(shrinker(FS_AWARE) + user(body))).toEqual([]);
    // ...and the same allocation outside the scope is the fs_reclaim cycle.
    const outside = await check(shrinker(FS_AWARE) + user("\tmutex_lock(&c->lock);\n\tp = kmalloc(64, GFP_KERNEL);\n\tmutex_unlock(&c->lock);"));
    expect(brief(outside)).toEqual([["circular-dependency", "&c->lock", "fs_reclaim"]]);
  });

  it("current->flags |= PF_MEMALLOC_NOIO makes a GFP_KERNEL allocation a NOIO one", async () => {
    const body = "\tcurrent->flags |= PF_MEMALLOC_NOIO;\n\tmutex_lock(&c->lock);\n\tp = kmalloc(64, GFP_KERNEL);\n\tmutex_unlock(&c->lock);";
    expect(await check(shrinker(FS_AWARE) + user(body))).toEqual([]);
  });
});

describe("fix hints are verified by re-checking", () => {
  it("proposes the first mask that removes the cycle, never one that does not", async () => {
    const [f] = await check(shrinker(FS_AWARE) + user("\tmutex_lock(&c->lock);\n\tp = kmalloc(64, GFP_KERNEL);\n\tmutex_unlock(&c->lock);"));
    expect(f!.fix).toMatch(/^use GFP_NOFS instead of GFP_KERNEL in kmalloc\(\) at .*scenario\.c:\d+$/);
    // A shrinker that locks at every level: NOFS and NOIO reclaim still take the lock.
    const [g] = await check(shrinker(LOCKS) + user("\tmutex_lock(&c->lock);\n\tp = kmalloc(64, GFP_KERNEL);\n\tmutex_unlock(&c->lock);"));
    expect(g!.fix).toMatch(/^use GFP_NOWAIT instead of GFP_KERNEL/);
  });

  it("the proposed change, applied to the scenario, really removes the finding", async () => {
    const source = shrinker(FS_AWARE) + user("\tmutex_lock(&c->lock);\n\tp = kmalloc(64, GFP_KERNEL);\n\tmutex_unlock(&c->lock);");
    const [f] = await check(source);
    const mask = /^use (\S+) instead of (\S+) in/.exec(f!.fix ?? "");
    expect(mask).not.toBeNull();
    expect(await check(source.replace(`kmalloc(64, ${mask![2]})`, `kmalloc(64, ${mask![1]})`))).toEqual([]);
  });

  it("a sleeping allocation under a spinlock: GFP_NOWAIT (GFP_NOFS would still sleep)", async () => {
    const [f, ...rest] = await check("DEFINE_SPINLOCK(l);\nstatic void t(void)\n{\n\tvoid *p;\n\tspin_lock(&l);\n\tp = kmalloc(8, GFP_KERNEL);\n\tspin_unlock(&l);\n}\nTASK(t);\n");
    expect(rest).toEqual([]);
    expect(f!.kind).toBe("sleep-in-atomic");
    expect(f!.fix).toMatch(/^use GFP_NOWAIT instead of GFP_KERNEL in kmalloc\(\)/);
  });

  it("prints nothing when no change helps", async () => {
    const [f] = await check("DEFINE_MUTEX(a);\nDEFINE_MUTEX(b);\nstatic void x(void) { mutex_lock(&a); mutex_lock(&b); mutex_unlock(&b); mutex_unlock(&a); }\nstatic void y(void) { mutex_lock(&b); mutex_lock(&a); mutex_unlock(&a); mutex_unlock(&b); }\nTASK(x);\nTASK(y);\n");
    expect(f!.fix).toBeNull();
  });
});
