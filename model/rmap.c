/*
 * reclaimdep kernel model: reverse mapping walks (mm/rmap.c).
 *
 * Follows mainline v6.6 (kernel-facts.md §4.5): folio_referenced() walks with try_lock set (since
 * 6d4675e60135, v6.0) and gives up on a contended rmap lock; try_to_unmap() walks blocking and
 * calls a blockable MMU-notifier invalidation for every mapping it unmaps.
 *
 * Lock classes, as lockdep prints them (§10):
 *  - &mapping->i_mmap_rwsem: i_mmap_trylock_read() / i_mmap_lock_read() / i_mmap_unlock_read()
 *    are written as the rwsem calls they are, on that expression;
 *  - &anon_vma->rwsem: anon_vma_lock_read() locks the *root* anon_vma's rwsem
 *    (anon_vma->root->rwsem), whose class lockdep names &anon_vma->rwsem; here the variable
 *    anon_vma stands for the root.
 * The walk control is filled field by field (the kernel uses a designated initializer) and the
 * per-VMA callback rwc->rmap_one is read into a local before it is called: both are what the
 * interpreter follows.
 * Lock and unlock are always in the same function, on paths that the tests of this function
 * decide, so that every path that unlocks has locked.  The walks' `locked` argument (true only
 * for rmap_walk_locked(), whose callers hold the rmap lock already) is left out: reclaim never
 * uses it.  KSM folios (rmap_walk_ksm) and hugetlb's own locks are not modelled.
 */

/*
 * rmap_walk_anon() (v6.6).  rmap_walk_anon_lock() tries the root
 * anon_vma's rwsem; when that fails, a try_lock walk reports contention and walks nothing,
 * any other walk sleeps on it (anon_vma_lock_read()).
 */
static void rmap_walk_anon(struct folio *folio, struct rmap_walk_control *rwc)
{
	bool (*rmap_one)(struct folio *, struct vm_area_struct *, unsigned long, void *) = rwc->rmap_one;
	struct anon_vma *anon_vma = folio_anon_vma(folio);
	struct anon_vma_chain *avc;

	if (!anon_vma)
		return;

	if (!down_read_trylock(&anon_vma->rwsem)) {
		if (rwc->try_lock) {
			rwc->contended = true;
			return;
		}
		down_read(&anon_vma->rwsem);
	}

	anon_vma_interval_tree_foreach(avc, &anon_vma->rb_root, pgoff_start, pgoff_end) {
		struct vm_area_struct *vma = avc->vma;
		unsigned long address = vma_address(&folio->page, vma);

		cond_resched();
		if (!rmap_one(folio, vma, address, rwc->arg))
			break;
	}

	up_read(&anon_vma->rwsem);
}

/*
 * rmap_walk_file() (v6.6): the folio is locked by the caller; the mapping's i_mmap_rwsem is
 * tried first (i_mmap_trylock_read), then, unless this is a try_lock walk, taken for read
 * blocking (i_mmap_lock_read).
 */
static void rmap_walk_file(struct folio *folio, struct rmap_walk_control *rwc)
{
	bool (*rmap_one)(struct folio *, struct vm_area_struct *, unsigned long, void *) = rwc->rmap_one;
	struct address_space *mapping = folio_mapping(folio);
	struct vm_area_struct *vma;

	if (!mapping)
		return;

	if (!down_read_trylock(&mapping->i_mmap_rwsem)) {
		if (rwc->try_lock) {
			rwc->contended = true;
			return;
		}
		down_read(&mapping->i_mmap_rwsem);
	}

	vma_interval_tree_foreach(vma, &mapping->i_mmap, pgoff_start, pgoff_last) {
		unsigned long address = vma_address(&folio->page, vma);

		cond_resched();
		if (!rmap_one(folio, vma, address, rwc->arg))
			break;
	}

	up_read(&mapping->i_mmap_rwsem);
}

/* rmap_walk() (v6.6): the walk for the folio's kind. */
void rmap_walk(struct folio *folio, struct rmap_walk_control *rwc)
{
	if (folio_test_ksm(folio))
		rmap_walk_ksm(folio, rwc);
	else if (folio_test_anon(folio))
		rmap_walk_anon(folio, rwc);
	else
		rmap_walk_file(folio, rwc);
}

/* ------------------------------------------------------------------------------------------ */
/* folio_referenced()                                                                          */

/*
 * folio_referenced_one() (v6.6): under the PTE lock (not modelled) it tests and clears the young
 * bits; ptep_clear_flush_young_notify() calls the MMU notifiers' clear_flush_young, which has no
 * lockdep map and is not a scenario hook.  So nothing here takes a modelled lock.
 */
static bool folio_referenced_one(struct folio *folio, struct vm_area_struct *vma,
				 unsigned long address, void *arg)
{
	struct page_vma_mapped_walk pvmw;

	while (page_vma_mapped_walk(&pvmw)) {
		if (ptep_clear_flush_young_notify(vma, address, pvmw.pte))
			referenced++;
	}
	return true;
}

/*
 * folio_referenced() (v6.6).  With is_locked 0 (shrink_active_list), file and KSM folios are
 * folio_trylock()ed first (no lockdep class; failure counts as referenced).  The walk is a
 * try_lock walk: rmap lock contention returns -1 ("referenced").  Before v6.0 this walk took the
 * rmap locks blocking, which is the chain in seed 000 (page_referenced → i_mmap_lock_read).
 */
int folio_referenced(struct folio *folio, int is_locked, struct mem_cgroup *memcg,
		     unsigned long *vm_flags)
{
	int we_locked = 0;
	struct rmap_walk_control rwc;

	rwc.rmap_one = folio_referenced_one;
	rwc.arg = (void *)&pra;
	rwc.try_lock = true;

	if (!folio_raw_mapping(folio))
		return 0;

	if (!is_locked && (!folio_test_anon(folio) || folio_test_ksm(folio))) {
		we_locked = folio_trylock(folio);
		if (!we_locked)
			return 1;
	}

	rmap_walk(folio, &rwc);

	if (we_locked)
		folio_unlock(folio);

	return rwc.contended ? -1 : pra.referenced;
}

/* ------------------------------------------------------------------------------------------ */
/* try_to_unmap()                                                                              */

/*
 * try_to_unmap_one() (v6.6; kernel-facts.md §4.5, §5.1): a blockable invalidation of the range
 * that maps the folio in this VMA, the PTEs cleared under the PTE lock (not modelled), then the
 * end of the invalidation.  Called with the rmap lock (i_mmap_rwsem or anon_vma->rwsem) held for
 * read, so reclaim records rmap lock → mmu_notifier_invalidate_range_start → every registered
 * invalidate_range_start hook's locks.
 */
static bool try_to_unmap_one(struct folio *folio, struct vm_area_struct *vma,
			     unsigned long address, void *arg)
{
	struct mm_struct *mm = vma->vm_mm;
	struct page_vma_mapped_walk pvmw;
	struct mmu_notifier_range range;
	bool ret = true;

	mmu_notifier_range_init(&range, MMU_NOTIFY_CLEAR, 0, mm, address,
				address + folio_size(folio));
	mmu_notifier_invalidate_range_start(&range);

	while (page_vma_mapped_walk(&pvmw)) {
		/* clear the PTE, flush, account; a pinned or locked page stops the walk */
		if (!folio_try_unmap_pte(folio, vma, &pvmw)) {
			ret = false;
			page_vma_mapped_walk_done(&pvmw);
			break;
		}
	}

	mmu_notifier_invalidate_range_end(&range);
	return ret;
}

/* try_to_unmap() (v6.6): a blocking rmap walk (no try_lock) calling try_to_unmap_one(). */
void try_to_unmap(struct folio *folio, enum ttu_flags flags)
{
	struct rmap_walk_control rwc;

	rwc.rmap_one = try_to_unmap_one;
	rwc.arg = (void *)flags;
	rwc.done = folio_not_mapped;
	rwc.try_lock = false;

	rmap_walk(folio, &rwc);
}
