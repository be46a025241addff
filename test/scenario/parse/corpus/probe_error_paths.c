// SPDX-License-Identifier: GPL-2.0
/*
 * A platform driver probe with the usual ladder of error labels, each undoing one step.
 */
#include <linux/platform_device.h>
#include <linux/dma-mapping.h>

#define RING_SIZE	4096
#define RING_ENTRIES	(RING_SIZE / sizeof(u64))

struct ring_dev {
	struct device		*dev;
	struct mutex		ring_lock;
	void			*ring;
	dma_addr_t		ring_dma;
	int			irq;
	const char		*name;
};

static int ring_hw_init(struct ring_dev *rd)
{
	return rd->irq < 0 ? -ENODEV : 0;
}

static int ring_probe(struct platform_device *pdev)
{
	struct ring_dev *rd;
	int ret;

	rd = devm_kzalloc(&pdev->dev, sizeof(*rd), GFP_KERNEL);
	if (!rd)
		return -ENOMEM;

	rd->dev = &pdev->dev;
	rd->name = dev_name(&pdev->dev);
	mutex_init(&rd->ring_lock);

	mutex_lock(&rd->ring_lock);
	rd->ring = dma_alloc_coherent(rd->dev, RING_SIZE, &rd->ring_dma, GFP_KERNEL);
	if (!rd->ring) {
		ret = -ENOMEM;
		goto err_unlock;
	}

	rd->irq = platform_get_irq(pdev, 0);
	if (rd->irq < 0) {
		ret = rd->irq;
		goto err_free_ring;
	}

	ret = ring_hw_init(rd);
	if (ret) {
		dev_err(rd->dev, "hw init failed: %d\n", ret);
		goto err_free_ring;
	}
	mutex_unlock(&rd->ring_lock);
	platform_set_drvdata(pdev, rd);
	dev_info(&pdev->dev, "%s: %zu ring entries\n", rd->name, RING_ENTRIES);
	return 0;

err_free_ring:
	dma_free_coherent(rd->dev, RING_SIZE, rd->ring, rd->ring_dma);
err_unlock:
	mutex_unlock(&rd->ring_lock);
	return ret;
}

static int ring_remove(struct platform_device *pdev)
{
	struct ring_dev *rd = platform_get_drvdata(pdev);

	mutex_lock(&rd->ring_lock);
	dma_free_coherent(rd->dev, RING_SIZE, rd->ring, rd->ring_dma);
	mutex_unlock(&rd->ring_lock);
	return 0;
}

static struct platform_driver ring_driver = {
	.probe	= ring_probe,
	.remove	= ring_remove,
	.driver	= {
		.name	= "ring",
	},
};

module_platform_driver(ring_driver);
TASK(ring_probe);
TASK(ring_remove);
