import { describe, expect, it } from "vitest";
import { parseFrame, readFrames } from "../../src/splat/frames.js";
import { parseLockLine } from "../../src/splat/locks.js";

describe("parseFrame", () => {
  it.each([
    ["lock_acquire+0xab/0x200", { function: "lock_acquire", offset: 0xab, size: 0x200, module: null, reliable: true }],
    ["xfs_trans_alloc+0xeb/0x130 [xfs]", { function: "xfs_trans_alloc", module: "xfs" }],
    [" [<ffffffff810b0610>] ? __lock_acquire+0x11c0/0x1570", { function: "__lock_acquire", reliable: false }],
    ["__fs_reclaim_acquire mm/page_alloc.c:4264 [inline]", { function: "__fs_reclaim_acquire", file: "mm/page_alloc.c", line: 4264, inlined: true, offset: null }],
    ["fs_reclaim_acquire+0xe6/0x120 mm/page_alloc.c:4278", { function: "fs_reclaim_acquire", file: "mm/page_alloc.c", line: 4278 }],
    ["dump_stack_lvl (lib/dump_stack.c:123)", { function: "dump_stack_lvl", file: "lib/dump_stack.c", line: 123 }],
    ["[<c011022c>] (unwind_backtrace) from [<c010bd38>] (show_stack+0x20/0x24)", { function: "unwind_backtrace", offset: null }],
    ["[<7f0d0248>] (cfg_set [wilc_sdio]) from [<7f0d04ac>] (x+0x1/0x2)", { function: "cfg_set", module: "wilc_sdio" }],
    ["[c00000000fe0fa40] [c000000000f0a61c] dump_stack+0xc4/0x110 (unreliable)", { function: "dump_stack", reliable: false }],
    [" show_stack+0x14/0x1c (C)", { function: "show_stack" }],
  ])("%s", (text, expected) => {
    expect(parseFrame(text)).toMatchObject(expected);
  });

  it.each(["lock(fs_reclaim);", "Hardware name: QEMU", "kthread", "ret_from_fork_asm+0x1a/", "CPU0                    CPU1"])("%s is no frame", (text) => {
    expect(parseFrame(text)).toBeNull();
  });
});

describe("readFrames", () => {
  it("follows <IRQ> / </IRQ> markers and stops at the first non-frame line", () => {
    const { frames, next } = readFrames(
      ["<TASK>", "a+0x1/0x2", "<IRQ>", "b+0x1/0x2", "</IRQ>", "c+0x1/0x2 [m]", "</TASK>", "RIP: 0033:0x0"],
      0,
    );
    expect(frames.map((f) => [f.function, f.context])).toEqual([
      ["a", "task"],
      ["b", "irq"],
      ["c", "task"],
    ]);
    expect(next).toBe(7);
  });
});

describe("parseLockLine", () => {
  it("reads instance, name with parentheses, usage, wait types and place", () => {
    expect(parseLockLine("ffff888011c40180 (&(&tables_lock)->rlock){++-.}-{2:2}, at: wg_clear+0x19/0x50 [wireguard]")).toMatchObject({
      instance: "ffff888011c40180",
      name: "&(&tables_lock)->rlock",
      usage: "++-.",
      waitTypes: { outer: 2, inner: 2 },
      at: { function: "wg_clear", module: "wireguard" },
    });
  });
  it("reads pre-4.14 six-character usage and `at: [<addr>]`", () => {
    expect(parseLockLine(" (&pipe->mutex/1){+.+.+.}, at: [<ffffffff8126ca7d>] pipe_lock+0x1d/0x20")).toMatchObject({
      instance: null,
      name: "&pipe->mutex/1",
      usage: "+.+.+.",
      waitTypes: null,
      at: { function: "pipe_lock" },
    });
  });
  it("reads class-only names and held-lock entries", () => {
    expect(parseLockLine(" (free_vmap_area_lock){+.+.}-{2:2}")).toMatchObject({ name: "free_vmap_area_lock", at: null });
    expect(parseLockLine("#2: ffff0000050c04f8 (lock_class){....}-{2:2}, at: __irq_get_desc_lock+0x6c/0x94")).toMatchObject({ name: "lock_class", usage: "...." });
  });
  it("rejects text that is no lock line", () => {
    expect(parseLockLine("lock(&c->lock);")).toBeNull();
    expect(parseLockLine("(name){xyz}")).toBeNull();
  });
});
