import { describe, expect, it } from "vitest";
import type { Finding } from "../../src/engine/finding.js";
import { renderJson, toJsonReport } from "../../src/report/index.js";
import { cls, frame, held, task } from "./fixtures/build.js";
import { GOLDEN_CASES } from "./fixtures/index.js";

const STATS = { events: 12, classes: 3, dependencies: 4, elapsedMs: 5 };
const ALL = Object.values(GOLDEN_CASES);
const parsed = JSON.parse(renderJson(ALL, STATS)) as Record<string, unknown>;

const keys = (value: unknown): string[] => Object.keys(value as object).sort();

describe("JSON report shape (DESIGN.md §6)", () => {
  it("is one object with exactly findings and stats", () => {
    expect(keys(parsed)).toEqual(["findings", "stats"]);
    expect(parsed.stats).toEqual(STATS);
  });

  it("keeps only §6's counters from richer engine stats", () => {
    expect(toJsonReport([], { ...STATS, chains: 9 } as typeof STATS).stats).toEqual(STATS);
  });

  it("gives every finding exactly §6's keys (plus reason and certainty on sleep-in-atomic), with §6's types", () => {
    const findings = parsed.findings as Record<string, unknown>[];
    expect(findings).toHaveLength(ALL.length);
    for (const finding of findings) {
      const extra = finding.kind === "sleep-in-atomic" ? ["certainty", "reason"] : [];
      expect(keys(finding)).toEqual(["chain", "fix", "kind", "locks", "task", "title", ...extra].sort());
      expect(typeof finding.kind).toBe("string");
      expect(typeof finding.title).toBe("string");
      expect(typeof finding.task).toBe("string");
      expect(finding.fix === null || typeof finding.fix === "string").toBe(true);
      expect((finding.locks as unknown[]).every((lock) => typeof lock === "string")).toBe(true);
      for (const dependency of finding.chain as Record<string, unknown>[]) {
        expect(keys(dependency)).toEqual(["from", "stack", "to"]);
        expect(typeof dependency.from).toBe("string");
        expect(typeof dependency.to).toBe("string");
        for (const stackFrame of dependency.stack as Record<string, unknown>[]) {
          expect(keys(stackFrame)).toEqual(["file", "function", "line"]);
          expect(typeof stackFrame.function).toBe("string");
          expect(stackFrame.file === null || typeof stackFrame.file === "string").toBe(true);
          expect(stackFrame.line === null || typeof stackFrame.line === "number").toBe(true);
        }
      }
    }
  });

  it("reproduces the example object of DESIGN.md §6", () => {
    const iMmap = cls("&mapping->i_mmap_rwsem", "++++", 4);
    const fsReclaim = cls("fs_reclaim", "+.+.", 0);
    const stack = [frame("kvm_dev_ioctl", "x.c", 12)];
    const finding: Finding = {
      kind: "circular-dependency",
      title: "WARNING: possible circular locking dependency detected",
      task: task("kvm_dev_ioctl", 1),
      locks: ["&mapping->i_mmap_rwsem", "fs_reclaim"],
      chain: [{ from: iMmap, to: fsReclaim, stack }],
      stack,
      heldLocks: [held(iMmap, stack)],
      scenario: null,
      detail: { kind: "circular-dependency", lock: held(fsReclaim, stack), holding: held(iMmap, stack) },
      fix: "allocate before taking &mapping->i_mmap_rwsem, or use GFP_NOWAIT",
    };
    expect(JSON.parse(renderJson([finding], { events: 0, classes: 0, dependencies: 0, elapsedMs: 0 }))).toEqual({
      findings: [
        {
          kind: "circular-dependency",
          title: "WARNING: possible circular locking dependency detected",
          locks: ["&mapping->i_mmap_rwsem", "fs_reclaim"],
          task: "kvm_dev_ioctl",
          chain: [{ from: "&mapping->i_mmap_rwsem", to: "fs_reclaim", stack: [{ function: "kvm_dev_ioctl", file: "x.c", line: 12 }] }],
          fix: "allocate before taking &mapping->i_mmap_rwsem, or use GFP_NOWAIT",
        },
      ],
      stats: { events: 0, classes: 0, dependencies: 0, elapsedMs: 0 },
    });
  });

  it("writes a frame without a place as file null, line null", () => {
    const inversion = toJsonReport([GOLDEN_CASES["irq-lock-inversion"]!], STATS);
    const report = toJsonReport([{ ...GOLDEN_CASES["irq-lock-inversion"]!, chain: [{ ...GOLDEN_CASES["irq-lock-inversion"]!.chain[0]!, stack: [frame("handle_irq_event")] }] }], STATS);
    expect(inversion.findings[0]?.chain[0]?.stack[0]).toEqual({ function: "demo_uart_start_tx", file: "examples/uart.c", line: 24 });
    expect(report.findings[0]?.chain[0]?.stack).toEqual([{ function: "handle_irq_event", file: null, line: null }]);
  });

  it("says which reason and certainty a sleep-in-atomic finding has", () => {
    const [finding] = toJsonReport([GOLDEN_CASES["sleep-in-atomic"]!], STATS).findings;
    expect(finding?.reason).toBe("non-block");
    expect(finding?.certainty).toBe("might");
  });

  it("ends with a newline and an empty list when there are no findings", () => {
    expect(renderJson([], STATS)).toBe(`{\n  "findings": [],\n  "stats": {\n    "events": 12,\n    "classes": 3,\n    "dependencies": 4,\n    "elapsedMs": 5\n  }\n}\n`);
  });
});
