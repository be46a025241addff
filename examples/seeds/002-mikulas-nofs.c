/*
 * Seed 002, Mikulas Patocka's case — the 2014 dm-bufio deadlock that a GFP_NOFS allocation reaches (the reclaim level
 * lockdep does not have).
 *
 * Mikulas Patocka's scenario (dm-devel / linux-mm, Jun 2020, "Re: [PATCH 0/6] Overhaul
 * memalloc_no*"; kernel-facts.md §7.2): (1) a filesystem allocates with GFP_NOFS while holding
 * one of its locks; (2) direct reclaim calls the dm-bufio shrinker; (3) the shrinker sees
 * __GFP_IO, writes back dirty buffers and waits for the writes; (4) the buffers sit on a loop
 * device; (5) the loop thread calls into the same filesystem, which needs the lock held in (1).
 * Before 9d28eb12447e (2014, "dm bufio: change __GFP_IO to __GFP_FS in shrinker callbacks") the
 * shrinker tested __GFP_IO, so a GFP_NOFS reclaim took c->lock and waited for I/O.
 * Dave Chinner's answer in the seed message: that commit is a layering violation papering over
 * the real bug — the loop device's back end is a block device and must run under GFP_NOIO,
 * which d0a255e795ab did in 2019 (002-loop-noio.c).
 *
 * The filesystem lock is ext4's &ei->i_data_sem (any lock the FS holds across a GFP_NOFS
 * allocation and also takes on its write path would do).
 *
 * The chain: &ei->i_data_sem → reclaim(GFP_NOFS) (the FS's allocation) → &c->lock (the shrinker,
 * __GFP_IO set) → the buffer's B_WRITING bit (waited for under c->lock) → &ei->i_data_sem (the
 * loop thread's write into the backing file before it can complete the buffer's write).
 * lockdep cannot see it: GFP_NOFS never takes fs_reclaim.
 *
 * Expected verdict: a circular dependency through &ei->i_data_sem, reclaim(GFP_NOFS), &c->lock
 * and the wait on the buffer's state bit.  With the __GFP_FS test of 9d28eb12447e the shrinker
 * only trylocks and refuses busy buffers at this level, and the cycle is gone.
 */

struct dm_bufio_client {
	struct mutex lock;
	struct shrinker shrinker;
};

struct dm_buffer {
	unsigned long state;
	struct dm_bufio_client *c;
};

struct ext4_inode_info {
	struct rw_semaphore i_data_sem;
};

/* --- dm-bufio (before 9d28eb12447e) ------------------------------------------------------- */

static void write_endio(struct bio *bio)
{
	struct dm_buffer *b = bio->bi_private;

	clear_bit(B_WRITING, &b->state);
	smp_mb__after_atomic();
	wake_up_bit(&b->state, B_WRITING);
}

static bool __cleanup_old_buffer(struct dm_buffer *b, gfp_t gfp)
{
	if (!(gfp & __GFP_IO)) {
		if (test_bit(B_READING, &b->state) || test_bit(B_WRITING, &b->state) ||
		    test_bit(B_DIRTY, &b->state))
			return false;
		/* idle and clean: nothing to write or wait for (written out: see 002-loop-noio.c) */
		return true;
	}

	/* __make_buffer_clean(): write it if dirty, then wait for the write */
	__write_dirty_buffer(b, NULL);
	wait_on_bit_io(&b->state, B_WRITING, TASK_UNINTERRUPTIBLE);
	return true;
}

static unsigned long dm_bufio_shrink_scan(struct shrinker *shrink, struct shrink_control *sc)
{
	struct dm_bufio_client *c = container_of(shrink, struct dm_bufio_client, shrinker);
	struct dm_buffer *b = lru_oldest(c);
	unsigned long freed = 0;

	if (sc->gfp_mask & __GFP_IO)
		mutex_lock(&c->lock);
	else if (!mutex_trylock(&c->lock))
		return SHRINK_STOP;

	if (__cleanup_old_buffer(b, sc->gfp_mask))
		freed++;

	mutex_unlock(&c->lock);
	return freed;
}

static unsigned long dm_bufio_shrink_count(struct shrinker *shrink, struct shrink_control *sc)
{
	struct dm_bufio_client *c = container_of(shrink, struct dm_bufio_client, shrinker);

	return READ_ONCE(c->n_buffers);
}

SHRINKER(dm_bufio_shrink_count, dm_bufio_shrink_scan);

/* --- the filesystem ------------------------------------------------------------------------- */

/* ext4_map_blocks()-like: allocates GFP_NOFS with the inode's i_data_sem held */
static int ext4_map_blocks(struct ext4_inode_info *ei)
{
	struct ext4_extent *path;

	down_write(&ei->i_data_sem);
	path = kmalloc(sizeof(*path), GFP_NOFS);
	up_write(&ei->i_data_sem);
	return path ? 0 : -ENOMEM;
}

/* --- the loop thread (2014: one kthread per device) ---------------------------------------- */

/* __do_lo_send_write(): the backing file's ->write takes the same i_data_sem */
static int do_bio_filebacked(struct loop_device *lo, struct bio *bio)
{
	struct ext4_inode_info *ei = backing_inode(lo);

	down_write(&ei->i_data_sem);
	backing_file_write(lo, bio);
	up_write(&ei->i_data_sem);

	/* bio_endio(): the dm-bufio buffer's write is complete */
	write_endio(bio);
	return 0;
}

static int loop_thread(void *data)
{
	struct loop_device *lo = data;

	for ( ; ; )
		do_bio_filebacked(lo, loop_get_bio(lo));
	return 0;
}

TASK(ext4_map_blocks);
TASK_NAMED(loop_thread, "loop0");

// expect: circular-dependency &ei->i_data_sem reclaim(GFP_NOFS) &c->lock (bit)&b->state
