import { describe, expect, it } from "vitest";
import type { FindingKind } from "../../../src/engine/finding.js";
import { identityLine, renderText } from "../../../src/report/index.js";
import { GOLDEN_CASES, GOLDEN_OPTIONS } from "../fixtures/index.js";

/** lockdep-reports.md §0: the `=`/`-` bar length per report, including the two fixed ones. */
const BAR_LENGTHS: Readonly<Record<string, number>> = {
  "circular-dependency": 54,
  "recursive-locking": 44,
  "inconsistent-lock-state": 32,
  "irq-lock-inversion": 56,
  "irq-lock-inversion--backwards": 56,
  "irq-safe-unsafe-order": 53,
  "bad-unlock-balance": 37,
  "invalid-wait-context": 29,
  "nested-lock-not-held": 34,
  "held-lock-freed": 25,
  "held-lock-at-exit": 36,
  "held-lock-at-exit--return-to-user": 48,
  // Not a kernel report (DEBUG_LOCKS_WARN_ON): the bar follows the title.
  "ww-api-misuse": "WARNING: ww_mutex API misuse".length,
};

const WITHOUT_BANNER: readonly FindingKind[] = ["sleep-in-atomic"];

describe("banner", () => {
  for (const [name, finding] of Object.entries(GOLDEN_CASES)) {
    if (WITHOUT_BANNER.includes(finding.kind)) continue;
    it(`${name}: empty line, = bar, title, identity, - bar of lockdep's length`, () => {
      const [empty, equals, title, identity, dashes] = renderText(finding, GOLDEN_OPTIONS).split("\n");
      const length = BAR_LENGTHS[name];
      expect(length).toBeDefined();
      expect(empty).toBe("");
      expect(equals).toBe("=".repeat(length ?? 0));
      expect(title).toBe(finding.title);
      expect(identity).toBe("reclaimdep 0.1.0 (analysis, not a running kernel)");
      expect(dashes).toBe("-".repeat(length ?? 0));
    });
  }

  it("keeps the safe -> unsafe bar at 53 for the longer SOFTIRQ-READ title", () => {
    const finding = { ...GOLDEN_CASES["irq-safe-unsafe-order"]!, title: "WARNING: SOFTIRQ-READ-safe -> SOFTIRQ-READ-unsafe lock order detected" };
    expect(renderText(finding).split("\n")[1]).toBe("=".repeat(53));
  });

  it("sleep reports start with the scheduler's BUG line, with no banner", () => {
    expect(renderText(GOLDEN_CASES["sleep-in-atomic"]!).split("\n")[0]).toBe(
      "BUG: sleeping function called from invalid context at examples/oom-notifier.c:21",
    );
  });
});

describe("identity line", () => {
  it("names reclaimdep, its version and the configuration checked, and says no kernel ran", () => {
    expect(identityLine({ version: "0.1.0", config: ["PREEMPT_RT"] })).toBe("reclaimdep 0.1.0 PREEMPT_RT (analysis, not a running kernel)");
  });

  it("leaves the version out when none is given", () => {
    expect(identityLine({})).toBe("reclaimdep (analysis, not a running kernel)");
  });
});
