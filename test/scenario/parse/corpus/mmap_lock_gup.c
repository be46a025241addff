// SPDX-License-Identifier: GPL-2.0
/*
 * Pinning user pages under mmap_lock, then taking a driver rwsem in nested order.
 */
#include <linux/mm.h>
#include <linux/rwsem.h>

static DECLARE_RWSEM(table_rwsem);

struct pin_req {
	struct mm_struct	*mm;
	unsigned long		start;
	int			nr_pages;
	struct page		**pages;
};

static long pin_user_range(struct pin_req *req)
{
	long pinned;

	req->pages = kvmalloc_array(req->nr_pages, sizeof(struct page *), GFP_KERNEL);
	if (!req->pages)
		return -ENOMEM;

	mmap_read_lock(req->mm);
	down_write(&table_rwsem);
	pinned = pin_user_pages(req->start, req->nr_pages, FOLL_WRITE, req->pages);
	up_write(&table_rwsem);
	mmap_read_unlock(req->mm);
	return pinned;
}

static int table_resize(struct mm_struct *mm)
{
	might_lock_read(&mm->mmap_lock);
	down_read(&table_rwsem);
	if (!mmap_read_trylock(mm)) {
		up_read(&table_rwsem);
		return -EAGAIN;
	}
	mmap_read_unlock(mm);
	up_read(&table_rwsem);
	return 0;
}

TASK(pin_user_range);
TASK(table_resize);
