// SPDX-License-Identifier: GPL-2.0
/*
 * A transaction "lock" annotated for lockdep with a bare lockdep_map, the way filesystems
 * annotate freeze protection and journal handles.
 */
#include <linux/lockdep.h>

static struct lock_class_key txn_key;
static struct lockdep_map txn_map = STATIC_LOCKDEP_MAP_INIT("txn_handle", &txn_key);
static DEFINE_MUTEX(commit_mutex);

static void txn_begin(void)
{
	lock_map_acquire_read(&txn_map);
}

static void txn_end(void)
{
	lock_map_release(&txn_map);
}

static void txn_commit(void)
{
	mutex_lock(&commit_mutex);
	lock_map_acquire(&txn_map);
	lock_map_release(&txn_map);
	mutex_unlock(&commit_mutex);
}

static void txn_update(void)
{
	txn_begin();
	mutex_lock(&commit_mutex);
	lockdep_assert_held(&commit_mutex);
	mutex_unlock(&commit_mutex);
	txn_end();
}

TASK(txn_commit);
TASK(txn_update);
// expect: circular-dependency
