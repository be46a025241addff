// SPDX-License-Identifier: GPL-2.0
/*
 * A lookup table read under RCU and updated under a spinlock. Readers never sleep:
 * an allocation inside the read-side section uses GFP_ATOMIC.
 */
#include <linux/rculist.h>
#include "common.h"

static LIST_HEAD(table);
static DEFINE_SPINLOCK(table_lock);

static struct obj *table_lookup(unsigned long key)
{
	struct obj *o, *found = NULL;

	rcu_read_lock();
	list_for_each_entry_rcu(o, &table, node) {
		if (o->flags == key) {
			found = kmemdup(o, sizeof(*o), GFP_ATOMIC);
			break;
		}
	}
	rcu_read_unlock();
	return found;
}

static int table_insert(unsigned long key)
{
	struct obj *o = kzalloc(sizeof(*o), GFP_KERNEL);

	if (unlikely(!o))
		return -ENOMEM;
	o->flags = key;
	spin_lock(&table_lock);
	list_add_rcu(&o->node, &table);
	spin_unlock(&table_lock);
	return 0;
}

static void table_remove(struct obj *o)
{
	spin_lock(&table_lock);
	list_del_rcu(&o->node);
	spin_unlock(&table_lock);
	synchronize_rcu();
	kfree(o);
}

TASK(table_lookup);
TASK(table_insert);
// expect: none
