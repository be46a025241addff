// SPDX-License-Identifier: GPL-2.0
/*
 * A work item that takes the device mutex, flushed by a path that already holds it:
 * the flush waits for a function that waits for us.
 */
#include <linux/workqueue.h>

struct netdev_priv {
	struct mutex		cfg_lock;
	struct work_struct	reset_work;
	bool			resetting;
};

static struct netdev_priv priv;

static void reset_work_fn(struct work_struct *work)
{
	struct netdev_priv *p = container_of(work, struct netdev_priv, reset_work);

	mutex_lock(&p->cfg_lock);
	p->resetting = false;
	mutex_unlock(&p->cfg_lock);
}

static int priv_stop(void)
{
	mutex_lock(&priv.cfg_lock);
	priv.resetting = true;
	flush_work(&priv.reset_work);
	mutex_unlock(&priv.cfg_lock);
	return 0;
}

static int priv_open(void)
{
	mutex_init(&priv.cfg_lock);
	INIT_WORK(&priv.reset_work, reset_work_fn);
	schedule_work(&priv.reset_work);
	return 0;
}

TASK(priv_open);
TASK(priv_stop);
// expect: circular-dependency
