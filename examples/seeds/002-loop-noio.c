/*
 * Seed 002, variant 3 — the loop worker under memalloc_noio_save(): no deadlock.
 *
 * d0a255e795ab "loop: set PF_MEMALLOC_NOIO for the worker thread" (Mikulas Patocka, v5.3-rc4,
 * Cc stable): "The loop thread does a GFP_KERNEL allocation, it calls into dm-bufio shrinker and
 * the shrinker depends on I/O completion in the dm-bufio subsystem.  In order to fix the
 * deadlock (and other similar ones), we set the flag PF_MEMALLOC_NOIO at loop thread entry."
 * Dave Chinner, in the seed message: this corrected the loop device's allocation context, so
 * reclaim contexts "are layered correctly again" and the dm-bufio deadlock goes away.
 * v5.14+ does the same per work item (loop_process_work() sets PF_LOCAL_THROTTLE |
 * PF_MEMALLOC_NOIO and restores the flags; kernel-facts.md §7.3); this is the ≤v5.13 kthread.
 *
 * dm-bufio is as in 002-dm-bufio-loop.c (the __GFP_FS test of 9d28eb12447e).  The loop worker's
 * GFP_KERNEL allocation now reclaims at the noio level: the shrinker only trylocks c->lock and
 * refuses buffers under I/O, so no reclaim that the worker can enter waits for the worker.
 *
 * The chain left: fs_reclaim → &c->lock → the B_WRITING wait (kswapd, GFP_KERNEL) and the wait →
 * reclaim(GFP_NOIO) (the worker allocates before completing); reclaim(GFP_NOIO) reaches neither
 * &c->lock (trylock) nor the wait.
 *
 * Expected verdict: no finding.
 */

struct dm_bufio_client {
	struct mutex lock;
	struct shrinker shrinker;
	unsigned long n_buffers[LIST_SIZE];
};

struct dm_buffer {
	unsigned long state;
	unsigned int hold_count;
	struct dm_bufio_client *c;
};

/* --- dm-bufio (≈v4.x, after 9d28eb12447e) ------------------------------------------------- */

static void write_endio(struct bio *bio)
{
	struct dm_buffer *b = bio->bi_private;

	clear_bit(B_WRITING, &b->state);
	smp_mb__after_atomic();
	wake_up_bit(&b->state, B_WRITING);
}

static void __make_buffer_clean(struct dm_buffer *b)
{
	if (!b->state)
		return;

	wait_on_bit_io(&b->state, B_READING, TASK_UNINTERRUPTIBLE);
	__write_dirty_buffer(b, NULL);
	wait_on_bit_io(&b->state, B_WRITING, TASK_UNINTERRUPTIBLE);
}

static bool __try_evict_buffer(struct dm_buffer *b, gfp_t gfp)
{
	if (b->hold_count)
		return false;

	if (!(gfp & __GFP_FS)) {
		if (test_bit(B_READING, &b->state) || test_bit(B_WRITING, &b->state) ||
		    test_bit(B_DIRTY, &b->state))
			return false;
		/*
		 * An idle, clean buffer: __make_buffer_clean() would return at its "!b->state" fast
		 * case, waiting for nothing.  Written out, because the checker cannot tie the
		 * test_bit()s above to that test.
		 */
		__unlink_buffer(b);
		__free_buffer_wake(b);
		return true;
	}

	__make_buffer_clean(b);
	return true;
}

static unsigned long dm_bufio_shrink_scan(struct shrinker *shrink, struct shrink_control *sc)
{
	struct dm_bufio_client *c = container_of(shrink, struct dm_bufio_client, shrinker);
	struct dm_buffer *b = lru_oldest(c);
	unsigned long freed = 0;

	if (sc->gfp_mask & __GFP_FS)
		mutex_lock(&c->lock);
	else if (!mutex_trylock(&c->lock))
		return SHRINK_STOP;

	if (__try_evict_buffer(b, sc->gfp_mask))
		freed++;

	mutex_unlock(&c->lock);
	return freed;
}

static unsigned long dm_bufio_shrink_count(struct shrinker *shrink, struct shrink_control *sc)
{
	struct dm_bufio_client *c = container_of(shrink, struct dm_bufio_client, shrinker);
	unsigned long count;

	if (sc->gfp_mask & __GFP_FS)
		mutex_lock(&c->lock);
	else if (!mutex_trylock(&c->lock))
		return 0;

	count = c->n_buffers[LIST_CLEAN] + c->n_buffers[LIST_DIRTY];
	mutex_unlock(&c->lock);
	return count;
}

SHRINKER(dm_bufio_shrink_count, dm_bufio_shrink_scan);

/* --- the loop device (v5.3–v5.13, kthread worker with PF_MEMALLOC_NOIO) ------------------ */

static ssize_t backing_file_direct_io(struct kiocb *iocb, struct iov_iter *iter)
{
	struct dio *dio;

	dio = kmem_cache_alloc(dio_cache, GFP_KERNEL);
	if (!dio)
		return -ENOMEM;
	return do_direct_io(dio, iocb, iter);
}

static int lo_rw_aio(struct loop_device *lo, struct loop_cmd *cmd, loff_t pos, int rw)
{
	backing_file_direct_io(&cmd->iocb, &iter);
	write_endio(cmd->bio);
	return 0;
}

static void loop_queue_work(struct kthread_work *work)
{
	struct loop_cmd *cmd = container_of(work, struct loop_cmd, work);

	lo_rw_aio(cmd->lo, cmd, cmd->pos, WRITE);
}

/*
 * d0a255e795ab: the worker thread's allocations are all GFP_NOIO, for the thread's life.  The
 * commit sets PF_LESS_THROTTLE | PF_MEMALLOC_NOIO; PF_LESS_THROTTLE (dirty throttling against
 * the loop's own bdi only) does not matter to reclaim and is left out.
 */
static int loop_kthread_worker_fn(void *worker_ptr)
{
	current->flags |= PF_MEMALLOC_NOIO;

	for ( ; ; )
		loop_queue_work(next_work(worker_ptr));
	return 0;
}

TASK_NAMED(loop_kthread_worker_fn, "loop1");

// expect: none
