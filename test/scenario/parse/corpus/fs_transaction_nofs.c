// SPDX-License-Identifier: GPL-2.0
/*
 * A journalling filesystem's transaction start: allocations inside a running transaction
 * must not recurse into the filesystem, so the whole transaction runs in a NOFS scope.
 */
#include <linux/sched/mm.h>
#include <linux/slab.h>

struct journal {
	struct mutex		j_barrier;
	spinlock_t		j_state_lock;
	struct rw_semaphore	j_trans_barrier;
	unsigned int		j_running;
};

struct handle {
	struct journal		*h_journal;
	unsigned int		h_nofs_flags;
	int			h_credits;
};

static struct handle *journal_start(struct journal *j, int credits)
{
	struct handle *h;

	h = kmalloc(sizeof(*h), GFP_NOFS);
	if (!h)
		return ERR_PTR(-ENOMEM);

	down_read(&j->j_trans_barrier);
	h->h_journal = j;
	h->h_credits = credits;
	h->h_nofs_flags = memalloc_nofs_save();

	spin_lock(&j->j_state_lock);
	j->j_running++;
	spin_unlock(&j->j_state_lock);
	return h;
}

static void journal_stop(struct handle *h)
{
	struct journal *j = h->h_journal;

	spin_lock(&j->j_state_lock);
	j->j_running--;
	spin_unlock(&j->j_state_lock);
	memalloc_nofs_restore(h->h_nofs_flags);
	up_read(&j->j_trans_barrier);
	kfree(h);
}

static int fs_write_inode(struct journal *j)
{
	struct handle *h;
	void *buf;
	int err = 0;

	h = journal_start(j, 8);
	if (IS_ERR(h))
		return PTR_ERR(h);

	/* GFP_KERNEL is fine here: the NOFS scope strips __GFP_FS. */
	buf = kmalloc(PAGE_SIZE, GFP_KERNEL);
	if (!buf) {
		err = -ENOMEM;
		goto out_stop;
	}
	kfree(buf);
out_stop:
	journal_stop(h);
	return err;
}

TASK(fs_write_inode);
// expect: none
