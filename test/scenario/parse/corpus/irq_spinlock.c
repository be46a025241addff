// SPDX-License-Identifier: GPL-2.0
/*
 * A spinlock taken from the interrupt handler and, with interrupts enabled, from process
 * context: the interrupt can arrive while process context holds it.
 */
#include <linux/interrupt.h>
#include <linux/spinlock.h>

struct uart_port_priv {
	spinlock_t	lock;
	unsigned int	rx_count;
	unsigned char	buf[64];
};

static struct uart_port_priv port;

static irqreturn_t uart_irq(int irq, void *dev_id)
{
	struct uart_port_priv *p = dev_id;

	spin_lock(&p->lock);
	p->rx_count++;
	spin_unlock(&p->lock);
	return IRQ_HANDLED;
}

static void uart_flush_buffer(void)
{
	spin_lock(&port.lock);
	port.rx_count = 0;
	memset(port.buf, 0, sizeof(port.buf));
	spin_unlock(&port.lock);
}

static void uart_read_stats(unsigned int *out)
{
	unsigned long flags;

	spin_lock_irqsave(&port.lock, flags);
	*out = port.rx_count;
	spin_unlock_irqrestore(&port.lock, flags);
}

IRQ_HANDLER(uart_irq);
TASK(uart_flush_buffer);
TASK(uart_read_stats);
// expect: inconsistent-lock-state
