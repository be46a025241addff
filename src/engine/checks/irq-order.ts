/**
 * Irq-safe → irq-unsafe order (lockdep's check_irq_usage → print_bad_irq_dependency): a new
 * dependency `prev → next` must not connect a class used in an interrupt (reaching prev) to a
 * class taken with that interrupt enabled (reachable from next):
 *
 *     CPU0: lock(unsafe); <Interrupt> lock(safe);    CPU1: lock(safe) ... lock(unsafe);
 *
 * Read refinements follow lockdep 5.10+: a path that ends entering the unsafe class only as a
 * recursive reader counts only its write usage, and likewise for a safe class left as a reader.
 */
import type { EngineCore } from "../core.js";
import { irqScenario } from "../describe.js";
import type { HeldLock } from "../held-stack.js";
import type { TaskState } from "../task-state.js";
import { bitFlag, ENABLED_MASK, exclusiveBit, exclusiveMask, IRQ_WRITE_MASK, originalMask, stateName, stateOf, USAGE_READ, USED, USED_IN_MASK } from "../usage.js";
import { usageMatches, usageSkip } from "./irq-usage.js";

export function checkIrqOrder(core: EngineCore, task: TaskState, prev: HeldLock, next: HeldLock): boolean {
  const classes = core.classes;
  const skip = usageSkip(core);
  const n = classes.count;
  let accumulated = 0;
  core.search.find(
    prev.cls,
    prev.read !== 0,
    "backward",
    (cls, restricted) => {
      const usage = classes.usage[cls]!;
      accumulated |= restricted ? usage & IRQ_WRITE_MASK : usage;
      return false;
    },
    skip,
    n,
  );
  accumulated &= USED_IN_MASK;
  if (accumulated === 0) return false;
  const unsafeFound = core.search.find(next.cls, next.read === 2, "forward", (c, r) => usageMatches(core, c, r, exclusiveMask(accumulated)), skip, n);
  if (!unsafeFound) return false;
  const unsafe = unsafeFound.target;
  const backMask = originalMask(classes.usage[unsafe]! & ENABLED_MASK);
  const safeFound = core.search.find(prev.cls, prev.read !== 0, "backward", (c, r) => usageMatches(core, c, r, backMask), skip, n);
  if (!safeFound) return false;
  const safe = safeFound.target;
  const bits = exclusiveMatch(classes.usage[safe]!, classes.usage[unsafe]!);
  if (!bits) return false;
  const state = stateName(bits.safeBit);
  const g = core.graph;
  const d = core.describe;
  const toPrev = [...safeFound.edges].reverse();
  core.log.report(`irq-order:${safe}->${unsafe}:${stateOf(bits.safeBit)}`, () =>
    core.finding(
      task,
      `WARNING: ${state}-safe -> ${state}-unsafe lock order detected`,
      {
        kind: "irq-safe-unsafe-order",
        prev: d.held(prev),
        next: d.held(next),
        safe: d.classInfo(safe),
        safeStack: classes.usageStacks[safe]![bits.safeBit] ?? [],
        unsafe: d.classInfo(unsafe),
        unsafeStack: classes.usageStacks[unsafe]![bits.unsafeBit] ?? [],
        state,
      },
      next.stack,
      {
        locks: [safe, ...toPrev.map((e) => g.to[e]!), next.cls, ...unsafeFound.edges.map((e) => g.to[e]!)],
        chain: [
          ...toPrev.map((e) => core.dependency(e)),
          { from: d.classInfo(prev.cls), to: d.classInfo(next.cls), stack: next.stack },
          ...unsafeFound.edges.map((e) => core.dependency(e)),
        ],
        scenario: irqScenario(d.name(safe), d.name(unsafe), d.name(prev.cls), d.name(next.cls)),
      },
    ),
  );
  return true;
}

/** lockdep's find_exclusive_match: the first safe bit whose write or read unsafe bit is set. */
function exclusiveMatch(safeUsage: number, unsafeUsage: number): { safeBit: number; unsafeBit: number } | undefined {
  for (let bit = 0; bit < USED; bit++) {
    if ((safeUsage & bitFlag(bit) & USED_IN_MASK) === 0) continue;
    const excl = exclusiveBit(bit);
    if (unsafeUsage & bitFlag(excl)) return { safeBit: bit, unsafeBit: excl };
    if (unsafeUsage & bitFlag(excl | USAGE_READ)) return { safeBit: bit, unsafeBit: excl | USAGE_READ };
  }
  return undefined;
}
