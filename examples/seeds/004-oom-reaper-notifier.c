/*
 * Seed 004 — an MMU notifier that sleeps when the OOM reaper calls it.
 *
 * The situation (Michal Hocko, 15 Aug 2019, "Re: [PATCH 2/5] kernel.h: Add
 * non_block_start/end()", answering Andrew Morton's "It introduces a new kernel state 'running
 * preemptibly but must not call schedule()'. How does this make any sense?"): the OOM reaper is
 * "the primary guarantee of the oom handling forward progress", so when it tears down a victim's
 * address space the MMU notifiers it calls "cannot be blocked on anything that might depend on
 * blockable memory allocations.  These are not really easy to track because they might be
 * indirect - e.g. notifier blocks on a lock which other context holds while allocating memory
 * or waiting for a flusher that needs memory".  Daniel Vetter's patch therefore brackets each
 * non-blockable callback with non_block_start()/non_block_end(), and any might_sleep() inside
 * reports "BUG: sleeping function called from invalid context ... non_block: 1" — a catch-all
 * that needs no knowledge of what the lock's holder is waiting for.
 *
 * The driver below mirrors a process's page tables into a device.  Its invalidate_range_start
 * takes the mirror's mutex whatever the caller: blocking in the OOM reaper
 * (__oom_reap_task_mm → mmu_notifier_invalidate_range_start_nonblock, model/oom_kill.c).  The
 * ioctl path holds the mutex while it programs the device (which may wait for the device).
 *
 * The lock chain: oom_reaper: &mm->mmap_lock (trylock, read) → mmu_notifier_invalidate_range_start
 * → non_block section → mutex_lock(&mirror->lock) → might_sleep.
 *
 * Expected verdict: sleep-in-atomic, in the non_block section (non_block: 1).  The fix is
 * 004-range-blockable.c.
 */

struct mirror {
	struct mutex lock;
	struct mmu_notifier notifier;
};

static int mirror_invalidate_range_start(struct mmu_notifier *mn,
					 const struct mmu_notifier_range *range)
{
	struct mirror *mirror = container_of(mn, struct mirror, notifier);

	mutex_lock(&mirror->lock);
	mirror_clear_device_ptes(mirror, range->start, range->end);
	mutex_unlock(&mirror->lock);
	return 0;
}

/* ioctl: fault a range into the device's page tables */
static int mirror_fault(struct mirror *mirror, unsigned long start, unsigned long end)
{
	mutex_lock(&mirror->lock);
	mirror_program_device_ptes(mirror, start, end);
	mutex_unlock(&mirror->lock);
	return 0;
}

MMU_NOTIFIER(mirror_invalidate_range_start);
TASK(mirror_fault);

// expect: sleep-in-atomic
