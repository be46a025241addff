/*
 * Seed 001, fixed — allocate before taking the lock the notifier takes.
 *
 * The same driver as 001-notifier-lock-alloc.c.  Michal Hocko's rule in the 2019 thread is that a
 * blockable invalidate_range_start "can use/depend on any sleepable allocation allowed in the
 * context it is called from"; reclaim is one of those contexts, so a lock the callback takes
 * must never be held across an allocation that may reclaim.  The map path therefore allocates
 * the new page array first, holding nothing, and takes the mutex only to swap the arrays; the
 * old array is freed after the mutex is dropped.
 *
 * The lock chain left: &mm->mmap_lock / reclaim's rmap locks → mmu_notifier_invalidate_range_start
 * → &umem->lock, and nothing after &umem->lock.
 *
 * Expected verdict: no finding.
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
	umem_unmap_dma_range(umem, range->start, range->end);
	mutex_unlock(&umem->lock);
	return 0;
}

static const struct mmu_notifier_ops umem_notifier_ops = {
	.invalidate_range_start = umem_invalidate_range_start,
};

static int umem_get(struct umem *umem)
{
	mutex_init(&umem->lock);
	umem->notifier.ops = &umem_notifier_ops;
	return mmu_notifier_register(&umem->notifier, current->mm);
}

static int umem_map_pages(struct umem *umem, unsigned long npages)
{
	struct page **pages, **old;

	pages = kmalloc_array(npages, sizeof(*pages), GFP_KERNEL);
	if (!pages)
		return -ENOMEM;

	mutex_lock(&umem->lock);
	memcpy(pages, umem->pages, umem->npages * sizeof(*pages));
	old = umem->pages;
	umem->pages = pages;
	umem->npages = npages;
	mutex_unlock(&umem->lock);

	kfree(old);
	return 0;
}

TASK(umem_get);
TASK(umem_map_pages);

// expect: none
