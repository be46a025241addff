// SPDX-License-Identifier: GPL-2.0
/*
 * An object cache with a shrinker whose scan callback takes the cache mutex, while the
 * refill path allocates with GFP_KERNEL under that same mutex: reclaim entered from the
 * allocation can call the shrinker, which waits for the mutex we hold.
 */
#include <linux/shrinker.h>
#include <linux/slab.h>
#include "common.h"

static struct obj_cache cache;

static unsigned long cache_count(struct shrinker *s, struct shrink_control *sc)
{
	return READ_ONCE(cache.nr_objs) ?: SHRINK_EMPTY;
}

static unsigned long cache_scan(struct shrinker *s, struct shrink_control *sc)
{
	struct obj *o, *tmp;
	unsigned long freed = 0;

	if (!(sc->gfp_mask & __GFP_FS))
		return SHRINK_STOP;

	mutex_lock(&cache.lock);
	list_for_each_entry_safe(o, tmp, &cache.objs, node) {
		if (freed >= sc->nr_to_scan)
			break;
		list_del(&o->node);
		kfree(o);
		freed++;
	}
	cache.nr_objs -= freed;
	mutex_unlock(&cache.lock);
	return freed;
}

static struct shrinker cache_shrinker = {
	.count_objects	= cache_count,
	.scan_objects	= cache_scan,
	.seeks		= DEFAULT_SEEKS,
};

static int cache_refill(int nr)
{
	struct obj *o;
	int i, ret = 0;

	mutex_lock(&cache.lock);
	for (i = 0; i < nr; i++) {
		o = kzalloc(sizeof(*o), GFP_KERNEL);
		if (!o) {
			ret = -ENOMEM;
			goto out_unlock;
		}
		mutex_init(&o->lock);
		list_add(&o->node, &cache.objs);
		cache.nr_objs++;
	}
out_unlock:
	mutex_unlock(&cache.lock);
	return ret;
}

static int __init cache_init(void)
{
	mutex_init(&cache.lock);
	INIT_LIST_HEAD(&cache.objs);
	return register_shrinker(&cache_shrinker, "obj-cache");
}

TASK(cache_init);
TASK(cache_refill);
// expect: circular-dependency
