// SPDX-License-Identifier: GPL-2.0
/*
 * A notifier chain protected by SRCU: callbacks may sleep, unregistration waits for
 * readers with synchronize_srcu().
 */
#include <linux/srcu.h>

DEFINE_STATIC_SRCU(chain_srcu);
static DEFINE_MUTEX(chain_mutex);

struct notifier {
	int		(*call)(struct notifier *nb, unsigned long action);
	struct notifier	*next;
	int		priority;
};

static struct notifier *chain_head;

static int chain_call(unsigned long action)
{
	struct notifier *nb;
	int idx, ret = 0;

	idx = srcu_read_lock(&chain_srcu);
	for (nb = chain_head; nb; nb = nb->next) {
		ret = nb->call(nb, action);
		if (ret < 0)
			break;
		msleep(1);
	}
	srcu_read_unlock(&chain_srcu, idx);
	return ret;
}

static void chain_unregister(struct notifier *victim)
{
	struct notifier **p;

	mutex_lock(&chain_mutex);
	for (p = &chain_head; *p; p = &(*p)->next) {
		if (*p == victim) {
			*p = victim->next;
			break;
		}
	}
	mutex_unlock(&chain_mutex);
	synchronize_srcu(&chain_srcu);
}

TASK(chain_call);
TASK(chain_unregister);
// expect: none
