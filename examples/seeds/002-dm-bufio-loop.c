/*
 * Seed 002, variant 1 — the loop worker allocates with GFP_KERNEL while dm-bufio's shrinker,
 * as it was before 2014, takes c->lock and waits for the buffer's I/O whenever reclaim may do I/O.
 * "(bit)&b->state" is how reclaimdep names a wait on a bit of b->state (wait_on_bit_io /
 * wake_up_bit).
 *
 * The dm-bufio shrinker waits for I/O that a loop device can only finish by
 * allocating memory (the hang in d0a255e795ab, Aug 2019, quoted by Dave Chinner in the seed
 * message, 29 Jun 2020, "Re: [PATCH 0/6] Overhaul memalloc_no*").
 *
 * Two stacks from the hang, a dm-bufio device (thin metadata) on a loop device on XFS:
 *  - kswapd0: shrink_slab → dm_bufio_shrink_scan → __try_evict_buffer → __make_buffer_clean →
 *    out_of_line_wait_on_bit → bit_wait_io: holds the client mutex c->lock and waits for a
 *    buffer write to complete;
 *  - loop1 (the loop kthread worker): loop_queue_work → lo_rw_aio → xfs_file_read_iter →
 *    direct I/O → kmem_cache_alloc(GFP_KERNEL) → try_to_free_pages → shrink_slab →
 *    dm_bufio_shrink_count → mutex_lock(&c->lock): blocked on the mutex kswapd holds, so the
 *    loop device never completes the write kswapd waits for.
 *
 * dm-bufio here is the code before 9d28eb12447e (2014): the shrinker callbacks take c->lock
 * blocking when sc->gfp_mask has __GFP_IO, by trylock otherwise; with __GFP_IO,
 * __try_evict_buffer() cleans a dirty buffer (submits the write) and waits for its I/O with
 * wait_on_bit_io() (drivers/md/dm-bufio.c; kernel-facts.md §7.1).  The loop worker is the ≤v5.13
 * kthread worker without PF_MEMALLOC_NOIO (before d0a255e795ab; §7.3).
 *
 * The chain: fs_reclaim → &c->lock (shrinker, kswapd or any GFP_KERNEL reclaim) → the buffer's
 * B_WRITING bit (waited for under c->lock) → fs_reclaim (the loop worker allocates with
 * GFP_KERNEL before it can complete the write and wake the bit).
 *
 * Expected verdict: a circular dependency through fs_reclaim, &c->lock and the wait on the
 * buffer's state bit.  The verified fix hint is the NOIO scope over the loop worker: a NOFS scope
 * leaves __GFP_IO set, so this shrinker still takes c->lock and waits (what d0a255e795ab did in
 * 2019; 002-loop-noio.c).
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

/* --- dm-bufio ------------------------------------------------------------------------------ */

/* The write's completion: called when the loop device ends the bio. */
static void write_endio(struct bio *bio)
{
	struct dm_buffer *b = bio->bi_private;

	clear_bit(B_WRITING, &b->state);
	smp_mb__after_atomic();
	wake_up_bit(&b->state, B_WRITING);
}

/* Waits for a read in flight, writes the buffer if dirty, waits for the write. */
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

	if (!(gfp & __GFP_IO)) {
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
	__unlink_buffer(b);
	__free_buffer_wake(b);
	return true;
}

static unsigned long __scan(struct dm_bufio_client *c, unsigned long nr_to_scan, gfp_t gfp_mask)
{
	struct dm_buffer *b, *tmp;
	unsigned long freed = 0;

	list_for_each_entry_safe_reverse(b, tmp, &c->lru[LIST_CLEAN], lru_list) {
		if (__try_evict_buffer(b, gfp_mask))
			freed++;
		if (freed >= nr_to_scan)
			break;
	}
	return freed;
}

static unsigned long dm_bufio_shrink_scan(struct shrinker *shrink, struct shrink_control *sc)
{
	struct dm_bufio_client *c = container_of(shrink, struct dm_bufio_client, shrinker);
	unsigned long freed;

	if (sc->gfp_mask & __GFP_IO)
		mutex_lock(&c->lock);
	else if (!mutex_trylock(&c->lock))
		return SHRINK_STOP;

	freed = __scan(c, sc->nr_to_scan, sc->gfp_mask);
	mutex_unlock(&c->lock);
	return freed;
}

static unsigned long dm_bufio_shrink_count(struct shrinker *shrink, struct shrink_control *sc)
{
	struct dm_bufio_client *c = container_of(shrink, struct dm_bufio_client, shrinker);
	unsigned long count;

	if (sc->gfp_mask & __GFP_IO)
		mutex_lock(&c->lock);
	else if (!mutex_trylock(&c->lock))
		return 0;

	count = c->n_buffers[LIST_CLEAN] + c->n_buffers[LIST_DIRTY];
	mutex_unlock(&c->lock);
	return count;
}

SHRINKER(dm_bufio_shrink_count, dm_bufio_shrink_scan);

/* --- the loop device (≤v5.13, kthread worker) --------------------------------------------- */

/* The backing file's direct I/O allocates its dio with GFP_KERNEL (fs/direct-io.c). */
static ssize_t backing_file_direct_io(struct kiocb *iocb, struct iov_iter *iter)
{
	struct dio *dio;

	dio = kmem_cache_alloc(dio_cache, GFP_KERNEL);
	if (!dio)
		return -ENOMEM;
	return do_direct_io(dio, iocb, iter);
}

/* lo_rw_aio(): the request goes to the backing file; its completion ends the upper bio. */
static int lo_rw_aio(struct loop_device *lo, struct loop_cmd *cmd, loff_t pos, int rw)
{
	backing_file_direct_io(&cmd->iocb, &iter);

	/* lo_rw_aio_complete → blk_mq_complete_request → ... → the dm-bufio bio's end_io */
	write_endio(cmd->bio);
	return 0;
}

static void loop_queue_work(struct kthread_work *work)
{
	struct loop_cmd *cmd = container_of(work, struct loop_cmd, work);

	lo_rw_aio(cmd->lo, cmd, cmd->pos, WRITE);
}

/* The loop kthread ("loop1"): kthread_worker_fn() running queued commands. */
static int loop_kthread_worker_fn(void *worker_ptr)
{
	for ( ; ; )
		loop_queue_work(next_work(worker_ptr));
	return 0;
}

TASK_NAMED(loop_kthread_worker_fn, "loop1");

// expect: circular-dependency (bit)&b->state fs_reclaim &c->lock
