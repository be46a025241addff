/*
 * reclaimdep kernel model: the page allocator (mm/page_alloc.c).
 *
 * Follows mainline v6.6+ (kernel-facts.md §3, §4.1, §4.2, §8.2).  What is here: lockdep's
 * fs_reclaim annotation (fs_reclaim_acquire() and friends), the part of an allocation that runs
 * in the caller's own context on every call, and the zonelist rebuild that is the other side of
 * the allocator's zonelist_update_seq reader.  Direct reclaim is not called from the allocation:
 * the kernel layer runs it once per reclaim level (__perform_reclaim below, RECLAIM()).
 *
 * Before this model's code runs for an allocation, the kernel layer has already done what
 * might_alloc() does (include/linux/sched/mm.h): the might_sleep check for a blocking gfp, the
 * fs_reclaim / mmu_notifier_invalidate_range_start priming of fs_reclaim_acquire(), and taking
 * the reclaim level's pseudo-lock (kernel-facts.md §3.2, §3.3, DESIGN.md §4).
 */

/*
 * The zonelist rebuild sequence (added by 3d36424b3b58, v6.1).  Static in mm/page_alloc.c; left
 * global here so a scenario may name it (seed 003 redefines the writer).  Lockdep names its two
 * parts zonelist_update_seq.lock (the writers' spinlock_t) and zonelist_update_seq.seqcount
 * (kernel-facts.md §10).
 */
DEFINE_SEQLOCK(zonelist_update_seq);

/* ------------------------------------------------------------------------------------------ */
/* lockdep's reclaim annotation: fs_reclaim (kernel-facts.md §3.1, §3.2)                       */

/*
 * The fs_reclaim map.  It is the same class as the kernel layer's pseudo-lock for the fs reclaim
 * level (DESIGN.md §4): what an allocation takes for a moment is what kswapd,
 * shrink_all_memory() and the registration priming (model/mmu_notifier.c) hold.
 */
static struct lockdep_map __fs_reclaim_map = STATIC_LOCKDEP_MAP_INIT("fs_reclaim", &__fs_reclaim_map);

/* __need_reclaim() (v5.10+): only an allocation that may enter direct reclaim. */
static bool __need_reclaim(gfp_t gfp_mask)
{
	/* only a caller that may wait for reclaim enters it */
	if (!(gfp_mask & __GFP_DIRECT_RECLAIM))
		return false;

	/* PF_MEMALLOC: the task is reclaiming already and will not recurse into it */
	if (current->flags & PF_MEMALLOC)
		return false;

	if (gfp_mask & __GFP_NOLOCKDEP)
		return false;

	return true;
}

/* __fs_reclaim_acquire() / __fs_reclaim_release() (v5.12+ with the ip argument): the map itself,
 * whatever the task flags (kswapd, which has PF_MEMALLOC, uses these). */
void __fs_reclaim_acquire(unsigned long ip)
{
	lock_map_acquire(&__fs_reclaim_map);
}

void __fs_reclaim_release(unsigned long ip)
{
	lock_map_release(&__fs_reclaim_map);
}

/*
 * fs_reclaim_acquire() / fs_reclaim_release() (v5.10+, "mm: track mmu notifiers in
 * fs_reclaim_acquire/release"): the scope applied, then fs_reclaim for a reclaim that may enter
 * the filesystem, and — for any reclaim, since it may unmap — the MMU-notifier map for a moment,
 * while fs_reclaim is held.  Used by shrink_all_memory(), by __mmu_notifier_register()'s priming
 * and by scenarios that prime lockdep as drivers do (kernel-facts.md §3.5).  (An allocation's
 * own might_alloc() is done by the kernel layer, not through these.)  CONFIG_MMU_NOTIFIER is
 * taken as set, as on every distribution kernel.
 */
void fs_reclaim_acquire(gfp_t gfp_mask)
{
	gfp_mask = current_gfp_context(gfp_mask);

	if (__need_reclaim(gfp_mask)) {
		if (gfp_mask & __GFP_FS)
			__fs_reclaim_acquire(_RET_IP_);

		lock_map_acquire(&__mmu_notifier_invalidate_range_start_map);
		lock_map_release(&__mmu_notifier_invalidate_range_start_map);
	}
}

void fs_reclaim_release(gfp_t gfp_mask)
{
	gfp_mask = current_gfp_context(gfp_mask);

	if (__need_reclaim(gfp_mask)) {
		if (gfp_mask & __GFP_FS)
			__fs_reclaim_release(_RET_IP_);
	}
}

/* ------------------------------------------------------------------------------------------ */
/* The fast path: get_page_from_freelist() → rmqueue()                                         */

/*
 * rmqueue_buddy() (v6.1+): the buddy lists under zone->lock, interrupts off (kernel-facts.md
 * §4.1, §10: a leaf, irq-safe spinlock_t).  On PREEMPT_RT it is a sleeping lock, which is why
 * no allocation may run under a raw_spinlock_t there (§9.1).
 *
 * The per-CPU lists before it (rmqueue_pcplist) take &pcp->lock by trylock only (§4.1, recalled
 * detail); a trylock adds no dependency, so it is left out.
 */
static struct page *rmqueue_buddy(struct zone *preferred_zone, struct zone *zone,
				  unsigned int order, unsigned int alloc_flags)
{
	struct page *page;
	unsigned long flags;

	spin_lock_irqsave(&zone->lock, flags);
	page = __rmqueue(zone, order, migratetype, alloc_flags);
	spin_unlock_irqrestore(&zone->lock, flags);
	return page;
}

static struct page *get_page_from_freelist(gfp_t gfp_mask, unsigned int order, int alloc_flags,
					   const struct alloc_context *ac)
{
	struct zoneref *z;
	struct zone *zone;

	for_next_zone_zonelist_nodemask(zone, z, ac->highest_zoneidx, ac->nodemask) {
		if (!zone_watermark_fast(zone, order, mark, ac->highest_zoneidx, alloc_flags, gfp_mask))
			continue;
		return rmqueue_buddy(ac->preferred_zoneref->zone, zone, order, alloc_flags);
	}
	return NULL;
}

/* ------------------------------------------------------------------------------------------ */
/* The slow path's entry                                                                       */

/*
 * zonelist_iter_begin() (v6.1+): every slow-path entry, for every gfp including GFP_ATOMIC in
 * interrupts, reads zonelist_update_seq; the reader spins while a writer holds it, and lockdep
 * records a momentary read acquisition of zonelist_update_seq.seqcount (kernel-facts.md §4.2).
 * The kernel tests IS_ENABLED(CONFIG_MEMORY_HOTREMOVE); written as #ifdef so that the scenarios'
 * expectations can follow the same --config.
 */
static unsigned int zonelist_iter_begin(void)
{
#ifdef CONFIG_MEMORY_HOTREMOVE
	return read_seqbegin(&zonelist_update_seq);
#else
	return 0;
#endif
}

/*
 * wake_all_kswapds() (v6.x): one wakeup_kswapd() per node of the zonelist (kernel-facts.md
 * §4.6).  wakeup_kswapd() itself is in model/vmscan.c, as in the kernel.
 */
static void wake_all_kswapds(unsigned int order, gfp_t gfp_mask, const struct alloc_context *ac)
{
	struct zoneref *z;
	struct zone *zone;
	enum zone_type highest_zoneidx = ac->highest_zoneidx;

	for_each_zone_zonelist_nodemask(zone, z, ac->zonelist, highest_zoneidx, ac->nodemask) {
		wakeup_kswapd(zone, gfp_mask, order, highest_zoneidx);
	}
}

/*
 * __alloc_pages_slowpath() (v6.6), the steps before direct reclaim (kernel-facts.md §4.2 steps
 * 2–5 and 7).  ALLOC_KSWAPD is set exactly when the mask has __GFP_KSWAPD_RECLAIM
 * (gfp_to_alloc_flags), so the test is written on the mask.
 *
 * Left to the kernel layer: direct reclaim (__perform_reclaim, run per reclaim level) and
 * compaction.  Not modelled: the OOM path (mutex_trylock(&oom_lock), a trylock; out_of_memory),
 * the cpuset/zonelist retry (goto restart) and read_mems_allowed_begin() (a seqcount only when
 * cpusets are in use).
 */
static struct page *__alloc_pages_slowpath(gfp_t gfp_mask, unsigned int order,
					   struct alloc_context *ac)
{
	unsigned int zonelist_iter_cookie;
	unsigned int alloc_flags;
	struct page *page;

	zonelist_iter_cookie = zonelist_iter_begin();

	if (gfp_mask & __GFP_KSWAPD_RECLAIM)
		wake_all_kswapds(order, gfp_mask, ac);

	page = get_page_from_freelist(gfp_mask, order, alloc_flags, ac);
	if (page)
		return page;

	/* retry: kswapd is woken again before every further attempt */
	if (gfp_mask & __GFP_KSWAPD_RECLAIM)
		wake_all_kswapds(order, gfp_mask, ac);

	return get_page_from_freelist(gfp_mask, order, alloc_flags, ac);
}

/*
 * __alloc_pages() (v5.13–v6.9; __alloc_frozen_pages_noprof() from v6.14): the fast attempt,
 * then the slow path.  gfp &= gfp_allowed_mask, current_gfp_context() and prepare_alloc_pages()
 * → might_alloc() are the kernel layer's part (see the top of this file).
 *
 * ALLOCATOR: every allocation call of every scenario (kmalloc, alloc_pages, ...) runs this
 * function inline with its gfp mask, in the caller's context (MODEL-CONVENTIONS.md).
 */
struct page *__alloc_pages(gfp_t gfp, unsigned int order, int preferred_nid, nodemask_t *nodemask)
{
	struct page *page;
	struct alloc_context ac = { };

	page = get_page_from_freelist(gfp, order, ALLOC_WMARK_LOW, &ac);
	if (page)
		return page;

	return __alloc_pages_slowpath(gfp, order, &ac);
}

ALLOCATOR(__alloc_pages);

/* ------------------------------------------------------------------------------------------ */
/* Direct reclaim: the function the kernel layer runs once per reclaim level                  */

/*
 * __perform_reclaim() (mm/page_alloc.c, v6.x; kernel-facts.md §4.2 step 9).  The kernel brackets
 * try_to_free_pages() with fs_reclaim_acquire(gfp_mask) and memalloc_noreclaim_save(); here the
 * kernel layer has done both before the call: the level's pseudo-lock (fs_reclaim,
 * reclaim(GFP_NOFS) or reclaim(GFP_NOIO)) is held and PF_MEMALLOC is set, so allocations made
 * inside reclaim (by shrinkers, notifiers) do not reclaim again (§2.4).
 *
 * RECLAIM: called as __perform_reclaim(gfp) with the level's mask: GFP_KERNEL, GFP_NOFS or
 * GFP_NOIO.  That mask is already the effective one (scopes applied), which is why
 * try_to_free_pages() below does not apply current_gfp_context() again.
 */
static unsigned long __perform_reclaim(gfp_t gfp_mask, unsigned int order,
				       const struct alloc_context *ac)
{
	unsigned long progress;

	cond_resched();
	progress = try_to_free_pages(ac->zonelist, order, gfp_mask, ac->nodemask);
	cond_resched();
	return progress;
}

RECLAIM(__perform_reclaim);

/* ------------------------------------------------------------------------------------------ */
/* The zonelist rebuild: the writer of zonelist_update_seq                                     */

/*
 * build_zonelists() (NUMA, v6.x): rebuilds one node's fallback list and prints it.  The printk
 * runs inside the writer section below, which is what seed 003 is about.  (The !NUMA variant
 * prints nothing; NUMA is the usual lockdep configuration.)
 */
static void build_zonelists(pg_data_t *pgdat)
{
	int local_node = pgdat->node_id;

	pr_info("Fallback order for Node %d: ", local_node);
	build_zonelists_in_node_order(pgdat, node_order, nr_nodes);
	build_thisnode_zonelists(pgdat);
	pr_cont("\n");
}

/*
 * __build_all_zonelists() as of 4d1139baae8b (v6.5/v6.6; kernel-facts.md §8.2):
 *  - the write side is taken with write_seqlock_irqsave(), so no interrupt on this CPU can
 *    allocate (GFP_ATOMIC) and spin in zonelist_iter_begin() on the odd sequence; on
 *    PREEMPT_RT it does not disable interrupts, so its spinlock_t may sleep there;
 *  - printk_deferred_enter() makes every printk inside only store its record, so the console
 *    drivers' locks (a tty port lock held by a CPU that allocates GFP_ATOMIC) are never taken
 *    while the sequence is odd (1007843a9190, v6.3).
 * The older writers are in examples/seeds/003-*.c.
 */
static void __build_all_zonelists(void *data)
{
	int nid;
	pg_data_t *self = data;
	unsigned long flags;

	write_seqlock_irqsave(&zonelist_update_seq, flags);
	printk_deferred_enter();

	for_each_node(nid) {
		pg_data_t *pgdat = NODE_DATA(nid);

		build_zonelists(pgdat);
	}

	printk_deferred_exit();
	write_sequnlock_irqrestore(&zonelist_update_seq, flags);
}

/*
 * build_all_zonelists() (v6.x): at boot (build_all_zonelists_init) and on memory hotplug
 * (online_pages) the zonelists are rebuilt; the summary lines are printed after the writer
 * section, with the console path open.
 */
void build_all_zonelists(pg_data_t *pgdat)
{
	__build_all_zonelists(pgdat);

	pr_info("Built %u zonelists, mobility grouping %s.  Total pages: %ld\n",
		nr_online_nodes, page_group_by_mobility_disabled ? "off" : "on", vm_total_pages);
}
