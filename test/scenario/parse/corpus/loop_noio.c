// SPDX-License-Identifier: GPL-2.0
/*
 * A loop-device style worker: it services I/O for the block layer, so everything it
 * allocates must avoid starting new I/O. The worker marks itself PF_MEMALLOC_NOIO.
 */
#include <linux/blkdev.h>
#include <linux/sched/mm.h>

struct loop_dev {
	struct mutex		lo_mutex;
	spinlock_t		lo_work_lock;
	struct list_head	idle_workers;
	struct workqueue_struct	*workqueue;
	int			lo_state;
};

struct loop_cmd {
	struct list_head	list_entry;
	struct loop_dev		*lo;
	size_t			len;
};

static struct loop_dev lo;

static void loop_handle_cmd(struct loop_cmd *cmd)
{
	void *bounce;

	bounce = kmalloc(cmd->len, GFP_KERNEL);
	if (!bounce)
		return;
	kfree(bounce);
}

static void loop_process_work(struct loop_dev *l, struct list_head *cmd_list)
{
	int orig_flags = current->flags;
	struct loop_cmd *cmd, *tmp;

	current->flags |= PF_LOCAL_THROTTLE | PF_MEMALLOC_NOIO;
	spin_lock_irq(&l->lo_work_lock);
	while (!list_empty(cmd_list)) {
		cmd = list_first_entry(cmd_list, struct loop_cmd, list_entry);
		list_del(cmd_list->next);
		spin_unlock_irq(&l->lo_work_lock);

		loop_handle_cmd(cmd);
		cond_resched();

		spin_lock_irq(&l->lo_work_lock);
	}
	spin_unlock_irq(&l->lo_work_lock);
	current->flags = orig_flags;
}

static void loop_workfn(struct work_struct *work)
{
	LIST_HEAD(cmds);

	loop_process_work(&lo, &cmds);
}

static DECLARE_WORK(loop_work, loop_workfn);

static int loop_configure(int state)
{
	mutex_lock(&lo.lo_mutex);
	switch (state) {
	case 0:
		lo.lo_state = 1;
		break;
	case 1:
	case 2 ... 4:
		queue_work(lo.workqueue, &loop_work);
		fallthrough;
	default:
		lo.lo_state = state;
	}
	mutex_unlock(&lo.lo_mutex);
	return 0;
}

TASK(loop_configure);
