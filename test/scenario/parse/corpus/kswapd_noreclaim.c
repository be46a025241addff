// SPDX-License-Identifier: GPL-2.0
/*
 * A reclaim helper that must not recurse into reclaim: it runs with memalloc_noreclaim and
 * calls back into the filesystem only when the shrink_control allows it.
 */
#include <linux/sched/mm.h>
#include <linux/swap.h>

struct fs_info {
	struct rw_semaphore	umount_sem;
	struct mutex		reclaim_mutex;
	unsigned long		nr_cached;
};

static struct fs_info fsi;

static unsigned long fs_shrink_count(struct shrinker *s, struct shrink_control *sc)
{
	return fsi.nr_cached;
}

static unsigned long fs_shrink_scan(struct shrinker *s, struct shrink_control *sc)
{
	unsigned long freed = 0;
	unsigned int noreclaim;

	if ((sc->gfp_mask & GFP_NOFS) != GFP_NOFS || !down_read_trylock(&fsi.umount_sem))
		return SHRINK_STOP;

	noreclaim = memalloc_noreclaim_save();
	if (mutex_trylock(&fsi.reclaim_mutex)) {
		freed = min(fsi.nr_cached, sc->nr_to_scan);
		fsi.nr_cached -= freed;
		mutex_unlock(&fsi.reclaim_mutex);
	}
	memalloc_noreclaim_restore(noreclaim);
	up_read(&fsi.umount_sem);
	return freed;
}

SHRINKER(fs_shrink_count, fs_shrink_scan);

static int fs_umount(void)
{
	down_write(&fsi.umount_sem);
	mutex_lock(&fsi.reclaim_mutex);
	fsi.nr_cached = 0;
	mutex_unlock(&fsi.reclaim_mutex);
	up_write(&fsi.umount_sem);
	return 0;
}

TASK(fs_umount);
// expect: none
