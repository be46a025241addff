/**
 * `--to-scenario`: the generated C skeleton, tested as text: its shape, the expect and config lines
 * for reports whose answer the report itself shows, and escaping. Checking the skeletons (the round
 * trip) is round-trip.test.ts.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseSplatText, toScenario, type SplatReport } from "../../src/splat/index.js";

const all: { name: string; report: SplatReport }[] = [];
for (const dir of ["corpus", "synthetic"]) {
  for (const name of readdirSync(join(import.meta.dirname, dir)).filter((f) => f.endsWith(".txt"))) {
    for (const report of await parseSplatText(readFileSync(join(import.meta.dirname, dir, name), "utf8"))) all.push({ name: `${dir}/${name}`, report });
  }
}

/**
 * What `// expect:` (and `// config:`) must say for reports whose answer is known from the report
 * text: the kind the check reports (scheduling-while-atomic checks as sleep-in-atomic; pre-4.14
 * RECLAIM_FS reports as a cycle through fs_reclaim) and the report's lock set.
 */
const EXPECTED: Readonly<Record<string, { expect: string; config?: string }>> = {
  "corpus/circular-2.6.32-nilfs-wrapped-addresses.txt": { expect: "circular-dependency &nilfs->ns_mount_mutex &type->s_umount_key#31/1 &nilfs->ns_segctor_sem" },
  // `-> #0` is not pasted: it is the report's own lock and stack.
  "corpus/circular-5.4-pinctrl-indented.txt": { expect: "circular-dependency &irq_desc_lock_class &pctrl->lock" },
  "corpus/circular-5.10-bcachefs-mark-lock.txt": { expect: "circular-dependency &c->mark_lock fs_reclaim" },
  "corpus/circular-syzbot-ntfs3-mmap-lock.txt": { expect: "circular-dependency &ni->ni_lock#2/5 &mm->mmap_lock mapping.invalidate_lock#7", config: "PROVE_RAW_LOCK_NESTING" },
  "corpus/inconsistent-2.6.29-inotify-reclaim-fs.txt": { expect: "circular-dependency &inode->inotify_mutex fs_reclaim" },
  "corpus/inconsistent-4.7-xfs-reclaim-fs.txt": { expect: "circular-dependency &xfs_nondir_ilock_class fs_reclaim" },
  "corpus/inconsistent-3.12-sdhci-hardirq.txt": { expect: "inconsistent-lock-state &(&host->lock)->rlock" },
  "corpus/irq-inversion-3.14-btrfs-reclaim-fs.txt": { expect: "circular-dependency &delayed_node->mutex &found->groups_sem fs_reclaim" },
  "corpus/irq-inversion-5.15-wireguard.txt": { expect: "irq-lock-inversion &peer->endpoint_lock &p->alloc_lock" },
  "corpus/safe-unsafe-4.1-softirq-blk.txt": { expect: "irq-safe-unsafe-order &(&md->lock)->rlock &p->nr_sects_seq" },
  "corpus/invalid-wait-5.17-rust-pl061.txt": { expect: "invalid-wait-context PL061Data::inner lock_class", config: "PROVE_RAW_LOCK_NESTING" },
  "corpus/invalid-wait-6.15-bcachefs-rt.txt": { expect: "invalid-wait-context (&c->lock) &p->lock#2", config: "PROVE_RAW_LOCK_NESTING" },
  "corpus/sched-atomic-4.4-rt-rockchip.txt": { expect: "sleep-in-atomic", config: "PREEMPT_RT" },
  "corpus/sleep-3.15-irati-kmsg.txt": { expect: "sleep-in-atomic &(&instance->data->lock)->rlock" },
  "corpus/return-to-user-5.9-bcachefs-fs-reclaim.txt": { expect: "held-lock-at-exit fs_reclaim" },
  "corpus/recursive-3.10-tempesta-slock.txt": { expect: "recursive-locking slock-AF_INET/1" },
  "corpus/bad-unlock-4.9-tempesta.txt": { expect: "bad-unlock-balance &(&srv_conn->fwd_qlock)->rlock" },
  "synthetic/sleep-6x-irq.txt": { expect: "sleep-in-atomic &dev->lock", config: "PROVE_RAW_LOCK_NESTING" },
  "synthetic/held-lock-freed.txt": { expect: "held-lock-freed &obj->lock", config: "PROVE_RAW_LOCK_NESTING" },
  "synthetic/nested-lock-not-taken.txt": { expect: "nested-lock-not-held &obj->lock", config: "PROVE_RAW_LOCK_NESTING" },
  "synthetic/non-blocking-section.txt": { expect: "sleep-in-atomic" },
};

const skeleton = (name: string): string => toScenario(all.find((a) => a.name === name)!.report);

/** C text with comments and string literals removed (a small scanner, as a compiler sees it). */
function codeOnly(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const two = text.slice(i, i + 2);
    if (two === "/*") {
      const end = text.indexOf("*/", i + 2);
      i = end < 0 ? text.length : end + 1;
    } else if (two === "//") {
      const end = text.indexOf("\n", i);
      i = end < 0 ? text.length : end - 1;
    } else if (text[i] === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === "\\") i++;
      out += '""';
    } else out += text[i];
  }
  return out;
}

describe("scenario skeletons", () => {
  it.each(all.map((a) => [a.name, a.report] as const))("%s", (_name, report) => {
    const text = toScenario(report);
    // A finding the skeleton reproduces is expected once; a report cut short says so instead.
    const expectLines = text.split("\n").filter((l) => l.startsWith("// expect: "));
    if (/^\/\/ partial: /m.test(text)) expect(expectLines).toEqual([]);
    else expect(expectLines).toHaveLength(1);
    // Every registered entry point or hook names a function the skeleton defines.
    for (const m of text.matchAll(/^(?:TASK|IRQ_HANDLER|SOFTIRQ_HANDLER)\((\w+)\);$/gm)) expect(text).toContain(`static void ${m[1]}(void)`);
    for (const m of text.matchAll(/^SHRINKER\((\w+), (\w+)\);$/gm)) {
      expect(text).toContain(`static unsigned long ${m[1]}(`);
      expect(text).toContain(`static unsigned long ${m[2]}(`);
    }
    expect(text.split("{").length).toBe(text.split("}").length);
    // Comments cannot be closed early by a lock name.
    for (const m of text.matchAll(/\/\*([\s\S]*?)\*\//g)) expect(m[1]).not.toContain("/*");
  });

  it("covers every report kind", () => {
    expect(new Set(all.map((a) => a.report.kind)).size).toBe(12);
  });

  it.each(Object.entries(EXPECTED))("%s names the report's kind, locks and configuration", (name, want) => {
    const text = skeleton(name);
    expect(text.split("\n").filter((l) => l.startsWith("// expect: "))).toEqual([`// expect: ${want.expect}`]);
    expect(text.split("\n").filter((l) => l.startsWith("// config: "))).toEqual(want.config ? [`// config: ${want.config}`] : []);
    if (want.config) expect(text).toContain(` * Check with: reclaimdep check --expect --config ${want.config} `);
  });

  it("explains a RECLAIM_FS report as a cycle through fs_reclaim", () => {
    const text = skeleton("corpus/inconsistent-4.7-xfs-reclaim-fs.txt");
    expect(text).toContain(" * The report predates 4.14: lockdep then tracked filesystem reclaim as the RECLAIM_FS irq-like\n * state.");
    expect(text).toMatch(/static unsigned long scan_1\(struct shrinker \*s, struct shrink_control \*sc\)\n\{\n {8}down_write\(&xfs_nondir_ilock_class\);/);
    expect(text).toContain("        down_write(&xfs_nondir_ilock_class);\n        kfree(kmalloc(64, GFP_KERNEL));   /* enters fs_reclaim */\n");
  });

  it("takes an irq inversion's two locks with interrupts off, the unsafe one with them on, the safe one in the handler last", () => {
    const text = skeleton("corpus/irq-inversion-6.0-powerpc-crng.txt");
    const code = text.slice(text.indexOf("static void"));
    // {2:2} without raw-lock nesting: spinlocks.
    expect(code).toContain("local_irq_disable();\n        spin_lock(&lock0_base_crng_lock);\n        spin_lock(&free_vmap_area_lock);");
    expect(code).toContain("static void path_2(void)\n{\n        spin_lock(&free_vmap_area_lock);\n");
    expect(text).toContain("TASK(path_1);\nTASK(path_2);\nSOFTIRQ_HANDLER(softirq_3);\n");
  });

  it("rebuilds the context a scheduling-while-atomic preempt count shows", () => {
    // 0x10000100: serving a softirq (the top bit is PREEMPT_NEED_RESCHED).
    expect(skeleton("corpus/sched-atomic-3.10-irati-cond-resched.txt")).toContain("static void softirq_1(void)\n{\n        schedule();\n}\n\nSOFTIRQ_HANDLER(softirq_1);");
    // 0x00010102: in a hard interrupt.
    expect(skeleton("corpus/sched-atomic-4.9-softuart-wallclock.txt")).toContain("IRQ_HANDLER(irq_1);");
    // 0x00000202: bottom halves disabled, preemption disabled once besides the scheduler's own.
    expect(skeleton("corpus/sched-atomic-4.1-wilc-arm.txt")).toContain(
      "        local_bh_disable();\n        preempt_disable();\n        schedule();\n        preempt_enable();\n        local_bh_enable();\n",
    );
  });

  it("sleeps inside the atomic section a might_sleep report shows", () => {
    expect(skeleton("synthetic/sleep-6x-irq.txt")).toContain("        spin_lock(&dev->lock);\n        local_irq_disable();\n        might_sleep();\n");
    expect(skeleton("synthetic/non-blocking-section.txt")).toContain("        non_block_start();\n        schedule();\n        non_block_end();\n");
  });

  it("re-initialises a held lock for held-lock-freed and omits the nest lock for nested-lock-not-held", () => {
    expect(skeleton("synthetic/held-lock-freed.txt")).toContain("        mutex_lock(&obj->lock);\n        mutex_init(&obj->lock);\n        mutex_unlock(&obj->lock);\n");
    expect(skeleton("synthetic/nested-lock-not-taken.txt")).toContain("        mutex_lock_nest_lock(&obj->lock, &set->lock);\n        mutex_unlock(&obj->lock);\n");
  });

  it("says a report with an incomplete chain is partial and expects nothing", () => {
    const text = skeleton("corpus/circular-6.x-zfs-kswapd-symbolized.txt");
    expect(text).toContain(" * PARTIAL: the report was cut short; the expect line names only what this skeleton reproduces.\n");
    expect(text).toContain("// partial: the dependency chain is incomplete (links #2, #1 missing); the cycle cannot be closed\n");
    expect(text).not.toContain("// expect:");
  });

  it("writes an fs_reclaim cycle as an allocation under the lock and a shrinker taking it", () => {
    expect(skeleton("synthetic/circular-fs-reclaim-6x.txt")).toBe(`/* Scenario skeleton generated by reclaimdep explain --to-scenario from:
 *   WARNING: possible circular locking dependency detected (6.8.0-rc3-example), input line 3
 * Lock kinds come from the report's traces and wait types; a class name that is no C
 * expression is kept exact with STATIC_LOCKDEP_MAP_INIT("name", &key).
 * Check with: reclaimdep check --expect --config PROVE_RAW_LOCK_NESTING (the report's configuration).
 */
// config: PROVE_RAW_LOCK_NESTING

/* fs_reclaim taken while &c->lock is held (demo_loop_submit+0x41/0x120 [demo]) */
static void path_1(void)
{
        mutex_lock(&c->lock);
        kfree(kmalloc(64, GFP_KERNEL));   /* enters fs_reclaim */
        mutex_unlock(&c->lock);
}

/* &c->lock taken while fs_reclaim is held (demo_shrink_scan+0x2a/0x90 [demo]) */
static unsigned long count_2(struct shrinker *s, struct shrink_control *sc)
{
        return 1;
}

static unsigned long scan_2(struct shrinker *s, struct shrink_control *sc)
{
        mutex_lock(&c->lock);
        mutex_unlock(&c->lock);
        return 0;
}

TASK(path_1);
SHRINKER(count_2, scan_2);

// expect: circular-dependency &c->lock fs_reclaim
`);
  });

  it("keeps exact class names that are no C expressions, with the lock's own type", () => {
    const text = skeleton("corpus/circular-syzbot-ntfs3-mmap-lock.txt");
    expect(text).toContain('static struct mutex lock1_ni_ni_lock_2_5 = STATIC_LOCKDEP_MAP_INIT("&ni->ni_lock#2/5", &lock1_ni_ni_lock_2_5_key);');
    expect(text).toContain("mutex_lock(&lock1_ni_ni_lock_2_5);");
    // The model's own class keeps the model's kind (an rwsem).
    expect(text).toMatch(/down_(?:read|write)\(&mm->mmap_lock\);/);
  });

  it("escapes hostile lock names", () => {
    const hostile = { ...all[0]!.report, kind: "bad-unlock-balance" as const, lock: { instance: null, name: 'x */ int pwn; /* "\n', usage: null, waitTypes: null, at: null } };
    const text = toScenario(hostile);
    expect(text).toContain('STATIC_LOCKDEP_MAP_INIT("x */ int pwn; /* \\" ", &');
    // Outside string literals and comments the name never becomes code.
    expect(codeOnly(text)).not.toMatch(/int pwn;/);
  });

  it("never lets a hostile name end a comment or a machine-readable line", () => {
    const hostile = { ...all[0]!.report, kind: "circular-dependency" as const, chain: [], holding: null, lock: { instance: null, name: "a */ b\n// expect: none", usage: null, waitTypes: null, at: null } };
    const text = toScenario(hostile);
    expect(text.split("\n").filter((l) => l.startsWith("// expect"))).toEqual([]);
    expect(codeOnly(text)).not.toMatch(/\bb\b/);
  });
});
