/*
 * Seed 004, fixed — honour mmu_notifier_range_blockable().
 *
 * The same mirror driver as 004-oom-reaper-notifier.c.  The notifier API tells a callback whether
 * it may sleep: mmu_notifier_range_blockable(range) is false for the OOM reaper's calls
 * (mmu_notifier_invalidate_range_start_nonblock).  A callback that must take a sleeping lock
 * then only tries it, and answers -EAGAIN when it cannot have it at once; the reaper skips that
 * VMA and retries later (kernel-facts.md §6).  This is what the in-tree notifiers do
 * (e.g. mutex_trylock() in the non-blocking case, or a plain -EAGAIN).
 *
 * The lock chain left: oom_reaper: &mm->mmap_lock (trylock) → mmu_notifier_invalidate_range_start
 * → &mirror->lock by trylock only; munmap and reclaim: → mmu_notifier_invalidate_range_start →
 * &mirror->lock blocking, which is allowed there.
 *
 * Expected verdict: no finding.
 */

struct mirror {
	struct mutex lock;
	struct mmu_notifier notifier;
};

static int mirror_invalidate_range_start(struct mmu_notifier *mn,
					 const struct mmu_notifier_range *range)
{
	struct mirror *mirror = container_of(mn, struct mirror, notifier);

	if (mmu_notifier_range_blockable(range))
		mutex_lock(&mirror->lock);
	else if (!mutex_trylock(&mirror->lock))
		return -EAGAIN;

	mirror_clear_device_ptes(mirror, range->start, range->end);
	mutex_unlock(&mirror->lock);
	return 0;
}

static int mirror_fault(struct mirror *mirror, unsigned long start, unsigned long end)
{
	mutex_lock(&mirror->lock);
	mirror_program_device_ptes(mirror, start, end);
	mutex_unlock(&mirror->lock);
	return 0;
}

MMU_NOTIFIER(mirror_invalidate_range_start);
TASK(mirror_fault);

// expect: none
