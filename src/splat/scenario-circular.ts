/**
 * Circular dependency → one code path per dependency of the cycle (lockdep-reports.md §1).
 * The chain is printed `-> #N (HELD)` ... `-> #0 (NEW)`: the trace under `#i` (i ≥ 1) took lock
 * #i while #(i-1) was held, and the current acquisition takes #0 while #N (the held lock) is
 * held. `#0` is often left out of a paste: it is the report's own lock and stack.
 */
import type { Frame, SplatReport } from "./report.js";
import type { ScenarioBuilder } from "./scenario-builder.js";
import { primitiveOf } from "./scenario-lock-kinds.js";
import { formatFrame } from "./frames.js";
import { callerOf } from "./vocabulary.js";

interface Link {
  readonly name: string;
  readonly trace: readonly Frame[];
}

/** `taken` acquired while `held` was held, at `trace` (its mode as the trace shows). */
export function writeEdge(b: ScenarioBuilder, held: string, taken: Link, irqsOff = false): void {
  const where = callerOf(taken.trace);
  const comment = `${taken.name} taken while ${held} is held${where ? ` (${formatFrame(where)})` : ""}`;
  const mode = primitiveOf(taken.trace)?.mode;
  b.edge(comment, { name: held }, mode ? { name: taken.name, mode } : { name: taken.name }, { irqsOff });
}

export function writeCircular(b: ScenarioBuilder, report: SplatReport): void {
  const links = new Map<number, Link>();
  for (const l of report.chain) if (!links.has(l.index)) links.set(l.index, { name: l.lock.name, trace: l.trace });
  if (!links.has(0) && report.lock) links.set(0, { name: report.lock.name, trace: report.backtrace });
  const top = Math.max(-1, ...[...links.keys()].filter((i) => i > 0));
  const missing: number[] = [];
  for (let i = top; i >= 0; i--) if (!links.has(i)) missing.push(i);
  const holding = report.holding?.name ?? null;
  const headOk = top >= 1 && (holding === null || links.get(top)?.name === holding);

  // Known dependencies: #i taken under #(i-1), and the current one, #0 under the held lock.
  for (let i = top; i >= 1; i--) {
    const taken = links.get(i);
    const held = links.get(i - 1);
    if (taken && held) writeEdge(b, held.name, taken);
  }
  const newest = links.get(0);
  const held = holding ?? (top >= 1 ? links.get(top)?.name : undefined);
  if (newest && held) writeEdge(b, held, newest);

  if (top < 1) {
    b.partial("the report ends before its dependency chain; only the dependency being added is written");
    return;
  }
  if (missing.length > 0 || !headOk) {
    b.partial(`the dependency chain is incomplete (${missing.length > 0 ? `links #${missing.join(", #")} missing` : "its first link is not the held lock"}); the cycle cannot be closed`);
    return;
  }
  const order: string[] = [];
  for (let i = 0; i <= top; i++) order.push(links.get(i)!.name);
  b.expect("circular-dependency", order);
}
