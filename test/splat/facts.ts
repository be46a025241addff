/**
 * The facts a corpus fixture asserts: the DESIGN §6 JSON entry plus the structure behind it
 * (lock details, chain traces, scenario table, held locks, backtrace functions). Shared by the
 * corpus test and the script comment in SOURCES.md that regenerates expectations.
 */
import type { Frame, LockRef, SplatReport } from "../../src/splat/index.js";
import { toJsonReport } from "../../src/splat/index.js";

const frame = (f: Frame | null): string | null =>
  f === null ? null : `${f.reliable ? "" : "? "}${f.function}${f.offset !== null ? `+0x${f.offset.toString(16)}/0x${(f.size ?? 0).toString(16)}` : ""}${f.module ? ` [${f.module}]` : ""}${f.file ? ` ${f.file}:${f.line}` : ""}${f.inlined ? " [inline]" : ""}${f.context && f.context !== "task" ? ` <${f.context}>` : ""}`;

const lock = (l: LockRef | null) =>
  l === null ? null : { instance: l.instance, name: l.name, usage: l.usage, waitTypes: l.waitTypes ? `${l.waitTypes.outer}:${l.waitTypes.inner}` : null, at: frame(l.at) };

export function factsOf(r: SplatReport) {
  return {
    json: toJsonReport(r),
    lock: lock(r.lock),
    holding: lock(r.holding),
    chain: r.chain.map((c) => ({ index: c.index, lock: lock(c.lock), trace: c.trace.map(frame) })),
    usageTrace: r.usageTrace.map(frame),
    irqContext: r.irqContext,
    otherLock: r.otherLock && { ...r.otherLock, lock: lock(r.otherLock.lock) },
    safeUnsafe: r.safeUnsafe && {
      state: r.safeUnsafe.state,
      safeLock: lock(r.safeUnsafe.safeLock),
      safeTrace: r.safeUnsafe.safeTrace.map(frame),
      unsafeLock: lock(r.safeUnsafe.unsafeLock),
      unsafeTrace: r.safeUnsafe.unsafeTrace.map(frame),
    },
    scenario: r.scenario && { header: r.scenario.header, cpus: r.scenario.cpus, steps: r.scenario.steps.map((s) => `${s.cpu}: ${s.op}`) },
    heldLocks: r.heldLocks && { task: r.heldLocks.task && `${r.heldLocks.task.name}/${r.heldLocks.task.pid}`, count: r.heldLocks.count, locks: r.heldLocks.locks.map(lock) },
    lockdepOff: r.lockdepOff,
    waitContext: r.waitContext && `${r.waitContext.outer}:${r.waitContext.inner}`,
    preemptExpected: r.preemptExpected,
    rcuNestDepth: r.rcuNestDepth,
    preemptDisabledAt: frame(r.preemptDisabledAt),
    backtrace: r.backtrace.map(frame),
    line: r.line,
  };
}
