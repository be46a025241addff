// SPDX-License-Identifier: GPL-2.0
/*
 * A serial console whose write callback takes the port lock; a path that prints while
 * holding the port lock recurses into the console.
 */
#include <linux/console.h>
#include <linux/serial_core.h>

struct sport {
	spinlock_t	lock;
	unsigned int	tx_count;
	bool		suspended;
};

static struct sport sport0;

static void sport_console_write(struct console *co, const char *s, unsigned int count)
{
	unsigned long flags;
	int locked = 1;

	if (oops_in_progress)
		locked = spin_trylock_irqsave(&sport0.lock, flags);
	else
		spin_lock_irqsave(&sport0.lock, flags);

	sport0.tx_count += count;

	if (locked)
		spin_unlock_irqrestore(&sport0.lock, flags);
}

static struct console sport_console = {
	.name	= "ttyS",
	.write	= sport_console_write,
	.flags	= CON_PRINTBUFFER,
	.index	= -1,
};

static void sport_set_termios(int baud)
{
	unsigned long flags;

	spin_lock_irqsave(&sport0.lock, flags);
	if (baud > 115200)
		pr_warn("sport: baud %d out of range\n", baud);
	spin_unlock_irqrestore(&sport0.lock, flags);
}

static void sport_suspend(void)
{
	unsigned long flags;

	spin_lock_irqsave(&sport0.lock, flags);
	printk_deferred_enter();
	dev_info(NULL, "suspending\n");
	printk_deferred_exit();
	sport0.suspended = true;
	spin_unlock_irqrestore(&sport0.lock, flags);
}

CONSOLE(sport_console_write);
TASK(sport_set_termios);
TASK(sport_suspend);
// expect: recursive-locking
