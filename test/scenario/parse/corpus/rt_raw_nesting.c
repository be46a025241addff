// SPDX-License-Identifier: GPL-2.0
/*
 * A raw spinlock (safe in hard interrupt context on PREEMPT_RT) around a spinlock_t, which
 * sleeps on PREEMPT_RT: an invalid wait context there and under PROVE_RAW_LOCK_NESTING.
 */
#include <linux/spinlock.h>

static DEFINE_RAW_SPINLOCK(irq_desc_lock);
static DEFINE_SPINLOCK(stats_lock);
static unsigned long nr_irqs_seen;

static void irq_account(void)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&irq_desc_lock, flags);
#if IS_ENABLED(CONFIG_PREEMPT_RT) || defined(CONFIG_PROVE_RAW_LOCK_NESTING)
	/* On RT this sleeps inside a raw spinlock. */
	spin_lock(&stats_lock);
	nr_irqs_seen++;
	spin_unlock(&stats_lock);
#else
	nr_irqs_seen++;
#endif
	raw_spin_unlock_irqrestore(&irq_desc_lock, flags);
}

#if IS_ENABLED(CONFIG_PREEMPT_RT) || defined(CONFIG_PROVE_RAW_LOCK_NESTING)
// expect: invalid-wait-context
#else
// expect: none
#endif

TASK(irq_account);
