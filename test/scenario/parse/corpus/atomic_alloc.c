// SPDX-License-Identifier: GPL-2.0
/*
 * Allocations in atomic sections: a GFP_KERNEL allocation under a spinlock, and the
 * correct GFP_ATOMIC version beside it.
 */
#include <linux/slab.h>
#include "common.h"

static DEFINE_SPINLOCK(list_lock);
static LIST_HEAD(obj_list);

static int add_obj_broken(unsigned long key)
{
	struct obj *o;

	spin_lock(&list_lock);
	o = kmalloc(sizeof(*o), OBJ_GFP);	/* may sleep in an atomic section */
	if (!o) {
		spin_unlock(&list_lock);
		return -ENOMEM;
	}
	o->flags = key;
	list_add(&o->node, &obj_list);
	spin_unlock(&list_lock);
	return 0;
}

static int add_obj_atomic(unsigned long key)
{
	struct obj *o;
	unsigned long flags;

	local_irq_save(flags);
	o = kmalloc(sizeof(*o), GFP_ATOMIC);
	local_irq_restore(flags);
	if (!o)
		return -ENOMEM;

	spin_lock(&list_lock);
	o->flags = key;
	list_add(&o->node, &obj_list);
	spin_unlock(&list_lock);
	might_sleep();
	return 0;
}

TASK(add_obj_broken);
TASK(add_obj_atomic);
// expect: sleep-in-atomic
