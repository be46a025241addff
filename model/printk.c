/*
 * reclaimdep kernel model: printk and the legacy console path (kernel/printk/printk.c,
 * kernel/printk/printk_safe.c).
 *
 * Follows the legacy (non-nbcon) path of v5.15–v6.11 (kernel-facts.md §8.1): printk stores the
 * record, then, unless output is deferred, takes the console lock by trylock and flushes the
 * records to every registered console, each console's ->write running with interrupts off and
 * the console_owner lockdep map held.  On PREEMPT_RT (v6.12+: force_legacy_kthread()) legacy
 * consoles are printed only by the printk kthread, never from printk() itself.  nbcon consoles
 * (v6.12+) are not modelled.
 *
 * consoles_write() is the interpreter's builtin for "call every registered CONSOLE() hook"
 * (MODEL-CONVENTIONS.md).  printk_deferred_enter()/printk_deferred_exit() are builtins too: they
 * raise and lower this CPU's printk_context, which this_cpu_read(printk_context) reads below.
 */

/*
 * console_owner (kernel-facts.md §8.1, §10): the map that console_lock_spinning_enable() acquires
 * and console_lock_spinning_disable_and_check() releases around the console driver's ->write.
 * Static in kernel/printk/printk.c; global here so scenarios may name it.
 */
struct lockdep_map console_owner_dep_map = STATIC_LOCKDEP_MAP_INIT("console_owner", &console_owner_dep_map);

/*
 * console_emit_next_record() (v6.1–v6.5; console_emit_next_record/nbcon split later):
 * printk_safe_enter_irqsave(flags) is local_irq_save() plus the same per-CPU printk_context
 * increment as printk_deferred_enter() — a printk from inside a console driver is deferred —
 * then the console_owner map is held across the driver's ->write.
 */
static bool console_emit_next_record(struct console *con, bool *handover, int cookie)
{
	unsigned long flags;

	local_irq_save(flags);
	printk_deferred_enter();

	/* console_lock_spinning_enable() */
	lock_map_acquire(&console_owner_dep_map);

	/* call_console_driver(): con->write() of every registered console */
	consoles_write();

	/* console_lock_spinning_disable_and_check() */
	lock_map_release(&console_owner_dep_map);

	printk_deferred_exit();
	local_irq_restore(flags);
	return true;
}

/*
 * console_unlock() → console_flush_all() (v6.1+): emits the pending records on every console
 * (for_each_console; consoles_write() already calls them all), then releases console_sem.
 */
void console_unlock(void)
{
	bool handover;

	console_emit_next_record(NULL, &handover, 0);
	__console_unlock();
}

/*
 * vprintk_emit() (v6.1–v6.11, legacy consoles): the record is stored, then with preemption off
 * the console lock is tried (console_trylock_spinning(): console_sem by trylock, or a handover
 * from the current owner) and the consoles are flushed by whoever got it.  console_sem's own
 * lockdep map (console_lock) is taken by trylock here and is not modelled.
 */
int vprintk_emit(int facility, int level, const struct dev_printk_info *dev_info,
		 const char *fmt, va_list args)
{
	int printed_len;

	printed_len = vprintk_store(facility, level, dev_info, fmt, args);

#ifdef CONFIG_PREEMPT_RT
	/* force_legacy_kthread(): the printk kthread prints; printk() only wakes it. */
	wake_up_klogd();
	return printed_len;
#else
	preempt_disable();
	if (console_trylock_spinning())
		console_unlock();
	preempt_enable();
	return printed_len;
#endif
}

/*
 * vprintk() (kernel/printk/printk_safe.c, v5.15+): under printk_deferred_enter() (and in NMI)
 * the record is only stored and the console output deferred to irq_work
 * (defer_console_output()), so no console lock is taken from here.
 */
int vprintk(const char *fmt, va_list args)
{
	if (this_cpu_read(printk_context) || in_nmi()) {
		int len = vprintk_store(0, LOGLEVEL_DEFAULT, NULL, fmt, args);

		defer_console_output();
		return len;
	}

	return vprintk_emit(0, LOGLEVEL_DEFAULT, NULL, fmt, args);
}

/*
 * printk() (the _printk() behind the printk() macro since v5.15); pr_info(), dev_err() and the
 * other printing calls of SCENARIO-LANGUAGE.md come here.
 */
int printk(const char *fmt, ...)
{
	va_list args;
	int r;

	va_start(args, fmt);
	r = vprintk(fmt, args);
	va_end(args);

	return r;
}
