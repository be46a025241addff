/*
 * Seed 000 — allocating under mm_take_all_locks() with mmap_lock held.
 *
 * The situation (Jason Gunthorpe, 15 Aug 2019, "Re: [PATCH 2/5] kernel.h: Add
 * non_block_start/end()", answering Michal Hocko): he found that MMU-notifier registration was
 * "oddly coded" — it allocates before mm_take_all_locks() — and asked whether GFP_KERNEL may be
 * called while holding the mm locks that invalidate_range_start() runs under:
 *
 *	down_write(&mm->mmap_sem);
 *	mm_take_all_locks(mm);
 *	kmalloc(GFP_KERNEL);		<--- lockdep warning
 *
 * His chain: reclaim holds fs_reclaim (shrink_all_memory → fs_reclaim_acquire(sc.gfp_mask) →
 * do_try_to_free_pages → ... → shrink_active_list → page_referenced → rmap_walk_file →
 * i_mmap_lock_read), so reclaim can block on an i_mmap_rwsem that the allocating task holds for
 * write.  The same bug was fixed in 2012 by 35cfa2b0b491 (Gavin Shan, "mm/mmu_notifier: allocate
 * mmu_notifier in advance"), whose lockdep report (old RECLAIM_FS state tracking) was kswapd0 in
 * page_referenced on &mapping->i_mmap_mutex, with RECLAIM_FS-ON-W registered by the kmalloc in
 * do_mmu_notifier_register() from kvm_dev_ioctl.  The fixed code is 000-allocate-in-advance.c.
 *
 * The lock chain here: &mm->mmap_lock → mm_all_locks_mutex → &mapping->i_mmap_rwsem (write) →
 * &anon_vma->rwsem (write) → fs_reclaim, against reclaim's rmap walks (try_to_unmap:
 * fs_reclaim → &mapping->i_mmap_rwsem and fs_reclaim → &anon_vma->rwsem, both read, blocking).
 *
 * Expected verdict: one circular dependency, reported at the acquisition of fs_reclaim.  As in
 * lockdep, the new dependency is from the lock on top of the held stack, and mm_take_all_locks()
 * takes the anon_vma locks last (model/mmu_notifier.c), so the shortest cycle is
 * &anon_vma->rwsem → fs_reclaim → &anon_vma->rwsem.  The cycle Jason describes,
 * &mapping->i_mmap_rwsem → (&anon_vma->rwsem →) fs_reclaim → &mapping->i_mmap_rwsem, is the same
 * cause one lock further down the stack (an mm with file mappings only would show it directly);
 * allocating before mm_take_all_locks() removes both.
 */

static int do_register(struct mm_struct *mm)
{
	struct mmu_notifier_subscriptions *subscriptions;

	mmap_write_lock(mm);
	mm_take_all_locks(mm);

	subscriptions = kmalloc(sizeof(*subscriptions), GFP_KERNEL);

	mm_drop_all_locks(mm);
	mmap_write_unlock(mm);
	return subscriptions ? 0 : -ENOMEM;
}

TASK(do_register);

// expect: circular-dependency &anon_vma->rwsem fs_reclaim
