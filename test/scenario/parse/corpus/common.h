/* Shared declarations for the corpus scenarios, included with #include "common.h". */
#ifndef CORPUS_COMMON_H
#define CORPUS_COMMON_H

#define OBJ_CACHE_MAX		128
#define OBJ_GFP			(GFP_KERNEL | __GFP_NOWARN)
#define obj_lock(o)		mutex_lock(&(o)->lock)

struct obj {
	struct mutex		lock;
	spinlock_t		stat_lock;
	struct list_head	node;
	struct hlist_node	hnode;
	unsigned long		flags;
	refcount_t		ref;
	void			(*release)(struct obj *o);
};

struct obj_cache {
	struct mutex		lock;
	struct list_head	objs;
	unsigned long		nr_objs;
	struct shrinker		*shrinker;
};

#endif /* CORPUS_COMMON_H */
