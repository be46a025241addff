// SPDX-License-Identifier: GPL-2.0
/*
 * Objects from common.h: parent and child locks of the same class taken in a fixed order
 * with mutex_lock_nested, and released through a function pointer.
 */
#include "common.h"

static void obj_release(struct obj *o)
{
	kfree(o);
}

static struct obj *obj_alloc(void)
{
	struct obj *o = kzalloc(sizeof(*o), OBJ_GFP);

	if (!o)
		return NULL;
	mutex_init(&o->lock);
	spin_lock_init(&o->stat_lock);
	refcount_set(&o->ref, 1);
	o->release = obj_release;
	return o;
}

static void obj_put(struct obj *o)
{
	if (refcount_dec_and_test(&o->ref))
		o->release(o);
}

static void obj_move(struct obj *parent, struct obj *child)
{
	mutex_lock(&parent->lock);
	mutex_lock_nested(&child->lock, SINGLE_DEPTH_NESTING);
	list_move(&child->node, &parent->node);
	child->flags |= BIT(3);
	mutex_unlock(&child->lock);
	mutex_unlock(&parent->lock);
}

static int obj_tree_demo(void)
{
	struct obj *parent = obj_alloc();
	struct obj *child = obj_alloc();
	int err = -ENOMEM;

	if (!parent || !child)
		goto out;
	obj_move(parent, child);
	err = 0;
out:
	if (child)
		obj_put(child);
	if (parent)
		obj_put(parent);
	return err;
}

TASK(obj_tree_demo);
// expect: none
