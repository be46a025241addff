/*
 * reclaimdep kernel model: page reclaim (mm/vmscan.c).
 *
 * Follows mainline v6.6 with the classic LRU (kernel-facts.md §4.3, §4.4, §4.6, §3.4).  MGLRU
 * (lru_gen_shrink_node) is not modelled: its page-table walks take mmap_lock by trylock only.
 *
 * Three ways in:
 *  - direct reclaim: try_to_free_pages(), run by the kernel layer once per reclaim level through
 *    __perform_reclaim() (model/page_alloc.c);
 *  - kswapd: a task of its own, always with GFP_KERNEL and fs_reclaim held (balance_pgdat);
 *  - shrink_all_memory() (hibernation), which a scenario may call.
 * All of them end in shrink_node(): the LRU lists (rmap walks in model/rmap.c, pageout) and
 * shrink_slab() (model/shrinker.c), with the gfp tests the kernel makes written on sc->gfp_mask.
 */

/* ------------------------------------------------------------------------------------------ */
/* Waking kswapd (called from the allocator's slow path)                                       */

/*
 * wakeup_kswapd() (v5.x–v6.x; kernel-facts.md §4.6).  No lock is taken to record the order; the
 * wake-up itself, wake_up_interruptible(&pgdat->kswapd_wait), takes the waitqueue's spinlock_t
 * with interrupts saved (__wake_up), and lockdep names that lock after init_waitqueue_head()'s
 * argument: &pgdat->kswapd_wait (§10).  It is written here as the lock it is.
 * The scheduler's own locks inside the wake-up (&p->pi_lock, &rq->__lock) are not modelled.
 */
void wakeup_kswapd(struct zone *zone, gfp_t gfp_flags, int order, enum zone_type highest_zoneidx)
{
	pg_data_t *pgdat;
	unsigned long flags;

	if (!managed_zone(zone))
		return;
	if (!cpuset_zone_allowed(zone, gfp_flags))
		return;

	pgdat = zone->zone_pgdat;
	if (!waitqueue_active(&pgdat->kswapd_wait))
		return;

	/* A hopeless node, or one already balanced: kswapd has nothing to do. */
	if (pgdat->kswapd_failures >= MAX_RECLAIM_RETRIES ||
	    (pgdat_balanced(pgdat, order, highest_zoneidx) &&
	     !pgdat_watermark_boosted(pgdat, highest_zoneidx))) {
		/* An allocation that cannot reclaim may still have kcompactd defragment. */
		if (!(gfp_flags & __GFP_DIRECT_RECLAIM))
			wakeup_kcompactd(pgdat, order, highest_zoneidx);
		return;
	}

	/* wake_up_interruptible(&pgdat->kswapd_wait) */
	spin_lock_irqsave(&pgdat->kswapd_wait, flags);
	spin_unlock_irqrestore(&pgdat->kswapd_wait, flags);
}

/*
 * wakeup_kcompactd() (mm/compaction.c, v5.x–v6.x; kernel-facts.md §4.6, §10 [recalled]): the
 * same wake-up on &pgdat->kcompactd_wait.
 */
void wakeup_kcompactd(pg_data_t *pgdat, int order, int highest_zoneidx)
{
	unsigned long flags;

	if (!wq_has_sleeper(&pgdat->kcompactd_wait))
		return;

	/* wake_up_interruptible(&pgdat->kcompactd_wait) */
	spin_lock_irqsave(&pgdat->kcompactd_wait, flags);
	spin_unlock_irqrestore(&pgdat->kcompactd_wait, flags);
}

/* ------------------------------------------------------------------------------------------ */
/* shrink_folio_list(): what reclaim does to one isolated folio                                */

/*
 * may_enter_fs() (v6.6; kernel-facts.md §4.4): the filesystem may be entered with __GFP_FS; a
 * swap-cache folio may also be written with only __GFP_IO, unless the swap device writes
 * through a filesystem (SWP_FS_OPS).
 */
static bool may_enter_fs(struct folio *folio, gfp_t gfp_mask)
{
	if (gfp_mask & __GFP_FS)
		return true;
	if (!folio_test_swapcache(folio) || !(gfp_mask & __GFP_IO))
		return false;
	return !(folio_swap_flags(folio) & SWP_FS_OPS);
}

/*
 * pageout() (v6.6): ->writepage of the folio's mapping (swap_writepage for swap-cache folios).
 * The mapping's address_space operations are not a scenario hook, so the call is kept as the
 * kernel makes it and does nothing here; a scenario may define pageout() to model a writer.
 */
static pageout_t pageout(struct folio *folio, struct address_space *mapping, struct swap_iocb **plug)
{
	if (!is_page_cache_freeable(folio))
		return PAGE_KEEP;
	if (!mapping)
		return PAGE_KEEP;
	if (folio_clear_dirty_for_io(folio))
		mapping->a_ops->writepage(&folio->page, &wbc);
	return PAGE_SUCCESS;
}

/*
 * shrink_folio_list() (v6.6; kernel-facts.md §4.4 steps 1–9), the steps that take locks or
 * depend on the gfp mask:
 *  1. folio_trylock(): never waits on the folio lock;
 *  2. a folio under writeback is only waited for with legacy memcg throttling and
 *     may_enter_fs() — the loop-device deadlock is why (the kernel's own comment says so);
 *  3. folio_referenced() with the folio locked: rmap walk, rmap locks by trylock;
 *  5. anonymous folios are swapped out only with __GFP_IO;
 *  6. try_to_unmap(): a blocking rmap walk, a blockable MMU-notifier invalidation per mapping;
 *  7. dirty file folios are written only by kswapd; any pageout needs may_enter_fs();
 *  8. filemap_release_folio() with sc->gfp_mask (->release_folio, not a hook here).
 * Demotion, KSM and hugetlb details are left out.
 */
static unsigned int shrink_folio_list(struct list_head *folio_list, struct pglist_data *pgdat,
				      struct scan_control *sc, struct reclaim_stat *stat,
				      bool ignore_references)
{
	unsigned int nr_reclaimed = 0;
	struct swap_iocb *plug = NULL;

	while (!list_empty(folio_list)) {
		struct address_space *mapping;
		struct folio *folio;
		enum folio_references references = FOLIOREF_RECLAIM;

		cond_resched();

		folio = lru_to_folio(folio_list);
		list_del(&folio->lru);

		if (!folio_trylock(folio))
			goto keep;

		if (folio_test_writeback(folio)) {
			if (writeback_throttling_sane(sc) || !folio_test_reclaim(folio) ||
			    !may_enter_fs(folio, sc->gfp_mask)) {
				folio_set_reclaim(folio);
				goto activate_locked;
			}
			/* Legacy memcg reclaim: wait for the writeback to finish. */
			folio_unlock(folio);
			folio_wait_writeback(folio);
			list_add_tail(&folio->lru, folio_list);
			continue;
		}

		if (!ignore_references)
			references = folio_check_references(folio, sc);
		if (references == FOLIOREF_ACTIVATE)
			goto activate_locked;
		if (references == FOLIOREF_KEEP)
			goto keep_locked;

		if (folio_test_anon(folio) && folio_test_swapbacked(folio) &&
		    !folio_test_swapcache(folio)) {
			/* Swap-out is I/O: not without __GFP_IO. */
			if (!(sc->gfp_mask & __GFP_IO))
				goto keep_locked;
			if (!add_to_swap(folio))
				goto activate_locked;
		}

		if (folio_mapped(folio)) {
			try_to_unmap(folio, TTU_BATCH_FLUSH);
			if (folio_mapped(folio))
				goto activate_locked;
		}

		mapping = folio_mapping(folio);
		if (folio_test_dirty(folio)) {
			/* Only kswapd writes file folios, and only ones marked for reclaim. */
			if (folio_is_file_lru(folio) &&
			    (!current_is_kswapd() || !folio_test_reclaim(folio) ||
			     !test_bit(PGDAT_DIRTY, &pgdat->flags)))
				goto activate_locked;
			if (references == FOLIOREF_RECLAIM_CLEAN)
				goto keep_locked;
			if (!may_enter_fs(folio, sc->gfp_mask))
				goto keep_locked;
			if (!sc->may_writepage)
				goto keep_locked;
			pageout(folio, mapping, &plug);
			goto keep;
		}

		if (folio_has_private(folio) && !filemap_release_folio(folio, sc->gfp_mask))
			goto activate_locked;

		if (!mapping || !__remove_mapping(mapping, folio, true, sc->target_mem_cgroup))
			goto keep_locked;

		folio_unlock(folio);
		nr_reclaimed += folio_nr_pages(folio);
		continue;

activate_locked:
		folio_set_active(folio);
keep_locked:
		folio_unlock(folio);
keep:
		list_add(&folio->lru, &ret_folios);
	}
	return nr_reclaimed;
}

/* ------------------------------------------------------------------------------------------ */
/* The LRU lists                                                                                */

/*
 * shrink_active_list() (v6.6; kernel-facts.md §4.4): isolate under &lruvec->lru_lock
 * (spin_lock_irq; v5.11+, older &pgdat->lru_lock), then folio_referenced() on each folio without
 * the folio lock and with no LRU lock held, then put back under the lock.
 */
static void shrink_active_list(unsigned long nr_to_scan, struct lruvec *lruvec,
			       struct scan_control *sc, enum lru_list lru)
{
	unsigned long nr_taken;
	unsigned long vm_flags;
	LIST_HEAD(l_hold);
	LIST_HEAD(l_active);
	LIST_HEAD(l_inactive);

	lru_add_drain();

	spin_lock_irq(&lruvec->lru_lock);
	nr_taken = isolate_lru_folios(nr_to_scan, lruvec, &l_hold, &nr_scanned, sc, lru);
	spin_unlock_irq(&lruvec->lru_lock);

	while (!list_empty(&l_hold)) {
		struct folio *folio;

		cond_resched();
		folio = lru_to_folio(&l_hold);
		list_del(&folio->lru);

		/* Referenced, or its rmap lock contended: keep it active. */
		if (folio_referenced(folio, 0, sc->target_mem_cgroup, &vm_flags) != 0)
			list_add(&folio->lru, &l_active);
		else
			list_add(&folio->lru, &l_inactive);
	}

	spin_lock_irq(&lruvec->lru_lock);
	move_folios_to_lru(lruvec, &l_active);
	move_folios_to_lru(lruvec, &l_inactive);
	spin_unlock_irq(&lruvec->lru_lock);
}

/* shrink_inactive_list() (v6.6): isolate under the LRU lock, reclaim unlocked, put back. */
static unsigned long shrink_inactive_list(unsigned long nr_to_scan, struct lruvec *lruvec,
					  struct scan_control *sc, enum lru_list lru)
{
	LIST_HEAD(folio_list);
	unsigned long nr_taken;
	unsigned int nr_reclaimed;
	struct reclaim_stat stat;
	struct pglist_data *pgdat = lruvec_pgdat(lruvec);

	lru_add_drain();

	spin_lock_irq(&lruvec->lru_lock);
	nr_taken = isolate_lru_folios(nr_to_scan, lruvec, &folio_list, &nr_scanned, sc, lru);
	spin_unlock_irq(&lruvec->lru_lock);

	if (nr_taken == 0)
		return 0;

	nr_reclaimed = shrink_folio_list(&folio_list, pgdat, sc, &stat, false);

	spin_lock_irq(&lruvec->lru_lock);
	move_folios_to_lru(lruvec, &folio_list);
	spin_unlock_irq(&lruvec->lru_lock);

	return nr_reclaimed;
}

static unsigned long shrink_list(enum lru_list lru, unsigned long nr_to_scan,
				 struct lruvec *lruvec, struct scan_control *sc)
{
	if (is_active_lru(lru)) {
		if (sc->may_deactivate & (1 << is_file_lru(lru)))
			shrink_active_list(nr_to_scan, lruvec, sc, lru);
		else
			sc->skipped_deactivate = 1;
		return 0;
	}
	return shrink_inactive_list(nr_to_scan, lruvec, sc, lru);
}

/*
 * shrink_lruvec() (v6.6): scans each evictable LRU in proportion; the proportional loop around
 * this is left out (it repeats the same calls).
 */
static void shrink_lruvec(struct lruvec *lruvec, struct scan_control *sc)
{
	enum lru_list lru;

	for_each_evictable_lru(lru) {
		unsigned long nr_to_scan = min(nr[lru], SWAP_CLUSTER_MAX);

		shrink_list(lru, nr_to_scan, lruvec, sc);
	}

	if (can_age_anon_pages(lruvec_pgdat(lruvec), sc) && inactive_is_low(lruvec, LRU_INACTIVE_ANON))
		shrink_active_list(SWAP_CLUSTER_MAX, lruvec, sc, LRU_ACTIVE_ANON);
}

/*
 * shrink_node_memcgs() (v6.6; kernel-facts.md §4.3): for each memcg of the target hierarchy,
 * the LRU lists, then the slab shrinkers with the reclaim's gfp mask.
 */
static void shrink_node_memcgs(pg_data_t *pgdat, struct scan_control *sc)
{
	struct mem_cgroup *target_memcg = sc->target_mem_cgroup;
	struct mem_cgroup *memcg;

	memcg = mem_cgroup_iter(target_memcg, NULL, NULL);
	do {
		struct lruvec *lruvec = mem_cgroup_lruvec(memcg, pgdat);

		cond_resched();
		shrink_lruvec(lruvec, sc);
		shrink_slab(sc->gfp_mask, pgdat->node_id, memcg, sc->priority);
	} while ((memcg = mem_cgroup_iter(target_memcg, memcg, NULL)));
}

static void shrink_node(pg_data_t *pgdat, struct scan_control *sc)
{
	shrink_node_memcgs(pgdat, sc);
}

/* ------------------------------------------------------------------------------------------ */
/* Direct reclaim                                                                               */

/* shrink_zones() (v6.6): shrink_node() once per node of the zonelist. */
static void shrink_zones(struct zonelist *zonelist, struct scan_control *sc)
{
	struct zoneref *z;
	struct zone *zone;

	for_each_zone_zonelist_nodemask(zone, z, zonelist, sc->reclaim_idx, sc->nodemask) {
		shrink_node(zone->zone_pgdat, sc);
	}
}

/* do_try_to_free_pages() (v6.6): shrink_zones() at falling priorities until enough is freed. */
static unsigned long do_try_to_free_pages(struct zonelist *zonelist, struct scan_control *sc)
{
	do {
		shrink_zones(zonelist, sc);
		if (sc->nr_reclaimed >= sc->nr_to_reclaim)
			break;
	} while (--sc->priority >= 0);

	return sc->nr_reclaimed;
}

/*
 * try_to_free_pages() (v6.6; kernel-facts.md §4.3).  The kernel fills scan_control with a
 * designated initializer; the model assigns the fields one by one, which is what the interpreter
 * follows into the callees (sc->gfp_mask decides every gfp test below).  The kernel sets
 * sc.gfp_mask = current_gfp_context(gfp_mask); the kernel layer passes the effective mask
 * already.  throttle_direct_reclaim() (a wait on pgdat->pfmemalloc_wait that kswapd ends, killable
 * or with a timeout) is not modelled.
 */
unsigned long try_to_free_pages(struct zonelist *zonelist, int order, gfp_t gfp_mask,
				nodemask_t *nodemask)
{
	struct scan_control sc;

	sc.nr_to_reclaim = SWAP_CLUSTER_MAX;
	sc.gfp_mask = gfp_mask;
	sc.reclaim_idx = gfp_zone(gfp_mask);
	sc.order = order;
	sc.nodemask = nodemask;
	sc.priority = DEF_PRIORITY;
	sc.may_writepage = 1;
	sc.may_unmap = 1;
	sc.may_swap = 1;

	return do_try_to_free_pages(zonelist, &sc);
}

/* ------------------------------------------------------------------------------------------ */
/* kswapd                                                                                       */

/* kswapd_shrink_node() (v6.6): shrink_node() with a per-zone reclaim target. */
static bool kswapd_shrink_node(pg_data_t *pgdat, struct scan_control *sc)
{
	sc->nr_to_reclaim = 0;
	shrink_node(pgdat, sc);
	return sc->nr_scanned >= sc->nr_to_reclaim;
}

/*
 * balance_pgdat() (v5.x–v6.x; kernel-facts.md §4.6, §3.4): GFP_KERNEL reclaim with fs_reclaim
 * held from start to end (__fs_reclaim_acquire takes the map whatever the task flags), except
 * around the freezer check inside the loop.
 */
static int balance_pgdat(pg_data_t *pgdat, int order, int highest_zoneidx)
{
	int ret;
	struct scan_control sc;

	sc.gfp_mask = GFP_KERNEL;
	sc.order = order;
	sc.may_unmap = 1;
	sc.priority = DEF_PRIORITY;

	__fs_reclaim_acquire(_THIS_IP_);

	do {
		kswapd_shrink_node(pgdat, &sc);

		__fs_reclaim_release(_THIS_IP_);
		ret = try_to_freeze();
		__fs_reclaim_acquire(_THIS_IP_);
		if (ret || kthread_should_stop())
			break;
	} while (--sc.priority >= 1);

	__fs_reclaim_release(_THIS_IP_);
	return sc.order;
}

/*
 * kswapd() (v5.x–v6.x; kernel-facts.md §4.6, §2.4).  The kernel sets
 * tsk->flags |= PF_MEMALLOC | PF_KSWAPD for the thread's whole life: PF_MEMALLOC keeps kswapd's
 * own allocations (in shrinkers, in writeback) out of direct reclaim; PF_KSWAPD only makes
 * current_is_kswapd() true, which the model leaves as an unknown condition.
 */
static int kswapd(void *p)
{
	pg_data_t *pgdat = (pg_data_t *)p;

	current->flags |= PF_MEMALLOC;
	set_freezable();

	for ( ; ; ) {
		/* kswapd_try_to_sleep(): sleeps on pgdat->kswapd_wait until wakeup_kswapd() */
		if (kthread_freezable_should_stop(&was_frozen))
			break;
		balance_pgdat(pgdat, alloc_order, highest_zoneidx);
	}

	current->flags &= ~PF_MEMALLOC;
	return 0;
}

TASK_NAMED(kswapd, "kswapd0");

/* ------------------------------------------------------------------------------------------ */
/* Hibernation                                                                                  */

/*
 * shrink_all_memory() (CONFIG_HIBERNATION, v6.x; kernel-facts.md §3.4): reclaim with
 * GFP_HIGHUSER_MOVABLE under fs_reclaim_acquire(sc.gfp_mask) and memalloc_noreclaim_save().
 * A scenario calls it; the model runs it from no task of its own.
 */
unsigned long shrink_all_memory(unsigned long nr_to_reclaim)
{
	struct scan_control sc;
	struct zonelist *zonelist;
	unsigned long nr_reclaimed;
	unsigned int noreclaim_flag;

	sc.nr_to_reclaim = nr_to_reclaim;
	sc.gfp_mask = GFP_HIGHUSER_MOVABLE;
	sc.reclaim_idx = MAX_NR_ZONES - 1;
	sc.priority = DEF_PRIORITY;
	sc.may_writepage = 1;
	sc.may_unmap = 1;
	sc.may_swap = 1;
	sc.hibernation_mode = 1;
	zonelist = node_zonelist(numa_node_id(), sc.gfp_mask);

	/* fs_reclaim_acquire(sc.gfp_mask), with the mask written out */
	fs_reclaim_acquire(GFP_HIGHUSER_MOVABLE);
	noreclaim_flag = memalloc_noreclaim_save();

	nr_reclaimed = do_try_to_free_pages(zonelist, &sc);

	memalloc_noreclaim_restore(noreclaim_flag);
	fs_reclaim_release(GFP_HIGHUSER_MOVABLE);

	return nr_reclaimed;
}
