/** Facts gathered across a report's sections: every lock class it names, every frame it prints. */
import type { Frame, LockRef, SplatReport } from "./report.js";

/** Every lock class the report names, once. */
export function lockNames(report: SplatReport): string[] {
  const names = new Set<string>();
  const add = (lock: LockRef | null | undefined): void => {
    if (lock) names.add(lock.name);
  };
  add(report.lock);
  add(report.holding);
  for (const link of report.chain) add(link.lock);
  add(report.otherLock?.lock);
  add(report.safeUnsafe?.safeLock);
  add(report.safeUnsafe?.unsafeLock);
  for (const lock of report.heldLocks?.locks ?? []) add(lock);
  return [...names];
}

export function allFrames(report: SplatReport): Frame[] {
  return [
    ...report.chain.flatMap((link) => link.trace),
    ...report.usageTrace,
    ...(report.safeUnsafe ? [...report.safeUnsafe.safeTrace, ...report.safeUnsafe.unsafeTrace] : []),
    ...report.backtrace,
  ];
}
