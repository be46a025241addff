// SPDX-License-Identifier: GPL-2.0
/*
 * A connection table hashed by key, updated from softirq (packet receive) and from
 * process context under spin_lock_bh.
 */
#include <linux/hashtable.h>
#include "common.h"

#define CONN_HASH_BITS	8

static DEFINE_HASHTABLE(conn_table, CONN_HASH_BITS);
static DEFINE_SPINLOCK(conn_lock);

static struct obj *conn_find(unsigned long key)
{
	struct obj *o;

	hash_for_each_possible(conn_table, o, hnode, key) {
		if (o->flags == key)
			return o;
	}
	return NULL;
}

static void conn_rx(unsigned long key)
{
	struct obj *o;

	spin_lock(&conn_lock);
	o = conn_find(key);
	if (o)
		refcount_inc(&o->ref);
	spin_unlock(&conn_lock);
}

static int conn_add(unsigned long key)
{
	struct obj *o = kmalloc(sizeof(*o), GFP_KERNEL);

	if (!o)
		return -ENOMEM;
	o->flags = key;
	refcount_set(&o->ref, 1);
	spin_lock_bh(&conn_lock);
	hash_add(conn_table, &o->hnode, key);
	spin_unlock_bh(&conn_lock);
	return 0;
}

static void conn_flush(void)
{
	struct obj *o;
	struct hlist_node *tmp;
	int bkt;

	spin_lock_bh(&conn_lock);
	hash_for_each_safe(conn_table, bkt, tmp, o, hnode) {
		hash_del(&o->hnode);
		kfree(o);
	}
	spin_unlock_bh(&conn_lock);
}

SOFTIRQ_HANDLER(conn_rx);
TASK(conn_add);
TASK(conn_flush);
// expect: none
