/**
 * Fix hints: for a finding that involves an allocation, the smallest change that makes it go
 * away, found by re-checking the whole program with the change made (never a guess: a change
 * that was not verified is not printed). Verified means the finding's cause is gone and no new
 * finding appears.
 */
import type { Finding } from "../engine/index.js";
import type { Stack } from "../ir/index.js";
import { ALLOCATION_LOCKS, FIX_CANDIDATES, SIGNALLER_FIX_CANDIDATES, weakens, type FixCandidate } from "../kernel/fix-candidates.js";
import { allocationActions } from "../kernel/allocation.js";
import { gfpflagsAllowBlocking, type GfpTable } from "../kernel/gfp/index.js";
import { siteKey, type AllocationChange, type AllocationSite } from "../scenario/interpret/interpreter.js";

const cause = (f: Finding): string => `${f.kind}:${[...new Set(f.locks)].sort().join(",")}`;

/** The allocation sites a finding goes through: the stacks of its edges into reclaim pseudo-locks, or its own stack. */
export function allocationSitesOf(f: Finding, sites: ReadonlyMap<string, AllocationSite>): AllocationSite[] {
  const stacks: Stack[] = [];
  for (const d of f.chain) if (ALLOCATION_LOCKS.has(d.to.name)) stacks.push(d.stack);
  if (f.kind === "sleep-in-atomic" || f.kind === "inconsistent-lock-state" || stacks.length === 0) stacks.push(f.stack);
  const found: AllocationSite[] = [];
  for (const st of stacks) {
    const top = st[0];
    const site = top ? sites.get(`${top.file}:${top.line}`) : undefined;
    if (site && !found.includes(site)) found.push(site);
  }
  return found;
}

export interface Rechecker {
  /** Findings of the program re-run with `change`. */
  (change: AllocationChange): readonly Finding[];
}

/** Adds verified fix hints to the findings that involve allocations. */
export function addFixHints(
  findings: readonly Finding[],
  sites: ReadonlyMap<string, AllocationSite>,
  recheck: Rechecker,
  table: GfpTable,
  /** The entry function a task runs (a comm from TASK_NAMED may differ from the function). */
  entryFunction: (comm: string) => string,
  /** Whether the original run's graph has a path between two classes (Engine.reaches). */
  reaches: (from: string, to: string) => boolean,
): Finding[] {
  const before = new Set(findings.map(cause));
  return findings.map((f) => {
    const involved = allocationSitesOf(f, sites);
    if (involved.length === 0) return f;
    // An allocation reached from an event (a signaller's dependency) holds no lock of its own.
    const bySignaller = f.chain.some((d) => ALLOCATION_LOCKS.has(d.to.name) && d.from.name.startsWith("("));
    for (const site of involved) {
      for (const candidate of bySignaller ? SIGNALLER_FIX_CANDIDATES : FIX_CANDIDATES) {
        const change = toChange(candidate, site, f, table);
        if (!change) continue;
        if (certainlyFails(candidate, site, f, table, reaches)) continue;
        const after = recheck(change).map(cause);
        if (after.includes(cause(f)) || after.some((c) => !before.has(c))) continue;
        return { ...f, fix: describe(candidate, site, f, entryFunction(f.task.name)) };
      }
    }
    return f;
  });
}

/**
 * A candidate cannot work when a pseudo-lock the changed allocation would take (its reclaim
 * level's, fs_reclaim, the MMU-notifier map: allocationActions) already reaches the lock the
 * allocation is made under: the changed allocation closes a cycle of its own. Rejected without
 * re-running; candidates that survive are re-run.
 */
function certainlyFails(c: FixCandidate, site: AllocationSite, f: Finding, table: GfpTable, reaches: (from: string, to: string) => boolean): boolean {
  // Sleeping where it must not: only a mask without direct reclaim (or moving it) stops the sleep.
  if (f.kind === "sleep-in-atomic") {
    if (c.kind === "scope" || c.kind === "context-scope") return true;
    if (c.kind === "mask") {
      const g = table.values.get(c.name);
      return g !== undefined && gfpflagsAllowBlocking(g, table);
    }
    return false;
  }
  const held = f.chain.find((d) => ALLOCATION_LOCKS.has(d.to.name))?.from.name;
  if (!held) return false;
  let gfp: number | undefined;
  let flags = 0;
  if (c.kind === "mask") gfp = table.values.get(c.name);
  else if (c.kind === "scope" || c.kind === "context-scope") {
    gfp = site.gfp;
    flags = c.flag;
  }
  if (gfp === undefined) return false;
  return allocationActions(gfp as never, flags as never, table).pseudoLocks.some((pseudo) => reaches(pseudo, held));
}

function toChange(c: FixCandidate, site: AllocationSite, f: Finding, table: GfpTable): AllocationChange | undefined {
  switch (c.kind) {
    case "mask": {
      if (!weakens(site.gfp, c.name, table)) return undefined;
      return { kind: "mask", site: siteKey(site.loc), gfp: table.values.get(c.name)! };
    }
    case "scope": {
      const held = criticalLock(f);
      return held ? { kind: "scope", whileHolding: held, flag: c.flag } : undefined;
    }
    case "context-scope":
      return { kind: "context-scope", entry: f.task.name, flag: c.flag };
    case "hoist":
      return f.heldLocks.length > 0 || f.chain.length > 0 ? { kind: "hoist", site: siteKey(site.loc) } : undefined;
  }
}

/**
 * The outermost lock held where the allocation is made: the critical section to scope. The
 * interpreter matches a scope change by class key or class name, so the printed name serves.
 */
function criticalLock(f: Finding): string | undefined {
  return f.heldLocks.find((h) => !ALLOCATION_LOCKS.has(h.name))?.name;
}

function describe(c: FixCandidate, site: AllocationSite, f: Finding, entry: string): string {
  const where = `${site.call}() at ${site.loc.file}:${site.loc.line}`;
  switch (c.kind) {
    case "mask":
      return `use ${c.name} instead of ${site.gfpText} in ${where}`;
    case "scope": {
      return `wrap the section holding ${criticalLock(f) ?? "the lock"} in memalloc_${c.scope}_save()/memalloc_${c.scope}_restore() (covers ${where})`;
    }
    case "context-scope":
      return `run ${entry}() under memalloc_${c.scope}_save()/memalloc_${c.scope}_restore() (covers ${where})`;
    case "hoist": {
      const first = f.heldLocks[0];
      return `allocate before taking ${first?.name ?? "the first lock"}: move ${where} before ${first?.stack[0] ? `${first.stack[0].file}:${first.stack[0].line}` : "the lock"}`;
    }
  }
}
