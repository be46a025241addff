import { describe, expect, it } from "vitest";
import type { Finding } from "../../../src/engine/finding.js";
import { renderText } from "../../../src/report/index.js";
import { GOLDEN_CASES } from "../fixtures/index.js";
import { cls, frame, held } from "../fixtures/build.js";

const circular = GOLDEN_CASES["circular-dependency"]!;
const lines = (finding: Finding): string[] => renderText(finding).split("\n");

describe("scenario table", () => {
  it("puts CPU0 at 7 spaces, CPU1 at 31, CPU0 steps at 2, CPU1 steps at 31, interrupt bodies at 4", () => {
    const text = lines(GOLDEN_CASES["irq-lock-inversion"]!);
    expect(text).toContain("       CPU0                    CPU1");
    expect(text).toContain("       ----                    ----");
    expect(text).toContain("  lock(&priv->stats_lock);");
    expect(text).toContain(`${" ".repeat(31)}local_irq_disable();`);
    expect(text).toContain("  <Interrupt>");
    expect(text).toContain("    lock(&port->lock);");
  });

  it("prints Chain exists of: as the kernel does, without brackets, followed by an empty line", () => {
    const text = lines(circular);
    const at = text.indexOf("Chain exists of:");
    expect(text.slice(at, at + 4)).toEqual([
      "Chain exists of:",
      "  fs_reclaim --> &mm->mmap_lock --> &mapping->i_mmap_rwsem",
      "",
      " Possible unsafe locking scenario:",
    ]);
    expect(renderText(circular)).not.toContain("[Chain");
  });

  it("omits the table, not the report, when the finding has no scenario", () => {
    const text = lines({ ...circular, scenario: null });
    expect(text).not.toContain(" *** DEADLOCK ***");
    expect(text).toContain("2 locks held by kvm_dev_ioctl/1:");
  });
});

describe("circular dependency chain", () => {
  const chainPart = (finding: Finding): string[] => {
    const text = lines(finding);
    return text.slice(text.indexOf("the existing dependency chain (in reverse order) is:"), text.indexOf("other info that might help us debug this:"));
  };

  it("prints the path new → … → held from #k down to #0 whatever member the chain starts from", () => {
    const reference = chainPart(circular);
    expect(reference.filter((line) => line.startsWith("-> #"))).toEqual([
      "-> #2 (&mapping->i_mmap_rwsem){++++}-{4:4}:",
      "-> #1 (&mm->mmap_lock){++++}-{4:4}:",
      "-> #0 (fs_reclaim){+.+.}-{0:0}:",
    ]);
    const [closing, ...path] = circular.chain;
    expect(chainPart({ ...circular, chain: path })).toEqual(reference);
    expect(chainPart({ ...circular, chain: [...path, closing!] })).toEqual(reference);
  });

  it("gives #0 the current stack at 7 spaces", () => {
    const part = chainPart(circular);
    const at = part.indexOf("-> #0 (fs_reclaim){+.+.}-{0:0}:");
    expect(part[at + 1]).toBe("       fs_reclaim_acquire (model/mm/page_alloc.c:88)");
  });
});

describe("lock and frame lines", () => {
  it("prints a frame without a file as the bare function and one without a line as function (file)", () => {
    const finding: Finding = {
      ...GOLDEN_CASES["bad-unlock-balance"]!,
      stack: [frame("trace_only_function"), frame("demo_close", "examples/unlock.c")],
    };
    const text = lines(finding);
    expect(text[6]).toBe("trace_only_function");
    expect(text).toContain(" demo_close (examples/unlock.c)");
  });

  it("leaves out `, at:` for a held lock with no recorded stack", () => {
    const finding: Finding = { ...GOLDEN_CASES["held-lock-at-exit"]!, heldLocks: [held(cls("&dev->mutex", "+.+.", 4), [])] };
    expect(lines(finding)).toContain(" #0: (&dev->mutex){+.+.}-{4:4}");
  });

  it("prints the irq-state tag from the task's irq state", () => {
    const text = renderText(GOLDEN_CASES["inconsistent-lock-state"]!);
    expect(text).toContain("demo_timer_fn/3 [HC0[0]:SC1[1]:HE1:SE0] takes:");
  });
});

describe("sleep reports", () => {
  it("names the might_sleep site by file:line, or by function when the frame has no file", () => {
    const finding = GOLDEN_CASES["sleep-in-atomic"]!;
    expect(lines({ ...finding, stack: [frame("mutex_lock")] })[0]).toBe("BUG: sleeping function called from invalid context at mutex_lock");
  });

  it("prints preempt_count in hex and says why in plain words", () => {
    const finding = GOLDEN_CASES["sleep-in-atomic--scheduling-while-atomic"]!;
    const detail = { ...(finding.detail as Extract<Finding["detail"], { kind: "sleep-in-atomic" }>), certainty: "might" as const, preemptCount: 0x201 };
    const text = lines({ ...finding, detail });
    expect(text[2]).toBe("preempt_count: 201, expected: 0");
    expect(text[3]).toBe("reason: a spinning lock is held, so preemption is disabled");
  });
});
