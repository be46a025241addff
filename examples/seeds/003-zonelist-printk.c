// config: MEMORY_HOTREMOVE
/*
 * Seed 003 — printk inside the zonelist_update_seq writer, against a GFP_ATOMIC allocation
 * made under a tty port lock.
 *
 * Check with --config MEMORY_HOTREMOVE: the allocator reads zonelist_update_seq only when
 * CONFIG_MEMORY_HOTREMOVE is set (zonelist_iter_begin(), model/page_alloc.c); distribution and
 * syzbot kernels set it.
 *
 * The situation: 3d36424b3b58 (Mel Gorman, v6.1) made every slow-path allocation — GFP_ATOMIC
 * ones too — read the seqlock zonelist_update_seq, whose writer is __build_all_zonelists()
 * (boot, memory hotplug).  syzbot (223c7461c58c58a4cb10, 6.0-rc7) then reported the cycle
 * zonelist_update_seq.seqcount → console_owner → &port_lock_key → &port->lock →
 * zonelist_update_seq.seqcount: the writer prints (build_zonelists() → pr_info()), the console
 * driver takes the serial port lock, and pty_write() holds the tty port lock while
 * tty_buffer_alloc() allocates GFP_ATOMIC | __GFP_NOWARN.  Tetsuo Handa's fix 1007843a9190
 * (v6.3; commit message "Scenario B"): CPU0 holds port->lock and spins in read_seqbegin() because
 * CPU1 is the writer; CPU1, as the writer, calls printk → console_unlock →
 * serial8250_console_write → spin_lock_irqsave(&port->lock) and spins on CPU0's lock.
 * The seed message is Michal Hocko's reply (9 Aug 2023) to Tetsuo's later proposal not to read
 * the seqlock from atomic allocations at all (NACKed: "There is no bug to take a non-sleeping
 * lock from GFP_NOWAIT like allocations").
 *
 * Here the console write takes the same &port->lock as the tty side, as the commit message tells
 * it; in the syzbot report the console takes the UART port's lock (&port_lock_key) and the 8250
 * interrupt path orders &port_lock_key → &port->lock, one more lock in the same cycle.
 * The writer is the v6.1 one: write_seqlock() with printk reaching the console.  (1007843a9190
 * also disabled interrupts around it, against an interrupt on the writer's own CPU allocating —
 * its "Scenario A"; that alone does not break this two-CPU cycle.)
 *
 * The lock chain: &port->lock → zonelist_update_seq.seqcount (the allocation's read side) and
 * zonelist_update_seq.seqcount → console_owner → &port->lock (printk in the writer).
 *
 * Expected verdict (MEMORY_HOTREMOVE, !PREEMPT_RT): one circular dependency through the three
 * classes.  Without MEMORY_HOTREMOVE the allocation does not read the seqlock: none.  On
 * PREEMPT_RT printk does not print to legacy consoles itself (the printk kthread does): none.
 * The fix is 003-printk-deferred.c.
 */

/* drivers/tty/tty_buffer.c (v6.0): a new tty buffer, allocated with the port lock held */
static struct tty_buffer *tty_buffer_alloc(struct tty_port *port, size_t size)
{
	struct tty_buffer *p;

	p = kmalloc(sizeof(struct tty_buffer) + 2 * size, GFP_ATOMIC | __GFP_NOWARN);
	return p;
}

/* drivers/tty/tty_buffer.c (v6.0): the pty write path queues the data under the port lock */
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

/* drivers/tty/pty.c: writing to one side of a pty fills the other side's buffer */
static ssize_t pty_write(struct tty_struct *tty, const unsigned char *buf, size_t c)
{
	struct tty_struct *to = tty->link;

	return tty_insert_flip_string_and_push_buffer(to->port, buf, c);
}

/* drivers/tty/serial/8250/8250_port.c: the serial console's write, under the port lock */
static void serial8250_console_write(struct console *co, const char *s, unsigned int count)
{
	struct tty_port *port = console_tty_port(co);
	unsigned long flags;

	spin_lock_irqsave(&port->lock, flags);
	uart_console_write(port, s, count, serial8250_console_putchar);
	spin_unlock_irqrestore(&port->lock, flags);
}

/*
 * mm/page_alloc.c __build_all_zonelists() as of v6.1 (3d36424b3b58): the write side held while
 * each node's zonelist is rebuilt, and build_zonelists() prints the node's fallback order
 * (model/page_alloc.c) with the console path open.  zonelist_update_seq is the model's.
 */
static void __build_all_zonelists(void *data)
{
	int nid;

	write_seqlock(&zonelist_update_seq);

	for_each_online_node(nid) {
		pg_data_t *pgdat = NODE_DATA(nid);

		build_zonelists(pgdat);
	}

	write_sequnlock(&zonelist_update_seq);
}

/* mm/memory_hotplug.c online_pages(): a newly populated zone needs new zonelists
 * (build_all_zonelists(NULL) → __build_all_zonelists(NULL) on a running system). */
static int online_pages(unsigned long pfn, unsigned long nr_pages)
{
	__build_all_zonelists(NULL);
	return 0;
}

TASK(pty_write);
TASK(online_pages);
CONSOLE(serial8250_console_write);

#if defined(CONFIG_MEMORY_HOTREMOVE) && !defined(CONFIG_PREEMPT_RT)
// expect: circular-dependency zonelist_update_seq.seqcount console_owner &port->lock
#else
// expect: none
#endif
