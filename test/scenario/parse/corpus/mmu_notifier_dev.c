// SPDX-License-Identifier: GPL-2.0
/*
 * A device that mirrors a process address space. Its invalidate_range_start callback must
 * not sleep when the range is not blockable (the OOM reaper calls it that way).
 */
#include <linux/mmu_notifier.h>
#include <linux/mutex.h>

struct mirror {
	struct mmu_notifier	notifier;
	struct mutex		update_lock;
	spinlock_t		pt_lock;
	unsigned long		seq;
};

static int mirror_invalidate_start(struct mmu_notifier *mn,
				   const struct mmu_notifier_range *range)
{
	struct mirror *m = container_of(mn, struct mirror, notifier);

	if (mmu_notifier_range_blockable(range))
		mutex_lock(&m->update_lock);
	else if (!mutex_trylock(&m->update_lock))
		return -EAGAIN;

	spin_lock(&m->pt_lock);
	m->seq++;
	spin_unlock(&m->pt_lock);
	mutex_unlock(&m->update_lock);
	return 0;
}

static void mirror_release(struct mmu_notifier *mn, struct mm_struct *mm)
{
	struct mirror *m = container_of(mn, struct mirror, notifier);

	mutex_lock(&m->update_lock);
	m->seq = 0;
	mutex_unlock(&m->update_lock);
}

static const struct mmu_notifier_ops mirror_ops = {
	.invalidate_range_start	= mirror_invalidate_start,
	.release		= mirror_release,
};

static int mirror_register(struct mirror *m, struct mm_struct *mm)
{
	int ret;

	mutex_init(&m->update_lock);
	spin_lock_init(&m->pt_lock);
	m->notifier.ops = &mirror_ops;
#ifdef CONFIG_MMU_NOTIFIER
	ret = mmu_notifier_register(&m->notifier, mm);
#else
	ret = 0;
#endif
	return ret;
}

TASK(mirror_register);
