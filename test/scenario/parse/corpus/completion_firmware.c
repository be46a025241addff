// SPDX-License-Identifier: GPL-2.0
/*
 * Waiting for firmware load completion while holding the device lock; the loader work
 * takes the same lock before it signals.
 */
#include <linux/completion.h>
#include <linux/firmware.h>

struct fw_dev {
	struct mutex		lock;
	struct completion	fw_done;
	struct work_struct	load_work;
	const struct firmware	*fw;
};

static struct fw_dev fwd;
static DECLARE_COMPLETION(probe_done);

static void fw_load_work(struct work_struct *work)
{
	struct fw_dev *d = container_of(work, struct fw_dev, load_work);

	mutex_lock(&d->lock);
	d->fw = NULL;
	mutex_unlock(&d->lock);
	complete(&d->fw_done);
	complete_all(&probe_done);
}

static int fw_dev_start(void)
{
	init_completion(&fwd.fw_done);
	mutex_init(&fwd.lock);
	INIT_WORK(&fwd.load_work, fw_load_work);

	mutex_lock(&fwd.lock);
	schedule_work(&fwd.load_work);
	wait_for_completion(&fwd.fw_done);
	mutex_unlock(&fwd.lock);
	return 0;
}

static int fw_wait_probe(void)
{
	if (!wait_for_completion_timeout(&probe_done, msecs_to_jiffies(5000)))
		return -ETIMEDOUT;
	return 0;
}

TASK(fw_dev_start);
TASK(fw_wait_probe);
// expect: circular-dependency
