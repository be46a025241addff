// SPDX-License-Identifier: GPL-2.0
/*
 * Statistics published through a seqcount: the writer updates under a spinlock, readers
 * retry until they see a stable snapshot.
 */
#include <linux/seqlock.h>

struct stats {
	u64	packets;
	u64	bytes;
};

static struct stats cur_stats;
static seqcount_t stats_seq;
static DEFINE_SPINLOCK(stats_lock);
static DEFINE_SEQLOCK(cfg_seqlock);

static void stats_add(u64 len)
{
	spin_lock_bh(&stats_lock);
	write_seqcount_begin(&stats_seq);
	cur_stats.packets++;
	cur_stats.bytes += len;
	write_seqcount_end(&stats_seq);
	spin_unlock_bh(&stats_lock);
}

static void stats_read(struct stats *out)
{
	unsigned int seq;

	do {
		seq = read_seqcount_begin(&stats_seq);
		*out = cur_stats;
	} while (read_seqcount_retry(&stats_seq, seq));
}

static int cfg_value;

static int cfg_get(void)
{
	unsigned int seq;
	int v;

	do {
		seq = read_seqbegin(&cfg_seqlock);
		v = cfg_value;
	} while (read_seqretry(&cfg_seqlock, seq));
	return v;
}

static void cfg_set(int v)
{
	write_seqlock(&cfg_seqlock);
	cfg_value = v;
	write_sequnlock(&cfg_seqlock);
}

SOFTIRQ_HANDLER(stats_add);
TASK(stats_read);
TASK(cfg_get);
TASK(cfg_set);
