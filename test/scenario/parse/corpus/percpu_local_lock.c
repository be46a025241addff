// SPDX-License-Identifier: GPL-2.0
/*
 * Per-CPU free lists protected by a local_lock, drained from every CPU.
 */
#include <linux/local_lock.h>
#include <linux/percpu.h>

struct pcp_list {
	local_lock_t		lock;
	struct list_head	free;
	int			count;
};

static DEFINE_PER_CPU(struct pcp_list, pcp_lists);
static DEFINE_MUTEX(drain_mutex);

static void *pcp_alloc(void)
{
	struct pcp_list *pcp;
	void *obj = NULL;

	local_lock(&pcp_lists.lock);
	pcp = this_cpu_ptr(&pcp_lists);
	if (pcp->count > 0) {
		pcp->count--;
		obj = pcp->free.next;
	}
	local_unlock(&pcp_lists.lock);
	return obj ? obj : kmalloc(64, GFP_ATOMIC | __GFP_NOWARN);
}

static void pcp_drain_all(void)
{
	int cpu;

	mutex_lock(&drain_mutex);
	for_each_online_cpu(cpu) {
		struct pcp_list *pcp = per_cpu_ptr(&pcp_lists, cpu);

		preempt_disable();
		pcp->count = 0;
		preempt_enable();
	}
	mutex_unlock(&drain_mutex);
}

static void pcp_irq_path(void)
{
	unsigned long flags;

	local_lock_irqsave(&pcp_lists.lock, flags);
	this_cpu_inc(pcp_lists.count);
	local_unlock_irqrestore(&pcp_lists.lock, flags);
}

TASK(pcp_alloc);
TASK(pcp_drain_all);
IRQ_HANDLER(pcp_irq_path);
/*
 * pcp_alloc() takes the local lock with interrupts on; the interrupt handler takes it too, so an
 * interrupt on the same CPU can enter the section pcp_alloc() is in. lockdep reports this as an
 * inconsistent lock state (local locks are skipped only by the multi-lock irq searches).
 */
// expect: inconsistent-lock-state &pcp_lists.lock
