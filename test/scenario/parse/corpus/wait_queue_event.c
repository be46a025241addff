// SPDX-License-Identifier: GPL-2.0
/*
 * A consumer sleeping on a wait queue for work produced from interrupt context.
 */
#include <linux/wait.h>
#include <linux/interrupt.h>

static DECLARE_WAIT_QUEUE_HEAD(event_wq);
static DEFINE_SPINLOCK(event_lock);
static unsigned int events_pending;
static bool stopping;

static irqreturn_t event_irq(int irq, void *data)
{
	spin_lock(&event_lock);
	events_pending++;
	spin_unlock(&event_lock);
	wake_up_interruptible(&event_wq);
	return IRQ_HANDLED;
}

static int event_consume(void)
{
	unsigned int n;
	int ret;

	ret = wait_event_interruptible(event_wq, READ_ONCE(events_pending) > 0 || stopping);
	if (ret)
		return ret;

	spin_lock_irq(&event_lock);
	n = events_pending;
	events_pending = 0;
	spin_unlock_irq(&event_lock);
	return n;
}

static void event_stop(void)
{
	WRITE_ONCE(stopping, true);
	wake_up_all(&event_wq);
}

IRQ_HANDLER(event_irq);
TASK(event_consume);
TASK(event_stop);
// expect: none
