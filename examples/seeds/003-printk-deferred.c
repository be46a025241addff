// config: MEMORY_HOTREMOVE
/*
 * Seed 003, fixed — printk_deferred_enter() around the zonelist_update_seq writer.
 *
 * The same tty path and serial console as 003-zonelist-printk.c; the writer is the one in
 * mainline since 4d1139baae8b (v6.5/v6.6), which is also the model's own (model/page_alloc.c):
 *  - 1007843a9190 (Tetsuo Handa, v6.3, Acked-by Michal Hocko) calls printk_deferred_enter()
 *    before taking the write side and printk_deferred_exit() after dropping it: a printk inside
 *    only stores its record and the console output is deferred to irq_work, so no console lock
 *    (&port->lock here) is taken while the sequence is odd;
 *  - 4d1139baae8b (Sebastian Andrzej Siewior, the PREEMPT_RT follow-up) takes the write side with
 *    write_seqlock_irqsave() instead of local_irq_save() + write_seqlock(), whose spinlock_t may
 *    not be taken with interrupts disabled on RT (see 003-preempt-rt.c).
 *
 * The lock chain left: &port->lock → zonelist_update_seq.seqcount (the allocation's read side);
 * zonelist_update_seq.lock → zonelist_update_seq.seqcount (the writer), with no console lock
 * after it.  Best checked with --config MEMORY_HOTREMOVE, where the read side exists.
 *
 * Expected verdict: no finding, in every configuration.
 */

static struct tty_buffer *tty_buffer_alloc(struct tty_port *port, size_t size)
{
	struct tty_buffer *p;

	p = kmalloc(sizeof(struct tty_buffer) + 2 * size, GFP_ATOMIC | __GFP_NOWARN);
	return p;
}

static int tty_insert_flip_string_and_push_buffer(struct tty_port *port,
						  const unsigned char *chars, size_t size)
{
	struct tty_bufhead *buf = &port->buf;
	unsigned long flags;

	spin_lock_irqsave(&port->lock, flags);
	tty_buffer_alloc(port, size);
	spin_unlock_irqrestore(&port->lock, flags);

	queue_work(system_unbound_wq, &buf->work);
	return size;
}

static ssize_t pty_write(struct tty_struct *tty, const unsigned char *buf, size_t c)
{
	struct tty_struct *to = tty->link;

	return tty_insert_flip_string_and_push_buffer(to->port, buf, c);
}

static void serial8250_console_write(struct console *co, const char *s, unsigned int count)
{
	struct tty_port *port = console_tty_port(co);
	unsigned long flags;

	spin_lock_irqsave(&port->lock, flags);
	uart_console_write(port, s, count, serial8250_console_putchar);
	spin_unlock_irqrestore(&port->lock, flags);
}

/* mm/page_alloc.c __build_all_zonelists() since 4d1139baae8b (v6.5/v6.6) */
static void __build_all_zonelists(void *data)
{
	int nid;
	unsigned long flags;

	write_seqlock_irqsave(&zonelist_update_seq, flags);
	printk_deferred_enter();

	for_each_online_node(nid) {
		pg_data_t *pgdat = NODE_DATA(nid);

		build_zonelists(pgdat);
	}

	printk_deferred_exit();
	write_sequnlock_irqrestore(&zonelist_update_seq, flags);
}

static int online_pages(unsigned long pfn, unsigned long nr_pages)
{
	__build_all_zonelists(NULL);
	return 0;
}

TASK(pty_write);
TASK(online_pages);
CONSOLE(serial8250_console_write);

// expect: none
