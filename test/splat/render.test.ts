/** explain text, JSON contract (DESIGN §6), DOT output. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { dotQuote, explainReport, parseSplatText, renderDot, renderJson, toExplainJson } from "../../src/splat/index.js";

const read = (dir: string, name: string) => readFileSync(join(import.meta.dirname, dir, name), "utf8");

describe("JSON contract", () => {
  it("prints exactly the DESIGN §6 fields, plus the documented extensions", async () => {
    const reports = await parseSplatText(read("synthetic", "circular-fs-reclaim-6x.txt"));
    const json = JSON.parse(renderJson(reports)) as { reports: Record<string, unknown>[] };
    expect(Object.keys(json)).toEqual(["reports"]);
    expect(json.reports[0]).toEqual({
      kind: "circular-dependency",
      title: "WARNING: possible circular locking dependency detected",
      kernel: "6.8.0-rc3-example",
      task: { name: "kswapd0", pid: 35 },
      lock: "&c->lock",
      holding: "fs_reclaim",
      chain: ["fs_reclaim", "&c->lock"],
      usage: null,
      heldLocks: ["fs_reclaim", "shrinker_rwsem"],
      location: null,
      inAtomic: null,
      irqsDisabled: null,
      nonBlock: null,
      preemptCount: null,
      truncated: false,
      taint: "Not tainted",
      cpu: 2,
      otherLock: null,
      chainExistsOf: null,
    });
  });

  it("carries the old RECLAIM_FS usage pair as printed", async () => {
    const reports = await parseSplatText(read("corpus", "inconsistent-2.6.29-inotify-reclaim-fs.txt"));
    expect(toExplainJson(reports).reports[0]).toMatchObject({ usage: ["RECLAIM_FS-ON-W", "IN-RECLAIM_FS-W"], lock: "&inode->inotify_mutex", heldLocks: ["shrinker_rwsem", "&type->s_umount_key#4"] });
  });

  it("sleep reports fill the sleep fields", async () => {
    const reports = await parseSplatText(read("synthetic", "sleep-6x-irq.txt"));
    expect(toExplainJson(reports).reports[0]).toMatchObject({ location: { file: "include/linux/sched/mm.h", line: 315 }, inAtomic: true, irqsDisabled: true, nonBlock: 0, preemptCount: 1, lock: null, chain: null });
  });
});

describe("explain text", () => {
  it("tells a reclaim cycle in plain words, with the reclaim cause and the usual fixes", async () => {
    const [report] = await parseSplatText(read("synthetic", "circular-fs-reclaim-6x.txt"));
    const text = explainReport(report!);
    expect(text).toContain("`kswapd0` (pid 35) holds `fs_reclaim` and wants `&c->lock`");
    expect(text).toContain("while holding `&c->lock`, a task allocates memory that may enter filesystem reclaim (`fs_reclaim`) via __kmalloc in demo_loop_submit+0x41/0x120 [demo]");
    expect(text).toContain("kswapd (background reclaim), a shrinker takes `&c->lock` in demo_shrink_scan+0x2a/0x90 [demo] while in reclaim (`fs_reclaim` held) (the acquisition that triggered the report)");
    expect(text).toContain("GFP_NOFS");
    expect(text).toContain("memalloc_nofs_save()");
    expect(text).toContain("allocate before taking the lock");
  });

  it("explains the old RECLAIM_FS inconsistent state", async () => {
    const [report] = await parseSplatText(read("corpus", "inconsistent-4.7-xfs-reclaim-fs.txt"));
    const text = explainReport(report!);
    expect(text).toContain("taken inside filesystem reclaim");
    expect(text).toContain("Old kernels (before 4.14) tracked filesystem reclaim like an interrupt");
    expect(text).toContain("(The report is cut short");
  });

  it("suggests nesting annotations for recursive reports and _bh/_irqsave for irq reports", async () => {
    const [recursive] = await parseSplatText(read("corpus", "recursive-4.8-zfs-setattr.txt"));
    expect(explainReport(recursive!)).toContain("mutex_lock_nested(..., SINGLE_DEPTH_NESTING)");
    const [softirq] = await parseSplatText(read("corpus", "inconsistent-5.14-scoutfs-softirq-tabs.txt"));
    expect(explainReport(softirq!)).toContain("spin_lock_bh()");
    const [hardirq] = await parseSplatText(read("corpus", "inconsistent-3.12-sdhci-hardirq.txt"));
    expect(explainReport(hardirq!)).toContain("spin_lock_irqsave()");
  });

  it("names the MMU-notifier map and non-blocking sections", async () => {
    const [report] = await parseSplatText(read("synthetic", "non-blocking-section.txt"));
    const text = explainReport(report!);
    expect(text).toContain("non_block_start()/non_block_end()");
    expect(text).toContain("`mmu_notifier_invalidate_range_start`");
  });

  it("explains a blocking allocation under a spinlock with irqs off", async () => {
    const [report] = await parseSplatText(read("synthetic", "sleep-6x-irq.txt"));
    const text = explainReport(report!);
    expect(text).toContain("interrupts are disabled");
    expect(text).toContain("GFP_ATOMIC or GFP_NOWAIT");
    expect(text).toContain("Locks held: `&dev->lock`.");
  });
});

describe("DOT", () => {
  it("draws the cycle, the closing edge bold red", async () => {
    const reports = await parseSplatText(read("synthetic", "circular-fs-reclaim-6x.txt"));
    const dot = renderDot(reports);
    expect(dot).toContain('"0:&c->lock" -> "0:fs_reclaim" [label="demo_loop_submit+0x41/0x120 [demo]"];');
    expect(dot).toContain('"0:fs_reclaim" -> "0:&c->lock" [label="demo_shrink_scan+0x2a/0x90 [demo]", color="red", style="bold"];');
    expect(dot.startsWith("digraph splat {")).toBe(true);
  });

  it("quotes and escapes untrusted names", () => {
    expect(dotQuote('a"b\\c\nd')).toBe('"a\\"b\\\\c\\nd"');
  });
});
