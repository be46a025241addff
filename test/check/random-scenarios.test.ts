/**
 * Random kernel-style scenarios (fast-check), checked with the bundled model: whatever the mix of locks, branches, loops, gotos,
 * allocations, waits and interrupt toggles, checking never throws and the interpreter never
 * emits an event stream the engine rejects (an engine error here means a path's task went out of
 * step with the path, as two paths sharing one task once did).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { INTERNAL_FILE, runProgram } from "../../src/check/check-scenarios.js";
import { loadModel } from "../../src/check/model.js";
import { Program } from "../../src/scenario/interpret/program.js";
import { parseScenarioSource } from "../../src/scenario/parse/index.js";

const LOCKS = [
  ["mutex_lock", "mutex_unlock", "&d->m"],
  ["spin_lock_irqsave", "spin_unlock_irqrestore", "&d->s"],
  ["spin_lock", "spin_unlock", "&d->t"],
  ["down_read", "up_read", "&d->r"],
  ["down_write", "up_write", "&d->r"],
  ["raw_spin_lock", "raw_spin_unlock", "&d->raw"],
] as const;

const leaf = fc.oneof(
  fc.constantFrom(0, 1, 2, 3, 4, 5).map((i) => {
    const [l, u, a] = LOCKS[i]!;
    const extra = l.endsWith("irqsave") ? ", flags" : "";
    return `${l}(${a}${extra});\n${u}(${a}${extra});`;
  }),
  fc.constantFrom(0, 1, 2, 3, 4, 5).map((i) => `${LOCKS[i]![0]}(${LOCKS[i]![2]}${LOCKS[i]![0].endsWith("irqsave") ? ", flags" : ""});`),
  fc.constantFrom(0, 1, 2, 3, 4, 5).map((i) => `${LOCKS[i]![1]}(${LOCKS[i]![2]}${LOCKS[i]![1].endsWith("irqrestore") ? ", flags" : ""});`),
  fc.constantFrom("p = kmalloc(8, GFP_KERNEL);", "p = kmalloc(8, GFP_NOFS);", "p = kzalloc(8, GFP_ATOMIC);", "might_sleep();", "msleep(1);"),
  fc.constantFrom("wait_for_completion(&d->done);", "complete(&d->done);", "flush_work(&d->work);", "local_irq_disable();", "local_irq_enable();", "rcu_read_lock();", "rcu_read_unlock();"),
  fc.constantFrom("flags = memalloc_nofs_save();", "memalloc_nofs_restore(flags);", "if (!mutex_trylock(&d->m))\n\treturn -EBUSY;", "helper(d);", "goto out;"),
);

const block: fc.Arbitrary<string> = fc.letrec((tie) => ({
  stmt: fc.oneof(
    { maxDepth: 3, depthIdentifier: "stmt" },
    { weight: 4, arbitrary: leaf },
    { weight: 1, arbitrary: fc.tuple(tie("body"), tie("body")).map(([a, b]) => `if (d->state) {\n${a}\n} else {\n${b}\n}`) },
    { weight: 1, arbitrary: tie("body").map((a) => `for (i = 0; i < d->n; i++) {\n${a}\n}`) },
    { weight: 1, arbitrary: tie("body").map((a) => `switch (d->mode) {\ncase 0:\n${a}\nbreak;\ndefault:\nbreak;\n}`) },
  ),
  body: fc.array(tie("stmt"), { minLength: 0, maxLength: 3 }).map((xs) => (xs as string[]).join("\n")),
})).body as fc.Arbitrary<string>;

function scenario(a: string, b: string, helper: string): string {
  return `
struct dev { struct mutex m; spinlock_t s, t; raw_spinlock_t raw; struct rw_semaphore r; struct completion done; struct work_struct work; int state, n, mode; };
static struct dev *d;
static void helper(struct dev *d)
{
	void *p;
	unsigned long flags;
${helper}
}
static void work_fn(struct work_struct *w)
{
	helper(d);
}
static int one(void)
{
	void *p;
	unsigned long flags;
	int i;
${a}
out:
	return 0;
}
static irqreturn_t two(int irq, void *id)
{
	void *p;
	unsigned long flags;
	int i;
${b}
out:
	return IRQ_HANDLED;
}
TASK(one);
IRQ_HANDLER(two);
WORK(work_fn);
`;
}

describe("random scenarios", () => {
  it("never throw and never produce events the engine rejects", async () => {
    const model = await loadModel(new Set());
    await fc.assert(
      fc.asyncProperty(block, block, block, async (a, b, h) => {
        const text = scenario(a, b, h);
        const parsed = await parseScenarioSource(text, "random.c");
        if (!parsed.ok) return;
        expect(parsed.diagnostics.map((x) => x.message)).toEqual([]);
        // runProgram files each event the engine refuses as a problem at INTERNAL_FILE.
        const run = runProgram(new Program([parsed.unit], model.units), new Set());
        expect(run.problems.filter((p) => p.loc.file === INTERNAL_FILE).map((p) => p.message)).toEqual([]);
      }),
      { numRuns: 50, seed: 20261122 },
    );
  }, 120_000);
});
