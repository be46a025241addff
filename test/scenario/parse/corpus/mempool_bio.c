// SPDX-License-Identifier: GPL-2.0
/*
 * A block driver allocating request contexts from a mempool with GFP_NOIO in the I/O
 * submission path, so reclaim can never wait on the I/O being submitted.
 */
#include <linux/mempool.h>
#include <linux/bio.h>

#define MIN_IOS		64

struct req_ctx {
	struct bio	*bio;
	sector_t	sector;
	unsigned int	len;
};

static mempool_t *ctx_pool;
static struct kmem_cache *ctx_cache;
static DEFINE_SPINLOCK(queue_lock);
static LIST_HEAD(pending);

static void submit_one(struct bio *bio)
{
	struct req_ctx *ctx;
	unsigned long flags;

	ctx = mempool_alloc(ctx_pool, GFP_NOIO);
	ctx->bio = bio;
	ctx->sector = bio->bi_iter.bi_sector;
	ctx->len = bio->bi_iter.bi_size >> 9;

	spin_lock_irqsave(&queue_lock, flags);
	list_add_tail((struct list_head *)ctx, &pending);
	spin_unlock_irqrestore(&queue_lock, flags);
}

static int pool_init(void)
{
	ctx_cache = kmem_cache_create("req_ctx", sizeof(struct req_ctx), 0, SLAB_HWCACHE_ALIGN, NULL);
	if (!ctx_cache)
		return -ENOMEM;
	ctx_pool = mempool_create_slab_pool(MIN_IOS, ctx_cache);
	if (!ctx_pool) {
		kmem_cache_destroy(ctx_cache);
		return -ENOMEM;
	}
	return 0;
}

TASK(pool_init);
TASK(submit_one);
// expect: none
