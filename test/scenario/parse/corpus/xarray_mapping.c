// SPDX-License-Identifier: GPL-2.0
/*
 * Walking a mapping's pages under i_mmap_rwsem and allocating a tracking record for each:
 * the GFP_KERNEL allocation can enter reclaim, which takes i_mmap_rwsem to unmap pages.
 */
#include <linux/pagemap.h>
#include <linux/xarray.h>

struct track {
	struct list_head	list;
	unsigned long		index;
};

static LIST_HEAD(tracked);

static int track_mapping(struct address_space *mapping)
{
	struct folio *folio;
	struct track *t;
	unsigned long index;
	int ret = 0;

	i_mmap_lock_write(mapping);
	xa_for_each(&mapping->i_pages, index, folio) {
		t = kmalloc(sizeof(*t), GFP_KERNEL);
		if (!t) {
			ret = -ENOMEM;
			break;
		}
		t->index = index;
		list_add_tail(&t->list, &tracked);
	}
	i_mmap_unlock_write(mapping);
	return ret;
}

TASK(track_mapping);
// expect: circular-dependency
