/*
 * reclaimdep kernel model: MMU notifiers (mm/mmu_notifier.c, include/linux/mmu_notifier.h),
 * mm_take_all_locks() (mm/mmap.c) and the munmap path that invalidates (mm/mmap.c, mm/memory.c).
 *
 * Follows mainline v5.10–v6.x (kernel-facts.md §5): the lockdep map around the invalidate_range
 * callbacks (added ≈v5.4), the non_block_start()/non_block_end() bracket around non-blockable
 * callbacks (v5.4), the lockdep priming in __mmu_notifier_register() (≈v5.4) and the allocation
 * of the subscriptions before mm_take_all_locks() (35cfa2b0b491, v3.7).
 *
 * mmu_notifiers_invalidate_range_start(range, blockable) is the interpreter's builtin for "call
 * every registered invalidate_range_start hook with this range"; inside a hook,
 * mmu_notifier_range_blockable(range) is `blockable` (MODEL-CONVENTIONS.md).  The SRCU read
 * section around the callbacks and the interval-tree notifiers are not modelled.
 */

/*
 * The lockdep map (name "mmu_notifier_invalidate_range_start", §3.1, §10).  Held across the
 * start callbacks (and the end callbacks), and acquired and released by every allocation that
 * may reclaim (fs_reclaim_acquire(), done by the kernel layer), so lockdep learns
 * "reclaim → notifier → the notifier's locks" without reclaim having to unmap the notifier's
 * pages while the checker watches.
 */
struct lockdep_map __mmu_notifier_invalidate_range_start_map =
	STATIC_LOCKDEP_MAP_INIT("mmu_notifier_invalidate_range_start",
				&__mmu_notifier_invalidate_range_start_map);

/*
 * mmu_notifier_invalidate_range_start() (v5.10+, blockable): might_sleep(), then the map held
 * around the callbacks whether or not the mm has notifiers (so the dependency is seen on every
 * call).
 */
void mmu_notifier_invalidate_range_start(struct mmu_notifier_range *range)
{
	might_sleep();

	lock_map_acquire(&__mmu_notifier_invalidate_range_start_map);
	if (mm_has_notifiers(range->mm)) {
		range->flags |= MMU_NOTIFIER_RANGE_BLOCKABLE;
		mmu_notifiers_invalidate_range_start(range, 1);
	}
	lock_map_release(&__mmu_notifier_invalidate_range_start_map);
}

/*
 * mmu_notifier_invalidate_range_start_nonblock() (v5.10+; "mainly intended for OOM handling"):
 * the same map, BLOCKABLE cleared; mn_hlist_invalidate_range_start() brackets each callback with
 * non_block_start()/non_block_end(), so a callback that sleeps is reported with non_block: 1
 * (kernel-facts.md §6).  A callback may fail with -EAGAIN.
 */
int mmu_notifier_invalidate_range_start_nonblock(struct mmu_notifier_range *range)
{
	int ret = 0;

	lock_map_acquire(&__mmu_notifier_invalidate_range_start_map);
	if (mm_has_notifiers(range->mm)) {
		range->flags &= ~MMU_NOTIFIER_RANGE_BLOCKABLE;
		non_block_start();
		ret = mmu_notifiers_invalidate_range_start(range, 0);
		non_block_end();
	}
	lock_map_release(&__mmu_notifier_invalidate_range_start_map);

	return ret;
}

/*
 * mmu_notifier_invalidate_range_end() (v5.10+): __mmu_notifier_invalidate_range_end() holds the
 * same map around the end callbacks (which are not scenario hooks).  The might_sleep() the kernel
 * does for blockable ranges is already done at the start.
 */
void mmu_notifier_invalidate_range_end(struct mmu_notifier_range *range)
{
	if (mm_has_notifiers(range->mm)) {
		lock_map_acquire(&__mmu_notifier_invalidate_range_start_map);
		lock_map_release(&__mmu_notifier_invalidate_range_start_map);
	}
}

/* ------------------------------------------------------------------------------------------ */
/* mm_take_all_locks() (mm/mmap.c)                                                             */

/* Serialises mm_take_all_locks() callers (a global mutex, kernel-facts.md §5.2). */
DEFINE_MUTEX(mm_all_locks_mutex);

/*
 * mm_take_all_locks() (v6.1–v6.3 maple-tree form; kernel-facts.md §5.2).  With mmap_lock held
 * for write, it write-locks the i_mmap_rwsem of every mapping with a VMA in the mm (hugetlb files
 * first, then the others), then the root anon_vma rwsem of every anon_vma the mm's VMAs chain
 * to, each object once, with mmap_lock as the nest lock
 * (down_write_nest_lock(..., &mm->mmap_lock)).
 *
 * Lockdep sees one class per pass, so the model takes one object of each class, in the kernel's
 * order: &mapping->i_mmap_rwsem, then &anon_vma->rwsem.  (Taking them under conditions on unknown
 * VMAs would let mm_drop_all_locks() release a different set.)  The hugetlb pass (its mappings
 * use a lock class of their own), the per-VMA locks of v6.4+ (vma_start_write) and the -EINTR
 * return on a pending signal (after dropping everything) are not modelled: this always returns 0
 * with the locks held.
 */
int mm_take_all_locks(struct mm_struct *mm)
{
	mutex_lock(&mm_all_locks_mutex);

	/* vm_lock_mapping(mm, vma->vm_file->f_mapping) */
	down_write(&mapping->i_mmap_rwsem);

	/* vm_lock_anon_vma(mm, avc->anon_vma): the root anon_vma's rwsem */
	down_write(&anon_vma->rwsem);

	return 0;
}

/* mm_drop_all_locks() (v6.1+): releases what mm_take_all_locks() took. */
void mm_drop_all_locks(struct mm_struct *mm)
{
	/* vm_unlock_anon_vma() */
	up_write(&anon_vma->rwsem);

	/* vm_unlock_mapping() */
	up_write(&mapping->i_mmap_rwsem);

	mutex_unlock(&mm_all_locks_mutex);
}

/* ------------------------------------------------------------------------------------------ */
/* Registration                                                                                */

/*
 * __mmu_notifier_register() (v5.10–v6.x; kernel-facts.md §5.2), mmap_lock held for write:
 *  - primes lockdep with fs_reclaim → mmu_notifier_invalidate_range_start, so that the map is
 *    known to be taken under reclaim even on a test system that never reclaims (the kernel does
 *    this under IS_ENABLED(CONFIG_LOCKDEP); reclaimdep always checks as a lockdep kernel);
 *  - allocates the subscriptions with GFP_KERNEL *before* mm_take_all_locks(): reclaim may need
 *    the i_mmap_rwsem and anon_vma locks for its rmap walks (seed 000);
 *  - publishes the subscription with all the VM locks held.
 * The hook itself is the scenario's: MMU_NOTIFIER() or a struct mmu_notifier_ops.
 */
int __mmu_notifier_register(struct mmu_notifier *subscription, struct mm_struct *mm)
{
	struct mmu_notifier_subscriptions *subscriptions = NULL;

	fs_reclaim_acquire(GFP_KERNEL);
	lock_map_acquire(&__mmu_notifier_invalidate_range_start_map);
	lock_map_release(&__mmu_notifier_invalidate_range_start_map);
	fs_reclaim_release(GFP_KERNEL);

	if (!mm->notifier_subscriptions) {
		subscriptions = kzalloc(sizeof(struct mmu_notifier_subscriptions), GFP_KERNEL);
		if (!subscriptions)
			return -ENOMEM;
	}

	mm_take_all_locks(mm);

	if (subscriptions)
		smp_store_release(&mm->notifier_subscriptions, subscriptions);
	if (subscription) {
		subscription->mm = mm;
		hlist_add_head_rcu(&subscription->hlist, &mm->notifier_subscriptions->list);
	}

	mm_drop_all_locks(mm);
	return 0;
}

/* mmu_notifier_register() (v5.8+): takes mmap_lock for write around the registration. */
int mmu_notifier_register(struct mmu_notifier *subscription, struct mm_struct *mm)
{
	int ret;

	mmap_write_lock(mm);
	ret = __mmu_notifier_register(subscription, mm);
	mmap_write_unlock(mm);
	return ret;
}

/* ------------------------------------------------------------------------------------------ */
/* munmap(): a blockable invalidation under mmap_lock (kernel-facts.md §5.1)                  */

/*
 * unmap_vmas() (mm/memory.c, v6.x): one blockable invalidation around zapping the range.
 */
void unmap_vmas(struct mmu_gather *tlb, struct ma_state *mas, struct vm_area_struct *vma,
		unsigned long start_addr, unsigned long end_addr, unsigned long tree_end, bool mm_wr_locked)
{
	struct mmu_notifier_range range;

	mmu_notifier_range_init(&range, MMU_NOTIFY_UNMAP, 0, vma->vm_mm, start_addr, end_addr);
	mmu_notifier_invalidate_range_start(&range);
	unmap_single_vma(tlb, vma, start_addr, end_addr, NULL, mm_wr_locked);
	mmu_notifier_invalidate_range_end(&range);
}

/*
 * __vm_munmap() (mm/mmap.c, v6.x): unmaps with mmap_lock held.  v5.x–v6.x kernels downgrade it
 * to read before zapping the pages; either way the invalidation runs under &mm->mmap_lock, and
 * the model keeps it held for write.
 */
int __vm_munmap(unsigned long start, size_t len, bool unlock)
{
	struct mm_struct *mm = current->mm;

	mmap_write_lock(mm);
	unmap_vmas(&tlb, &mas, vma, start, start + len, tree_end, true);
	mmap_write_unlock(mm);
	return 0;
}

/*
 * The munmap(2) system call: any task may unmap part of an address space that has notifiers
 * registered, so every hook is also called blockable under mmap_lock, reclaim or no reclaim.
 */
static long sys_munmap(unsigned long addr, size_t len)
{
	return __vm_munmap(addr, len, true);
}

TASK(sys_munmap);
