/**
 * Irq usage states (lockdep's mark_lock / mark_lock_irq). A class taken in an interrupt is
 * irq-safe (USED_IN); one taken or held with that interrupt enabled is irq-unsafe (ENABLED).
 *
 * - inconsistent lock state (valid_state → print_usage_bug): one class both safe and unsafe:
 *       CPU0: lock(L); <Interrupt> lock(L);
 * - irq lock inversion (check_usage_forwards/backwards → print_irq_inversion_bug): a class that
 *   just became safe reaches an unsafe one through the graph, or one that just became unsafe is
 *   reached from a safe one:
 *       CPU0: lock(unsafe); <Interrupt> lock(safe);    CPU1: lock(safe); lock(unsafe);
 */
import type { Stack } from "../../ir/index.js";
import type { EngineCore } from "../core.js";
import { HOT } from "../classes.js";
import { FINDING_TITLES } from "../finding.js";
import { irqScenario, usageScenario } from "../describe.js";
import { ENTRY, type HeldLock } from "../held-stack.js";
import type { TaskState } from "../task-state.js";
import {
  bitFlag,
  enabled,
  exclusiveBit,
  IRQ_WRITE_MASK,
  stateName,
  stateOf,
  USAGE_DIR,
  USAGE_READ,
  usageName,
  USED,
  USED_READ,
  usedIn,
} from "../usage.js";

/** The lock as usage checks see it: its class and how it is (or was) held. */
export type UsageHolder = Pick<HeldLock, "cls" | "read" | "stack">;

/** Does class `cls` have a usage bit in `mask`, reached in state `restricted` (read bits then ignored)? */
export function usageMatches(core: EngineCore, cls: number, restricted: boolean, mask: number): boolean {
  const usage = core.classes.usage[cls]!;
  return ((restricted ? usage & IRQ_WRITE_MASK : usage) & mask) !== 0;
}

export const usageSkip = (core: EngineCore) => (cls: number): boolean => core.classes.traits(cls).usageSkip;

/** Sets `bit` on the holder's class; checks the new state when it was not set before. */
export function markLock(core: EngineCore, task: TaskState, h: UsageHolder, bit: number, stack: Stack): void {
  const classes = core.classes;
  const flag = bitFlag(bit);
  if ((classes.usage[h.cls]! & flag) !== 0) return;
  classes.usage[h.cls]! |= flag;
  classes.usageStacks[h.cls]![bit] = stack;
  if (bit >= USED) return;
  markLockIrq(core, task, h, bit, stack);
}

function markLockIrq(core: EngineCore, task: TaskState, h: UsageHolder, bit: number, stack: Stack): void {
  const excl = exclusiveBit(bit);
  const read = (bit & USAGE_READ) !== 0;
  const usage = core.classes.usage[h.cls]!;
  if (usage & bitFlag(excl)) return reportUsage(core, task, h, excl, bit, stack);
  if (!read && usage & bitFlag(excl | USAGE_READ)) return reportUsage(core, task, h, excl | USAGE_READ, bit, stack);
  checkInversion(core, task, h, bit, excl, stack);
}

function reportUsage(core: EngineCore, task: TaskState, h: UsageHolder, oldBit: number, newBit: number, stack: Stack): void {
  const d = core.describe;
  const oldStack = core.classes.usageStacks[h.cls]![oldBit] ?? [];
  core.log.report(`usage:${h.cls}:${stateOf(newBit)}`, () =>
    core.finding(
      task,
      FINDING_TITLES["inconsistent-lock-state"],
      { kind: "inconsistent-lock-state", lock: core.describe.held(h), old: usageName(oldBit), new: usageName(newBit), oldStack },
      stack,
      { locks: [h.cls], scenario: usageScenario(d.name(h.cls)) },
    ),
  );
}

/** A newly safe class must not reach an unsafe one; a newly unsafe one must not be reached from a safe one. */
function checkInversion(core: EngineCore, task: TaskState, h: UsageHolder, bit: number, excl: number, stack: Stack): void {
  const towardsUnsafe = (bit & USAGE_DIR) === 0;
  const mask = bitFlag(excl) | bitFlag(excl | USAGE_READ);
  const found = core.search.find(
    h.cls,
    towardsUnsafe ? h.read === 2 : h.read !== 0,
    towardsUnsafe ? "forward" : "backward",
    (cls, restricted) => usageMatches(core, cls, restricted, mask),
    usageSkip(core),
    core.classes.count,
  );
  if (!found) return;
  const other = found.target;
  const otherBit = core.classes.usage[other]! & bitFlag(excl) ? excl : excl | USAGE_READ;
  const state = stateName(otherBit);
  const safe = towardsUnsafe ? h.cls : other;
  const unsafe = towardsUnsafe ? other : h.cls;
  const g = core.graph;
  const firstHop = found.edges[0]!;
  const middle = towardsUnsafe ? g.to[firstHop]! : g.from[firstHop]!;
  const edges = towardsUnsafe ? found.edges : [...found.edges].reverse();
  const d = core.describe;
  core.log.report(`irq-order:${safe}->${unsafe}:${stateOf(bit)}`, () =>
    core.finding(
      task,
      FINDING_TITLES["irq-lock-inversion"],
      { kind: "irq-lock-inversion", lock: d.classInfo(h.cls), other: d.classInfo(other), otherIs: towardsUnsafe ? "unsafe" : "safe", state, newUsage: usageName(bit) },
      stack,
      {
        locks: [safe, ...edges.map((e) => g.to[e]!)],
        chain: edges.map((e) => core.dependency(e)),
        scenario: irqScenario(d.name(safe), d.name(unsafe), d.name(middle), d.name(h.cls)),
      },
    ),
  );
}

/** Usage bits of the lock being acquired, slot `i` of the task's held stack (lockdep's mark_usage). */
export function markUsage(core: EngineCore, task: TaskState, i: number): void {
  const held = task.held;
  const flags = held.flags[i]!;
  const want = wantedUsage(task, flags);
  // Warm path: every bit this acquisition would set is already set (the usual case).
  if ((core.classes.usage[held.cls[i]!]! & want) === want) return;
  const h = held.entry(i);
  for (const bit of MARK_ORDER[h.read === 0 ? 0 : 1]!) if ((want & bitFlag(bit)) !== 0) markLock(core, task, h, bit, h.stack);
}

/** The usage bits an acquisition with entry `flags` sets in the task's current state. */
const wantedUsage = (task: TaskState, flags: number): number =>
  WANT[task.irqContext | (task.softirqsEnabled ? WANT_SOFT_ON : 0) | ((flags & (ENTRY.READ | ENTRY.TRYLOCK | ENTRY.HARDIRQS_OFF)) << WANT_ENTRY_SHIFT)]!;

/** Whether class `cls` already has every usage bit an acquisition with entry `flags` would set (or marks none). */
export function usageMarked(core: EngineCore, task: TaskState, cls: number, flags: number): boolean {
  if ((core.classes.hot[cls]! & HOT.MARKS_USAGE) === 0) return true;
  const want = wantedUsage(task, flags);
  return (core.classes.usage[cls]! & want) === want;
}

/** The order mark_usage sets bits in (it decides which conflict is reported first), write then read forms. */
const MARK_ORDER = [false, true].map((read) => [usedIn(0, read), usedIn(1, read), enabled(0, read), enabled(1, read), read ? USED_READ : USED]);

/**
 * The usage bits an acquisition sets, precomputed for every combination of what they depend on:
 * index bits 0-1 the task's irq context (bit 1 hardirq, bit 0 softirq), bit 2 softirqs enabled,
 * then the entry's READ, TRYLOCK and HARDIRQS_OFF flags shifted by WANT_ENTRY_SHIFT. A trylock is
 * not used in the interrupt it is taken in; a lock taken with hardirqs off is not irq-unsafe.
 */
const WANT_SOFT_ON = 1 << 2;
const WANT_ENTRY_SHIFT = 3;
const WANT = new Int32Array(((ENTRY.READ | ENTRY.TRYLOCK | ENTRY.HARDIRQS_OFF) + 1) << WANT_ENTRY_SHIFT);
for (let index = 0; index < WANT.length; index++) {
  const flags = index >>> WANT_ENTRY_SHIFT;
  const read = (flags & ENTRY.READ) !== 0;
  let m = bitFlag(read ? USED_READ : USED);
  if ((flags & ENTRY.TRYLOCK) === 0) {
    if ((index & 2) !== 0) m |= bitFlag(usedIn(0, read));
    if ((index & 1) !== 0) m |= bitFlag(usedIn(1, read));
  }
  if ((flags & ENTRY.HARDIRQS_OFF) === 0) {
    m |= bitFlag(enabled(0, read));
    if ((index & WANT_SOFT_ON) !== 0) m |= bitFlag(enabled(1, read));
  }
  WANT[index] = m;
}

/** Interrupts of `state` were just enabled: every held lock becomes unsafe for it (mark_held_locks). */
export function markHeldLocks(core: EngineCore, task: TaskState, state: number, stack: Stack): void {
  const held = task.held;
  const classes = core.classes;
  for (let i = 0; i < held.length; i++) {
    const cls = held.cls[i]!;
    if (!classes.validated(cls)) continue;
    const bit = enabled(state, (held.flags[i]! & ENTRY.READ) !== 0);
    if ((classes.usage[cls]! & bitFlag(bit)) === 0) markLock(core, task, held.entry(i), bit, stack);
  }
}
