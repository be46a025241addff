/**
 * Reports about the held-lock stack itself (lockdep-reports.md §2, §6, §8, §9): the same class
 * taken twice, a release of a lock not held, a task ending with locks held, a held lock
 * re-initialised (the interpreter's model of freeing it: `mutex_init` on a held lock), and a
 * `*_nest_lock` acquisition without its nest lock.
 */
import type { SplatReport } from "./report.js";
import type { ScenarioBuilder } from "./scenario-builder.js";
import { primitiveOf } from "./scenario-lock-kinds.js";

export function writeRecursive(b: ScenarioBuilder, report: SplatReport): void {
  const lock = report.lock?.name;
  if (!lock) return b.partial("the report does not show the lock");
  const first = primitiveOf([report.holding?.at ?? null])?.mode;
  const second = primitiveOf([report.lock?.at ?? null, ...report.backtrace])?.mode;
  b.path(`${lock} taken twice`, [first ? { name: report.holding?.name ?? lock, mode: first } : { name: report.holding?.name ?? lock }, second ? { name: lock, mode: second } : { name: lock }]);
  b.expect("recursive-locking", [lock]);
}

export function writeBadUnlock(b: ScenarioBuilder, report: SplatReport): void {
  const lock = report.lock?.name;
  if (!lock) return b.partial("the report does not show the lock");
  b.path(`${lock} released without being held`, [], { body: [`${b.locks.call(lock).release};`] });
  b.expect("bad-unlock-balance", [lock]);
}

export function writeHeldAtExit(b: ScenarioBuilder, report: SplatReport): void {
  const held = report.heldLocks;
  if (!held || held.count > held.locks.length) return b.partial("the held-lock list is cut short");
  b.path("returns with locks held", held.locks.map((l) => ({ name: l.name })), { keepHeld: true });
  b.expect("held-lock-at-exit", held.locks.map((l) => l.name));
}

export function writeHeldFreed(b: ScenarioBuilder, report: SplatReport): void {
  const lock = report.lock?.name;
  const init = lock ? b.locks.init(lock) : "";
  if (!lock || init === "") return b.partial("the report does not show a lock kind that can be re-initialised");
  b.path(`${lock} freed (re-initialised) while held`, [{ name: lock }], { body: [`${init};`] });
  b.expect("held-lock-freed", [lock]);
}

export function writeNestLock(b: ScenarioBuilder, report: SplatReport): void {
  const lock = report.lock?.name;
  const nest = report.nestLock;
  const call = lock && nest ? b.locks.nestCall(lock, nest) : null;
  if (!lock || !nest || !call) return b.partial("the report does not show the lock and its nest lock");
  b.path(`${lock} taken with nest lock ${nest}, which is not held`, [], { body: [`${call.acquire};`, `${call.release};`] });
  b.expect("nested-lock-not-held", [lock]);
}
