/*
 * Seed 001 — a notifier lock that is also held across a GFP_KERNEL allocation.
 *
 * The situation (Jason Gunthorpe and Daniel Vetter, 14–15 Aug 2019, "Re: [PATCH 4/5] mm,
 * notifier: Add a lockdep map for invalidate_range_start"): Daniel's patch puts a lockdep map
 * around the invalidate_range_start callbacks "to tie them all together", so that lockdep sees
 * a driver's notifier locks under every caller of the notifier without having to hit the
 * driver's range and, say, direct reclaim in one call chain.  Daniel: fs_reclaim_acquire()
 * injects the map "as soon as you've thrown out the first pagecache mmap on any process".
 * Jason: automated testing (syzkaller in small VMs) may never reclaim, so inject it on every
 * registration:
 *
 *	fs_reclaim_acquire();
 *	lock_map_acquire(&__mmu_notifier_invalidate_range_start_map);
 *	lock_map_release(&__mmu_notifier_invalidate_range_start_map);
 *	fs_reclaim_release();
 *
 * which is what __mmu_notifier_register() does since (model/mmu_notifier.c).
 *
 * The driver below has the pattern that map catches (Daniel found one "deeply nested" in i915
 * userptr; RDMA on-demand paging has the same shape): the invalidate_range_start callback takes
 * the driver's mutex, and the driver's map path allocates with GFP_KERNEL under that mutex.  If
 * reclaim unmaps one of the driver's pages while the map path is allocating, the callback waits
 * for the mutex that the reclaiming task itself holds.
 *
 * The lock chain: &umem->lock → fs_reclaim (the GFP_KERNEL allocation), fs_reclaim →
 * mmu_notifier_invalidate_range_start (the priming at registration and in every reclaiming
 * allocation), mmu_notifier_invalidate_range_start → &umem->lock (the callback, called
 * blockable by munmap and by reclaim's try_to_unmap).  No reclaim has to unmap this driver's
 * pages for the cycle to be seen.  The callback gives up (-EAGAIN) when it may not block, so
 * the OOM reaper's non-blocking calls are fine (that is seed 004).
 *
 * Expected verdict: one circular dependency through the mutex, fs_reclaim and the notifier map.
 * The fix is 001-notifier-preallocate.c.
 */

struct umem {
	struct mmu_notifier notifier;
	struct mutex lock;
	struct page **pages;
	unsigned long npages;
};

static int umem_invalidate_range_start(struct mmu_notifier *mn,
				       const struct mmu_notifier_range *range)
{
	struct umem *umem = container_of(mn, struct umem, notifier);

	if (!mmu_notifier_range_blockable(range))
		return -EAGAIN;

	mutex_lock(&umem->lock);
	/* stop the device's DMA to the pages in range and unpin them */
	umem_unmap_dma_range(umem, range->start, range->end);
	mutex_unlock(&umem->lock);
	return 0;
}

static const struct mmu_notifier_ops umem_notifier_ops = {
	.invalidate_range_start = umem_invalidate_range_start,
};

/* ioctl: register the process's address range with the device */
static int umem_get(struct umem *umem)
{
	mutex_init(&umem->lock);
	umem->notifier.ops = &umem_notifier_ops;
	return mmu_notifier_register(&umem->notifier, current->mm);
}

/* ioctl: grow the device mapping to npages, under the lock the notifier takes */
static int umem_map_pages(struct umem *umem, unsigned long npages)
{
	struct page **pages;

	mutex_lock(&umem->lock);
	pages = kmalloc_array(npages, sizeof(*pages), GFP_KERNEL);
	if (!pages) {
		mutex_unlock(&umem->lock);
		return -ENOMEM;
	}
	memcpy(pages, umem->pages, umem->npages * sizeof(*pages));
	kfree(umem->pages);
	umem->pages = pages;
	umem->npages = npages;
	mutex_unlock(&umem->lock);
	return 0;
}

TASK(umem_get);
TASK(umem_map_pages);

// expect: circular-dependency &umem->lock fs_reclaim mmu_notifier_invalidate_range_start
