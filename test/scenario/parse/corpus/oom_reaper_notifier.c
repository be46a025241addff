// SPDX-License-Identifier: GPL-2.0
/*
 * An MMU notifier registered with the MMU_NOTIFIER() shorthand whose callback sleeps even
 * when the range is not blockable: the OOM reaper calls it from a non-blocking section.
 */
#include <linux/mmu_notifier.h>

struct gpu_vm {
	struct mutex	pt_lock;
	u64		invalidations;
};

static struct gpu_vm vm;

static int gpu_invalidate_range_start(struct mmu_notifier *mn,
				      const struct mmu_notifier_range *range)
{
	/* Missing the mmu_notifier_range_blockable() check. */
	mutex_lock(&vm.pt_lock);
	vm.invalidations++;
	mutex_unlock(&vm.pt_lock);
	return 0;
}

MMU_NOTIFIER(gpu_invalidate_range_start);
// expect: sleep-in-atomic
