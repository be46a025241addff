/**
 * `explain --to-scenario`: a C scenario skeleton (SCENARIO-LANGUAGE.md) that reproduces the
 * report's dependencies, for "what if" experiments. Checking it (`reclaimdep check --expect`,
 * with the `// config:` options it names) finds the report's kind and locks: the round trip of
 * test/splat/round-trip.test.ts. Where the report was cut short it says so (`// partial:`) and
 * expects only what it reproduces. One writer per report family:
 *
 * - scenario-circular.ts: one path per dependency of the cycle (fs_reclaim: allocation/shrinker);
 * - scenario-irq.ts: irq usages as handlers and tasks, RECLAIM_FS as fs_reclaim dependencies;
 * - scenario-context.ts: sleeping and wait-context reports, in the context the report shows;
 * - scenario-held.ts: recursion, bad unlock, held at exit, held lock freed, nest lock.
 */
import type { SplatReport } from "./report.js";
import { ScenarioBuilder } from "./scenario-builder.js";
import { writeCircular } from "./scenario-circular.js";
import { writeSleep, writeWaitContext } from "./scenario-context.js";
import { writeBadUnlock, writeHeldAtExit, writeHeldFreed, writeNestLock, writeRecursive } from "./scenario-held.js";
import { writeInconsistent, writeInversion, writeSafeUnsafe } from "./scenario-irq.js";
import { lockKinds, preemptRtShown, rawNestingShown } from "./scenario-lock-kinds.js";

const WRITERS: Readonly<Record<SplatReport["kind"], (b: ScenarioBuilder, report: SplatReport) => void>> = {
  "circular-dependency": writeCircular,
  "recursive-locking": writeRecursive,
  "inconsistent-lock-state": writeInconsistent,
  "irq-lock-inversion": writeInversion,
  "irq-safe-unsafe-order": writeSafeUnsafe,
  "bad-unlock-balance": writeBadUnlock,
  "invalid-wait-context": writeWaitContext,
  "sleep-in-atomic": writeSleep,
  "scheduling-while-atomic": writeSleep,
  "held-lock-at-exit": writeHeldAtExit,
  "held-lock-freed": writeHeldFreed,
  "nested-lock-not-held": writeNestLock,
};

export function toScenario(report: SplatReport): string {
  const b = new ScenarioBuilder(lockKinds(report));
  // The configuration the report was produced under: wait types {4:4} / context-{5:5} exist
  // only with PROVE_RAW_LOCK_NESTING; an -rt release is PREEMPT_RT (which implies it).
  if (preemptRtShown(report)) b.needConfig("PREEMPT_RT");
  else if (rawNestingShown(report)) b.needConfig("PROVE_RAW_LOCK_NESTING");
  WRITERS[report.kind](b, report);
  return b.render(report);
}
