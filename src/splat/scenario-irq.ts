/**
 * Irq-usage reports → entry points that give the locks the usages the report names
 * (lockdep-reports.md §3–§5): `IN-<S>` is a lock taken in an IRQ_HANDLER / SOFTIRQ_HANDLER,
 * `<S>-ON` one taken by a task with that interrupt enabled, and the dependency between two locks
 * is taken with interrupts disabled (the CPU1 column of lockdep's scenario table), so it adds no
 * usage of its own. The usage that changed last in the report is written last.
 *
 * Before 4.14 lockdep tracked filesystem reclaim as a third irq-like state, RECLAIM_FS
 * (`IN-RECLAIM_FS`: taken inside reclaim; `RECLAIM_FS-ON`: held over a __GFP_FS allocation).
 * Since 4.14 (and in reclaimdep) the same facts are dependencies on the `fs_reclaim` map, so
 * such reports are written as a shrinker taking the lock and an allocation under it, and the
 * check finds a circular dependency through fs_reclaim.
 */
import type { SplatReport } from "./report.js";
import type { EntryKind, ScenarioBuilder, Take } from "./scenario-builder.js";
import { writeEdge } from "./scenario-circular.js";
import { FS_RECLAIM } from "./vocabulary.js";

type IrqState = "HARDIRQ" | "SOFTIRQ" | "RECLAIM_FS";

interface Usage {
  readonly state: IrqState;
  /** IN-<S> (taken in that context) rather than <S>-ON (taken with it enabled). */
  readonly inContext: boolean;
  readonly read: boolean;
}

const HANDLERS: Readonly<Record<Exclude<IrqState, "RECLAIM_FS">, EntryKind>> = { HARDIRQ: "IRQ_HANDLER", SOFTIRQ: "SOFTIRQ_HANDLER" };
/** Usage-character positions (print_lock_name): W then R for each state, lockdep_states.h order. */
const USAGE_POSITION: Readonly<Record<IrqState, number>> = { HARDIRQ: 0, SOFTIRQ: 2, RECLAIM_FS: 4 };

const TRANSLATION_NOTE =
  "The report predates 4.14: lockdep then tracked filesystem reclaim as the RECLAIM_FS irq-like state. Today (and in reclaimdep) the same facts are dependencies on fs_reclaim: IN-RECLAIM_FS is a shrinker taking the lock, RECLAIM_FS-ON a GFP_KERNEL allocation under it, so the check finds a circular dependency through fs_reclaim.";

/** `IN-HARDIRQ-W`, `SOFTIRQ-ON-R`, `RECLAIM_FS-ON-W` → usage; null for anything else. */
export function parseUsage(text: string): Usage | null {
  const m = /^(IN-)?(HARDIRQ|SOFTIRQ|RECLAIM_FS)(-ON)?-([WR])$/.exec(text);
  if (!m || Boolean(m[1]) === Boolean(m[3])) return null;
  return { state: m[2] as IrqState, inContext: Boolean(m[1]), read: m[4] === "R" };
}

/** `SOFTIRQ`, `HARDIRQ-READ`, `RECLAIM_FS` (the word of an inversion or safe→unsafe report). */
function parseState(text: string | undefined): { state: IrqState; read: boolean } | null {
  const m = /^(HARDIRQ|SOFTIRQ|RECLAIM_FS)(-READ)?$/.exec(text ?? "");
  return m ? { state: m[1] as IrqState, read: Boolean(m[2]) } : null;
}

/** Does the class's usage string show it safe (`-`, `?`) or unsafe (`+`, `?`) for `state`? */
function usageShows(usage: string | null | undefined, state: IrqState, safe: boolean): boolean {
  const i = USAGE_POSITION[state];
  return [usage?.[i], usage?.[i + 1]].some((c) => c === "?" || c === (safe ? "-" : "+"));
}

/** Gives `name` the usage `u`: taken in the handler / with the interrupt on / in reclaim / over an allocation. */
function writeUsage(b: ScenarioBuilder, name: string, u: Usage): void {
  const take: Take = { name, mode: u.read ? "read" : "write" };
  const label = `${name}: ${u.inContext ? `IN-${u.state}` : `${u.state}-ON`}-${u.read ? "R" : "W"}`;
  if (u.state === "RECLAIM_FS") {
    if (u.inContext) b.shrinker(`${label} (taken inside reclaim)`, [take]);
    else b.allocating(`${label} (held over a reclaiming allocation)`, [take]);
  } else if (u.inContext) b.path(label, [take], { entry: HANDLERS[u.state] });
  else b.path(`${label} (interrupts enabled)`, [take]);
}

/** Dependencies along `path` (outer to inner), each taken with interrupts disabled. */
function writePath(b: ScenarioBuilder, path: readonly string[], irqsOff: boolean): void {
  for (let i = 0; i + 1 < path.length; i++) writeEdge(b, path[i]!, { name: path[i + 1]!, trace: [] }, irqsOff);
}

export function writeInconsistent(b: ScenarioBuilder, report: SplatReport): void {
  const lock = report.lock?.name;
  const [before, after] = (report.usage ?? []).map(parseUsage);
  if (!lock || !before || !after) {
    b.partial("the report does not show the lock and both of its usages");
    return;
  }
  writeUsage(b, lock, before);
  writeUsage(b, lock, after);
  if (before.state === "RECLAIM_FS" || after.state === "RECLAIM_FS") {
    b.note(TRANSLATION_NOTE);
    b.expect("circular-dependency", [lock, FS_RECLAIM]);
  } else b.expect("inconsistent-lock-state", [lock]);
}

export function writeInversion(b: ScenarioBuilder, report: SplatReport): void {
  const lock = report.lock?.name;
  const other = report.otherLock;
  const word = parseState(other?.state);
  if (!lock || !other || !word) {
    b.partial("the report does not show both locks and the interrupt state");
    return;
  }
  // `took another, <S>-unsafe lock`: this lock just became safe; `taken by another, <S>-safe`: unsafe.
  const thisSafe = other.relation === "took";
  const safe = thisSafe ? lock : other.lock.name;
  const unsafe = thisSafe ? other.lock.name : lock;
  const chain = report.chainExistsOf;
  const path = chain && chain.length >= 2 && chain[0] === safe && chain[chain.length - 1] === unsafe ? [...chain] : [safe, unsafe];
  const reclaim = word.state === "RECLAIM_FS";
  writePath(b, path, !reclaim);
  // The other lock matched through its read usage when the state is `<S>-READ`.
  const safeUsage: Usage = { state: word.state, inContext: true, read: word.read && thisSafe === false };
  const unsafeUsage: Usage = { state: word.state, inContext: false, read: word.read && thisSafe };
  if (thisSafe) {
    writeUsage(b, unsafe, unsafeUsage);
    writeUsage(b, safe, safeUsage);
  } else {
    writeUsage(b, safe, safeUsage);
    writeUsage(b, unsafe, unsafeUsage);
  }
  if (reclaim) {
    b.note(TRANSLATION_NOTE);
    b.expect("circular-dependency", [...path, FS_RECLAIM]);
  } else b.expect("irq-lock-inversion", path);
}

export function writeSafeUnsafe(b: ScenarioBuilder, report: SplatReport): void {
  const prev = report.holding;
  const next = report.lock;
  const pair = report.safeUnsafe;
  const word = parseState(pair?.state ?? /(HARDIRQ|SOFTIRQ|RECLAIM_FS)(?:-READ)?-safe/.exec(report.title)?.[0]?.replace(/-safe$/, ""));
  if (!prev || !next || !word) {
    b.partial("the report does not show the new dependency and its interrupt state");
    if (prev && next) writePath(b, [prev.name, next.name], true);
    return;
  }
  // Where the safe / unsafe ends are cut off, the usage characters may show the ends themselves.
  const safe = pair?.safeLock?.name ?? (usageShows(prev.usage, word.state, true) ? prev.name : null);
  const unsafe = pair?.unsafeLock?.name ?? (usageShows(next.usage, word.state, false) ? next.name : null);
  const reclaim = word.state === "RECLAIM_FS";
  if (!safe || !unsafe) {
    b.partial(`the report is cut before it names the ${safe ? "unsafe" : "safe"} lock`);
    writePath(b, [prev.name, next.name], !reclaim);
    return;
  }
  writeUsage(b, safe, { state: word.state, inContext: true, read: word.read });
  writeUsage(b, unsafe, { state: word.state, inContext: false, read: false });
  // The dependencies the report lists on each side (assumed direct), then the new one, last.
  if (safe !== prev.name) writePath(b, [safe, prev.name], !reclaim);
  if (unsafe !== next.name) writePath(b, [next.name, unsafe], !reclaim);
  writePath(b, [prev.name, next.name], !reclaim);
  const locks = [safe, prev.name, next.name, unsafe];
  if (reclaim) {
    b.note(TRANSLATION_NOTE);
    b.expect("circular-dependency", [...locks, FS_RECLAIM]);
  } else b.expect("irq-safe-unsafe-order", locks);
}
