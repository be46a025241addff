/*
 * reclaimdep kernel model: the OOM reaper (mm/oom_kill.c).
 *
 * Follows mainline v4.19–v6.x (kernel-facts.md §6).  The oom_reaper kthread tears down the
 * address space of an OOM victim so that memory is freed even when the victim cannot run.  It is
 * the forward-progress guarantee of OOM handling, so it must not block on anything that may
 * itself wait for memory: it takes mmap_lock only by trylock, and calls the MMU notifiers
 * non-blockable, each callback inside non_block_start()/non_block_end() (seed 004).
 *
 * Before v4.19 it also took oom_lock and skipped mms with blockable notifiers; not modelled.
 */

/*
 * __oom_reap_task_mm() (v6.x): for every VMA that can be reaped (not hugetlb or PFN-mapped; only
 * anonymous or private mappings), a non-blocking invalidation; a notifier that answers -EAGAIN
 * makes the reaper skip that VMA and retry later.
 */
static bool __oom_reap_task_mm(struct mm_struct *mm)
{
	struct vm_area_struct *vma;
	bool ret = true;
	VMA_ITERATOR(vmi, mm, 0);

	set_bit(MMF_UNSTABLE, &mm->flags);

	for_each_vma(vmi, vma) {
		struct mmu_notifier_range range;
		struct mmu_gather tlb;

		if (vma->vm_flags & (VM_HUGETLB | VM_PFNMAP))
			continue;
		if (!vma_is_anonymous(vma) && (vma->vm_flags & VM_SHARED))
			continue;

		mmu_notifier_range_init(&range, MMU_NOTIFY_UNMAP, 0, mm, vma->vm_start, vma->vm_end);
		tlb_gather_mmu(&tlb, mm);
		if (mmu_notifier_invalidate_range_start_nonblock(&range)) {
			tlb_finish_mmu(&tlb);
			ret = false;
			continue;
		}
		unmap_page_range(&tlb, vma, range.start, range.end, NULL);
		mmu_notifier_invalidate_range_end(&range);
		tlb_finish_mmu(&tlb);
	}

	return ret;
}

/*
 * oom_reap_task_mm() (v5.8+; mmap_read_trylock, before v5.8 down_read_trylock(&mm->mmap_sem)):
 * never waits for mmap_lock; on failure the reaper sleeps and tries again.
 */
static bool oom_reap_task_mm(struct task_struct *tsk, struct mm_struct *mm)
{
	bool ret = true;

	if (!mmap_read_trylock(mm))
		return false;

	if (!test_bit(MMF_OOM_SKIP, &mm->flags))
		ret = __oom_reap_task_mm(mm);

	mmap_read_unlock(mm);
	return ret;
}

/*
 * oom_reap_task() (v6.x): up to MAX_OOM_REAP_RETRIES (10) attempts with short sleeps, then the mm
 * is marked MMF_OOM_SKIP.  One attempt is modelled; the others repeat it.
 */
static void oom_reap_task(struct task_struct *tsk)
{
	struct mm_struct *mm = tsk->signal->oom_mm;

	oom_reap_task_mm(tsk, mm);
	set_bit(MMF_OOM_SKIP, &mm->flags);
}

/*
 * oom_reaper() (v6.x): waits on oom_reaper_wait for out_of_memory() to queue a victim, takes it
 * off the list (under oom_reaper_lock, not modelled), and reaps it.
 */
static int oom_reaper(void *unused)
{
	set_freezable();

	for ( ; ; ) {
		struct task_struct *tsk = oom_reaper_list;

		if (tsk)
			oom_reap_task(tsk);
	}

	return 0;
}

TASK_NAMED(oom_reaper, "oom_reaper");
