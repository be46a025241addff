// config: PREEMPT_RT
/*
 * Seed 003 on PREEMPT_RT — the writer's spinlock_t taken with interrupts disabled.
 *
 * Check with --config PREEMPT_RT (without it the file expects nothing).
 *
 * The writer below is __build_all_zonelists() exactly as 1007843a9190 (v6.3) left it:
 * local_irq_save(), printk_deferred_enter(), then write_seqlock().  In June 2023 Sebastian
 * Andrzej Siewior reported that this is wrong on PREEMPT_RT: a seqlock_t's writer lock is a
 * spinlock_t, which on RT is a sleeping lock (an rt_mutex) and must not be taken with hard
 * interrupts disabled.  The seed message quotes Tetsuo Handa's answer to that report
 * ("PREEMPT_RT kernels do not allow holding spinlocks with interrupts disabled because
 * PREEMPT_RT kernels manage priority by making the spinlock sleepable"), a patch that replaced
 * the seqlock by an open-coded counter, NACKed by Michal Hocko because "we already have a patch
 * to address the RT problem": 4d1139baae8b, write_seqlock_irqsave(), which on RT does not
 * disable interrupts (see 003-printk-deferred.c and model/page_alloc.c).
 *
 * What the kernel reports on RT: spin_lock() → rt_spin_lock() → might sleep with
 * irqs_disabled(): 1, "BUG: sleeping function called from invalid context".  It is not an
 * "Invalid wait context" report: disabled interrupts are not a held lock, so lockdep's
 * wait-type check does not see them; the sleep check does.
 *
 * The lock chain: none needed — one task: local_irq_save → zonelist_update_seq.lock (spinlock_t,
 * sleeping on RT).
 *
 * Expected verdict: with PREEMPT_RT, sleep-in-atomic (interrupts disabled) at write_seqlock();
 * without it, none (the seed 003 cycle is gone too: printk is deferred).
 */

/* mm/page_alloc.c __build_all_zonelists() as of 1007843a9190 (v6.3 – v6.5) */
static void __build_all_zonelists(void *data)
{
	int nid;
	unsigned long flags;

	/* no GFP_ATOMIC from an interrupt on this CPU while the sequence is odd */
	local_irq_save(flags);
	/* no console driver (and its port lock) from printk while the sequence is odd */
	printk_deferred_enter();
	write_seqlock(&zonelist_update_seq);

	for_each_online_node(nid) {
		pg_data_t *pgdat = NODE_DATA(nid);

		build_zonelists(pgdat);
	}

	write_sequnlock(&zonelist_update_seq);
	printk_deferred_exit();
	local_irq_restore(flags);
}

/* mm/memory_hotplug.c online_pages() → build_all_zonelists(NULL) → __build_all_zonelists() */
static int online_pages(unsigned long pfn, unsigned long nr_pages)
{
	__build_all_zonelists(NULL);
	return 0;
}

TASK(online_pages);

#ifdef CONFIG_PREEMPT_RT
// expect: sleep-in-atomic
#else
// expect: none
#endif
