/**
 * Waits on events as dependencies (issue 5): each event kind closes a cycle through the lock the
 * waiter holds and the signaller needs; the ordinary patterns stay silent.
 */
import { describe, expect, it } from "vitest";
import { renderJson } from "../../src/report/index.js";
import { check } from "./scenario-helper.js";

const cycle = (waiter: string, signaller: string, entries = "TASK(waiter);\nTASK(signaller);") => `
struct dev { struct mutex lock; struct completion done; wait_queue_head_t wq; unsigned long flags; struct work_struct work; };
static struct dev *d;
${signaller}
static void waiter(void)
{
	mutex_lock(&d->lock);
${waiter}
	mutex_unlock(&d->lock);
}
${entries}
`;

/**
 * The scenario's one finding is a circular dependency through exactly `locks`, and its chain
 * shows an acquisition in each of `functions` (the waiter's and the signaller's sides).
 */
async function expectOneCycle(src: string, locks: readonly string[], functions: readonly string[] = []): Promise<void> {
  const [f, ...rest] = await check(src);
  expect(rest).toEqual([]);
  expect(f!.kind).toBe("circular-dependency");
  expect([...f!.locks].sort()).toEqual([...locks].sort());
  const stacks = f!.chain.map((dep) => dep.stack[0]?.function);
  for (const fn of functions) expect(stacks).toContain(fn);
}

describe("each event kind closes a cycle with the lock the signaller needs", () => {
  const signalAfterLock = (signal: string) => `static void signaller(void)\n{\n\tmutex_lock(&d->lock);\n\tmutex_unlock(&d->lock);\n\t${signal};\n}`;

  it.each([
    ["completion", "\twait_for_completion(&d->done);", "complete(&d->done)", "(completion)&d->done"],
    ["wait queue", "\twait_event(d->wq, d->flags);", "wake_up(&d->wq)", "(wq)&d->wq"],
    ["bit", "\twait_on_bit(&d->flags, 0, TASK_UNINTERRUPTIBLE);", "wake_up_bit(&d->flags, 0)", "(bit)&d->flags"],
  ])("%s", async (_kind, wait, signal, event) => {
    // Both stacks: the wait's (the waiter holding the lock) and the signaller's acquisition.
    await expectOneCycle(cycle(wait, signalAfterLock(signal)), [event, "&d->lock"], ["waiter", "signaller"]);
  });

  it("work item: flush_work under a lock the work function takes", async () => {
    const src = `
DEFINE_MUTEX(big_lock);
static void reset_fn(struct work_struct *w)
{
	mutex_lock(&big_lock);
	mutex_unlock(&big_lock);
}
static DECLARE_WORK(reset_work, reset_fn);
static void remove(void)
{
	mutex_lock(&big_lock);
	flush_work(&reset_work);
	mutex_unlock(&big_lock);
}
TASK(remove);
`;
    await expectOneCycle(src, ["(work)reset_fn", "big_lock"]);
  });

  it.each([
    ["cancel_work_sync", "cancel_work_sync(&reset_work)"],
    ["flush_workqueue", "flush_workqueue(dev_wq)"],
  ])("work item: %s under a lock the work function takes", async (_name, wait) => {
    const src = `
DEFINE_MUTEX(big_lock);
static struct workqueue_struct *dev_wq;
static void reset_fn(struct work_struct *w)
{
	mutex_lock(&big_lock);
	mutex_unlock(&big_lock);
}
static DECLARE_WORK(reset_work, reset_fn);
static void kick(void)
{
	queue_work(dev_wq, &reset_work);
}
static void remove(void)
{
	mutex_lock(&big_lock);
	${wait};
	mutex_unlock(&big_lock);
}
TASK(kick);
TASK(remove);
`;
    const [f, ...rest] = await check(src);
    expect(rest).toEqual([]);
    expect(f!.kind).toBe("circular-dependency");
    expect(f!.locks).toContain("big_lock");
    expect(f!.locks.some((l) => l.startsWith("(work)reset_fn") || l.startsWith("(wq_completion)"))).toBe(true);
    const stacks = f!.chain.map((dep) => dep.stack[0]?.function);
    expect(stacks).toContain("remove");
    expect(stacks).toContain("reset_fn");
  });

  it("seqcount: a reader spinning under a lock the writer takes inside its write section", async () => {
    const src = `
seqcount_t seq;
DEFINE_SPINLOCK(list_lock);
static void writer(void)
{
	preempt_disable();
	write_seqcount_begin(&seq);
	spin_lock(&list_lock);
	spin_unlock(&list_lock);
	write_seqcount_end(&seq);
	preempt_enable();
}
static void reader(void)
{
	unsigned int s;
	spin_lock(&list_lock);
	do {
		s = read_seqcount_begin(&seq);
	} while (read_seqcount_retry(&seq, s));
	spin_unlock(&list_lock);
}
TASK(writer);
TASK(reader);
`;
    await expectOneCycle(src, ["list_lock", "seq"], ["writer", "reader"]);
  });

  it("SRCU: synchronize_srcu under a lock a reader takes inside its read section", async () => {
    const src = `
DEFINE_STATIC_SRCU(dev_srcu);
DEFINE_MUTEX(cfg_mutex);
static void reader(void)
{
	int idx = srcu_read_lock(&dev_srcu);
	mutex_lock(&cfg_mutex);
	mutex_unlock(&cfg_mutex);
	srcu_read_unlock(&dev_srcu, idx);
}
static void updater(void)
{
	mutex_lock(&cfg_mutex);
	synchronize_srcu(&dev_srcu);
	mutex_unlock(&cfg_mutex);
}
TASK(reader);
TASK(updater);
`;
    await expectOneCycle(src, ["cfg_mutex", "dev_srcu"], ["reader", "updater"]);
  });

  it("seqcount: a writer preempted by a reader that spins on it in an interrupt", async () => {
    const src = `
seqcount_t seq;
static void writer(void)
{
	write_seqcount_begin(&seq);
	write_seqcount_end(&seq);
}
static void reader(void)
{
	unsigned int s;
	do {
		s = read_seqcount_begin(&seq);
	} while (read_seqcount_retry(&seq, s));
}
TASK(writer);
IRQ_HANDLER(reader);
`;
    const kinds = (await check(src)).map((f) => f.kind);
    expect(kinds).toEqual(["inconsistent-lock-state"]);
  });
});

// A call's summary once came from its entry point's history, which keeps each class only the
// first time: helper() first ran in first() after first() had taken d->lock, so its summary
// left d->lock out and signaller, replaying it, signalled without depending on d->lock.
it("a memoized call that takes a lock its first caller already held still gives that lock to the signal", async () => {
  const src = cycle(
    "\twait_for_completion(&d->done);",
    `static void helper(void)
{
	mutex_lock(&d->lock);
	mutex_unlock(&d->lock);
}
static void first(void)
{
	mutex_lock(&d->lock);
	mutex_unlock(&d->lock);
	helper();
}
static void signaller(void)
{
	helper();
	complete(&d->done);
}`,
    "TASK(first);\nTASK(signaller);\nTASK(waiter);",
  );
  await expectOneCycle(src, ["&d->lock", "(completion)&d->done"]);
  // The signal's dependency shows where the signaller took the lock, not where first did.
  const [f] = await check(src);
  const signalled = f!.chain.find((d) => d.from.name === "(completion)&d->done");
  expect([signalled?.stack.map((fr) => fr.function), signalled?.via?.map((fr) => fr.function)]).toEqual([["helper", "signaller"], ["signaller"]]);
});

describe("reports of cycles through events", () => {
  it("JSON carries the signal's stack as via on the event's dependency only", async () => {
    const src = cycle("\twait_for_completion(&d->done);", "static void signaller(void)\n{\n\tmutex_lock(&d->lock);\n\tmutex_unlock(&d->lock);\n\tcomplete(&d->done);\n}");
    const findings = await check(src);
    const json = JSON.parse(renderJson(findings, { events: 0, classes: 0, dependencies: 0, elapsedMs: 0 })) as {
      findings: { chain: { from: string; to: string; via?: { function: string }[] }[] }[];
    };
    const chain = json.findings[0]!.chain;
    const withVia = chain.filter((d) => d.via !== undefined);
    expect(withVia.map((d) => [d.from, d.to])).toEqual([["(completion)&d->done", "&d->lock"]]);
    expect(withVia[0]!.via![0]!.function).toBe("signaller");
  });
});

describe("no false alarms on ordinary patterns", () => {
  it("wait then signal in one context, no lock in common with anyone", async () => {
    const src = `
struct dev { struct completion a, b; };
static struct dev *d;
static void one(void)
{
	wait_for_completion(&d->a);
	complete(&d->b);
}
static void two(void)
{
	complete(&d->a);
	wait_for_completion(&d->b);
}
TASK(one);
TASK(two);
`;
    expect(await check(src)).toEqual([]);
  });

  it("a completion signalled from an irq handler that takes no lock the waiter holds", async () => {
    const src = `
struct dev { struct mutex lock; spinlock_t irq_lock; struct completion done; };
static struct dev *d;
static irqreturn_t dev_irq(int irq, void *id)
{
	spin_lock(&d->irq_lock);
	spin_unlock(&d->irq_lock);
	complete(&d->done);
	return IRQ_HANDLED;
}
static void dev_wait(void)
{
	mutex_lock(&d->lock);
	wait_for_completion(&d->done);
	mutex_unlock(&d->lock);
}
IRQ_HANDLER(dev_irq);
TASK(dev_wait);
`;
    expect(await check(src)).toEqual([]);
  });

  it("complete before wait in one task", async () => {
    const src = `
DEFINE_MUTEX(m);
static DECLARE_COMPLETION(setup_done);
static void setup(void)
{
	mutex_lock(&m);
	complete(&setup_done);
	wait_for_completion(&setup_done);
	mutex_unlock(&m);
}
TASK(setup);
`;
    expect(await check(src)).toEqual([]);
  });

  it("a work item that does not take the flusher's locks", async () => {
    const src = `
DEFINE_MUTEX(big_lock);
DEFINE_SPINLOCK(stats_lock);
static void stats_fn(struct work_struct *w)
{
	spin_lock(&stats_lock);
	spin_unlock(&stats_lock);
}
static DECLARE_WORK(stats_work, stats_fn);
static void remove(void)
{
	mutex_lock(&big_lock);
	flush_work(&stats_work);
	mutex_unlock(&big_lock);
}
TASK(remove);
`;
    expect(await check(src)).toEqual([]);
  });
});
