/*
 * Seed 000, the fix — allocate before taking the locks.
 *
 * 35cfa2b0b491 "mm/mmu_notifier: allocate mmu_notifier in advance" (Gavin Shan, Oct 2012, v3.7):
 * allocating the mmu_notifier_mm with GFP_KERNEL under mm_take_all_locks() could start swap-out
 * under memory pressure, and kswapd's rmap walk (page_referenced → i_mmap_mutex) could then wait
 * for a lock the registering task held (see 000-mm-take-all-locks.c).  The fix moves the
 * kmalloc() before mmap_sem and mm_take_all_locks(); the structure is freed again if another
 * registration got there first.  Current kernels keep this order in __mmu_notifier_register()
 * (model/mmu_notifier.c).
 *
 * Written with today's names (mmap_write_lock() for down_write(&mm->mmap_sem)).  The lock chain
 * is now &mm->mmap_lock → mm_all_locks_mutex → &mapping->i_mmap_rwsem → &anon_vma->rwsem →
 * &mm->mmu_notifier_mm->lock, with no allocation under any of them; the only allocation is made
 * holding nothing.
 *
 * Expected verdict: no finding.
 */

static int do_mmu_notifier_register(struct mmu_notifier *mn, struct mm_struct *mm)
{
	struct mmu_notifier_mm *mmu_notifier_mm;
	int ret;

	mmu_notifier_mm = kmalloc(sizeof(struct mmu_notifier_mm), GFP_KERNEL);
	if (!mmu_notifier_mm)
		return -ENOMEM;

	mmap_write_lock(mm);
	ret = mm_take_all_locks(mm);
	if (ret)
		goto out_clean;

	if (!mm_has_notifiers(mm)) {
		INIT_HLIST_HEAD(&mmu_notifier_mm->list);
		mm->mmu_notifier_mm = mmu_notifier_mm;
		mmu_notifier_mm = NULL;
	}

	spin_lock(&mm->mmu_notifier_mm->lock);
	hlist_add_head(&mn->hlist, &mm->mmu_notifier_mm->list);
	spin_unlock(&mm->mmu_notifier_mm->lock);

	mm_drop_all_locks(mm);
out_clean:
	mmap_write_unlock(mm);
	kfree(mmu_notifier_mm);
	return ret;
}

TASK(do_mmu_notifier_register);

// expect: none
