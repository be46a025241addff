/**
 * Entry points and hooks (SCENARIO-LANGUAGE.md "Top level"): which functions run, in which
 * context, under which task name, and how hooks are reached from the kernel's paths. Hooks are
 * called by the model; with --no-model the fixtures carry small stand-ins for the model's callers
 * (RECLAIM with shrinkers_call, mmu_notifiers_invalidate_range_start, consoles_write).
 */
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { checkScenarioFiles } from "../../../src/check/check-scenarios.js";
import { compareExpectations } from "../../../src/check/expectations.js";
import { brief, findings, only, summary } from "./helpers.js";

const fixture = (name: string): string => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

async function checkFixture(name: string): Promise<{ findings: string[]; tasks: string[]; mismatches: string[] }> {
  const result = await checkScenarioFiles([fixture(name)], { noModel: true });
  if (!result.ok) throw new Error(result.diagnostics.map((d) => d.message).join("\n"));
  const [file, expectations] = [...result.expectations][0]!;
  return {
    findings: result.findings.map(brief).sort(),
    tasks: result.findings.map((f) => f.task.name).sort(),
    mismatches: compareExpectations(file, expectations, result.findings).map((m) => m.message),
  };
}

describe("entry points", () => {
  it("TASK(fn) runs fn in process context under its own name", async () => {
    const found = await findings(`DEFINE_MUTEX(m);\nstatic void worker(void)\n{\n\tmutex_lock(&m);\n}\nTASK(worker);\n`);
    const exit = only(found, "held-lock-at-exit");
    expect(exit.task.name).toBe("worker");
    expect(exit.task.irq).toMatchObject({ hardirq: 0, softirq: 0 });
  });

  it("TASK_NAMED(fn, comm) names the task as the kernel would", async () => {
    const found = await findings(`DEFINE_SPINLOCK(s);\nstatic void balance(void)\n{\n\tspin_lock(&s);\n\tmsleep(10);\n\tspin_unlock(&s);\n}\nTASK_NAMED(balance, "kswapd0");\n`);
    expect(only(found, "sleep-in-atomic").task.name).toBe("kswapd0");
  });

  it("a file that names entry points runs only those", async () => {
    expect(await summary(`DEFINE_MUTEX(m);\nstatic void never_called(void)\n{\n\tmutex_lock(&m);\n}\nstatic void t(void)\n{\n}\nTASK(t);\n`)).toEqual([]);
  });

  it("IRQ_HANDLER(fn) runs fn in hard interrupt context", async () => {
    const lockState = await findings(`DEFINE_SPINLOCK(s);\nstatic void handler(void)\n{\n\tspin_lock(&s);\n\tspin_unlock(&s);\n}\nstatic void t(void)\n{\n\tspin_lock(&s);\n\tspin_unlock(&s);\n}\nIRQ_HANDLER(handler);\nTASK(t);\n`);
    const f = only(lockState, "inconsistent-lock-state");
    expect(f.locks).toEqual(["s"]);
    expect(f.detail).toMatchObject({ old: "IN-HARDIRQ-W", new: "HARDIRQ-ON-W" });
    const sleep = only(await findings(`static void handler(void)\n{\n\tmsleep(1);\n}\nIRQ_HANDLER(handler);\n`), "sleep-in-atomic");
    expect(sleep.task.name).toBe("handler");
    expect(sleep.detail).toMatchObject({ reason: "hardirq", certainty: "actual", irqsDisabled: true });
  });

  it("an irq-safe lock (taken in a handler) nesting an irq-unsafe one is reported, whichever task runs first", async () => {
    const source = (first: string, second: string): string =>
      `DEFINE_SPINLOCK(safe);\nDEFINE_SPINLOCK(unsafe);\nstatic void handler(void)\n{\n\tspin_lock(&safe);\n\tspin_unlock(&safe);\n}\n` +
      `static void nests(void)\n{\n\tspin_lock_irq(&safe);\n\tspin_lock(&unsafe);\n\tspin_unlock(&unsafe);\n\tspin_unlock_irq(&safe);\n}\n` +
      `static void plain(void)\n{\n\tspin_lock(&unsafe);\n\tspin_unlock(&unsafe);\n}\nIRQ_HANDLER(handler);\nTASK(${first});\nTASK(${second});\n`;
    // The unsafe use known first: the nesting is an irq-safe → irq-unsafe order.
    const order = only(await findings(source("plain", "nests")), "irq-safe-unsafe-order");
    expect(order.locks).toEqual(["safe", "unsafe"]);
    expect(order.task.name).toBe("nests");
    // The nesting known first: the later unsafe use inverts it.
    const inversion = only(await findings(source("nests", "plain")), "irq-lock-inversion");
    expect(inversion.locks).toEqual(["safe", "unsafe"]);
    expect(inversion.task.name).toBe("plain");
    expect(inversion.detail).toMatchObject({ otherIs: "safe", state: "HARDIRQ", newUsage: "HARDIRQ-ON-W" });
  });

  it("SOFTIRQ_HANDLER(fn) runs fn in softirq context", async () => {
    const lockState = await findings(`DEFINE_SPINLOCK(s);\nstatic void rx(void)\n{\n\tspin_lock(&s);\n\tspin_unlock(&s);\n}\nstatic void t(void)\n{\n\tspin_lock(&s);\n\tspin_unlock(&s);\n}\nSOFTIRQ_HANDLER(rx);\nTASK(t);\n`);
    expect(only(lockState, "inconsistent-lock-state").detail).toMatchObject({ old: "IN-SOFTIRQ-W", new: "SOFTIRQ-ON-W" });
    // spin_lock_bh in the task is the fix.
    expect(await summary(`DEFINE_SPINLOCK(s);\nstatic void rx(void)\n{\n\tspin_lock(&s);\n\tspin_unlock(&s);\n}\nstatic void t(void)\n{\n\tspin_lock_bh(&s);\n\tspin_unlock_bh(&s);\n}\nSOFTIRQ_HANDLER(rx);\nTASK(t);\n`)).toEqual([]);
    const sleep = only(await findings(`static void rx(void)\n{\n\tmsleep(1);\n}\nSOFTIRQ_HANDLER(rx);\n`), "sleep-in-atomic");
    expect(sleep.detail).toMatchObject({ reason: "softirq" });
  });

  it("in_interrupt(), in_task() and in_softirq() know the entry's context", async () => {
    const source = (macro: string): string =>
      `static struct lockdep_map i = STATIC_LOCKDEP_MAP_INIT("in_interrupt", &i);\n` +
      `static struct lockdep_map t = STATIC_LOCKDEP_MAP_INIT("in_task", &t);\n` +
      `static struct lockdep_map s = STATIC_LOCKDEP_MAP_INIT("in_softirq", &s);\n` +
      `static void fn(void)\n{\n\tif (in_interrupt())\n\t\tlock_map_acquire(&i);\n\tif (in_task())\n\t\tlock_map_acquire(&t);\n\tif (in_softirq())\n\t\tlock_map_acquire(&s);\n}\n${macro}(fn);\n`;
    const held = async (macro: string): Promise<readonly string[]> => only(await findings(source(macro)), "held-lock-at-exit").locks;
    expect(await held("TASK")).toEqual(["in_task"]);
    expect(await held("IRQ_HANDLER")).toEqual(["in_interrupt"]);
    expect(await held("SOFTIRQ_HANDLER")).toEqual(["in_interrupt", "in_softirq"]);
  });

  it("WORK(fn), static DECLARE_WORK(w, fn) and INIT_WORK(&w, fn) each make fn an entry point", async () => {
    const found = await findings(
      `DEFINE_SPINLOCK(s);\n` +
        `static void by_work(struct work_struct *w)\n{\n\tspin_lock(&s);\n}\n` +
        `static void by_declare(struct work_struct *w)\n{\n\tspin_lock(&s);\n}\n` +
        `static void by_init(struct work_struct *w)\n{\n\tspin_lock(&s);\n}\n` +
        `static void not_an_entry(void)\n{\n\tspin_lock(&s);\n}\n` +
        `static DECLARE_WORK(declared_work, by_declare);\n` +
        `static void setup(struct dev *d)\n{\n\tINIT_WORK(&d->work, by_init);\n}\n` +
        `WORK(by_work);\n`,
    );
    expect(found.map((f) => [f.kind, f.task.name, f.locks]).sort()).toEqual([
      ["held-lock-at-exit", "by_declare", ["s"]],
      ["held-lock-at-exit", "by_init", ["s"]],
      ["held-lock-at-exit", "by_work", ["s"]],
    ]);
  });

  it("a work function runs concurrently with the tasks", async () => {
    const found = await findings(
      `DEFINE_MUTEX(a);\nDEFINE_MUTEX(b);\n` +
        `static void reset_work(struct work_struct *w)\n{\n\tmutex_lock(&b);\n\tmutex_lock(&a);\n\tmutex_unlock(&a);\n\tmutex_unlock(&b);\n}\n` +
        `static DECLARE_WORK(reset, reset_work);\n` +
        `static void ioctl(void)\n{\n\tmutex_lock(&a);\n\tmutex_lock(&b);\n\tmutex_unlock(&b);\n\tmutex_unlock(&a);\n}\nTASK(ioctl);\n`,
    );
    expect(found.map(brief)).toEqual(["circular-dependency a b"]);
  });

  it("with no entry point named, every function no other function calls is a TASK", async () => {
    const found = await findings(
      `DEFINE_MUTEX(m);\n` +
        `static void lock_it(void)\n{\n\tmutex_lock(&m);\n}\n` + // called: not a task (alone it would end holding m)
        `static void unlock_it(void)\n{\n\tmutex_unlock(&m);\n}\n` + // called: not a task (alone it would be a bad unlock)
        `static int callback(void)\n{\n\tmutex_unlock(&m);\n\treturn 0;\n}\n` + // taken as a pointer: not a task
        `void user(void)\n{\n\tlock_it();\n\tunlock_it();\n\tregister_cb(callback);\n}\n` +
        `void forgetful(void)\n{\n\tmutex_lock(&m);\n}\n`,
    );
    expect(found.map((f) => [f.kind, f.task.name])).toEqual([["held-lock-at-exit", "forgetful"]]);
  });
});

describe("entry points: known bugs", () => {
  it("a work item bound by DECLARE_WORK does not stop uncalled functions from being tasks", async () => {
    const found = await findings(
      `DEFINE_MUTEX(m);\nstatic void dev_reset(struct work_struct *w)\n{\n\tmutex_lock(&m);\n\tmutex_unlock(&m);\n}\nstatic DECLARE_WORK(reset_work, dev_reset);\n` +
        `static void remove(void)\n{\n\tmutex_lock(&m);\n\tflush_work(&reset_work);\n\tmutex_unlock(&m);\n}\n`,
    );
    expect(only(found, "circular-dependency").locks.slice().sort()).toEqual(["(work)dev_reset", "m"]);
  });

  it("on PREEMPT_RT an IRQ_HANDLER is force-threaded: spinlock_t in it is fine", async () => {
    const source = `DEFINE_SPINLOCK(s);\nstatic void handler(void)\n{\n\tspin_lock(&s);\n\tspin_unlock(&s);\n}\nstatic void t(void)\n{\n\tspin_lock(&s);\n\tspin_unlock(&s);\n}\nIRQ_HANDLER(handler);\nTASK(t);\n`;
    expect(await summary(source, { config: ["PREEMPT_RT"] })).toEqual([]);
  });
});

describe("hooks", () => {
  it("SHRINKER(count, scan) runs in reclaim, and sees the level's gfp in sc->gfp_mask", async () => {
    const result = await checkFixture("shrinker-macro.c");
    // GFP_KERNEL reaches the shrinker through fs_reclaim; GFP_NOFS does not (the shrinker backs off).
    expect(result.findings).toEqual(["circular-dependency cache_mutex fs_reclaim"]);
    expect(result.tasks).toEqual(["grow_kernel"]);
    expect(result.mismatches).toEqual([]);
  });

  it("a struct shrinker passed to register_shrinker is a shrinker too", async () => {
    const result = await checkFixture("shrinker-struct.c");
    expect(result.findings).toEqual(["circular-dependency cache_mutex reclaim(GFP_NOIO)"]);
    expect(result.mismatches).toEqual([]);
  });

  it("MMU_NOTIFIER(start) is called where the caller says it may or may not block", async () => {
    const result = await checkScenarioFiles([fixture("mmu-notifier-macro.c")], { noModel: true });
    if (!result.ok) throw new Error("rejected");
    const f = only(result.findings, "sleep-in-atomic");
    expect(f.task.name).toBe("oom_reaper");
    expect(f.detail).toMatchObject({ reason: "non-block", nonBlock: 1 });
    expect(f.stack.map((frame) => frame.function)).toContain("careless_start");
  });

  it("a struct mmu_notifier_ops hook that checks mmu_notifier_range_blockable() is fine", async () => {
    const result = await checkFixture("mmu-notifier-ops.c");
    expect(result.findings).toEqual([]);
    expect(result.mismatches).toEqual([]);
  });

  it.each(["console-macro.c", "console-struct.c"])("%s: a console's write runs inside printk and pr_*/dev_*", async (name) => {
    const result = await checkFixture(name);
    expect(result.findings).toEqual(["recursive-locking port_lock"]);
    expect(result.tasks).toEqual(["tx"]);
    expect(result.mismatches).toEqual([]);
  });
});
