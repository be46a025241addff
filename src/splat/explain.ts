/**
 * Plain-words explanation of one report: who holds what, who waits for what, which reclaim
 * mechanism is involved (fs_reclaim, the MMU-notifier map, memalloc scopes, GFP flags) and the
 * usual fixes. Text only; the facts come from the parsed report (report.ts).
 */
import { formatFrame } from "./frames.js";
import type { ChainLink, Frame, SplatReport } from "./report.js";
import { allocatorIn, callerOf, describeUsageChars, describeUsageState, FS_RECLAIM, reclaimersIn } from "./vocabulary.js";
import { fixes } from "./fixes.js";
import { reclaimNotes } from "./reclaim-notes.js";

const q = (name: string): string => `\`${name}\``;

function where(trace: readonly Frame[]): string {
  const frame = callerOf(trace);
  return frame ? ` in ${formatFrame(frame)}` : "";
}

function taskName(report: SplatReport): string {
  return report.task ? `${q(report.task.name)} (pid ${report.task.pid})` : "the task";
}

/**
 * A circular chain in dependency order. Printed links run #k (the held lock) down to #0 (the new
 * one); link j's trace is where it was taken while link j+1 was held, and #0's trace is the
 * current acquisition, made while #k is held (lockdep-reports.md §1).
 */
function describeChain(report: SplatReport): string[] {
  const links: readonly ChainLink[] = report.chain;
  const out: string[] = [];
  for (let j = links.length - 2; j >= 0; j--) {
    const taken = links[j];
    const held = links[j + 1];
    if (taken && held) out.push(describeEdge(held.lock.name, taken.lock.name, taken.trace));
  }
  const newest = links[links.length - 1];
  const heldName = report.holding?.name ?? links[0]?.lock.name;
  if (newest && newest.index === 0 && heldName && links.length >= 2) {
    out.push(`${describeEdge(heldName, newest.lock.name, newest.trace)} (the acquisition that triggered the report)`);
  }
  return out;
}

function describeEdge(held: string, taken: string, trace: readonly Frame[]): string {
  const reclaimers = reclaimersIn(trace);
  if (taken === FS_RECLAIM) {
    const alloc = allocatorIn(trace);
    return `while holding ${q(held)}, a task allocates memory that may enter filesystem reclaim (${q(FS_RECLAIM)})${alloc ? ` via ${alloc.function}` : ""}${where(trace)}`;
  }
  if (held === FS_RECLAIM) {
    const who = reclaimers.length > 0 ? reclaimers.join(", ") : "memory reclaim";
    return `${who} takes ${q(taken)}${where(trace)} while in reclaim (${q(FS_RECLAIM)} held)`;
  }
  return `${q(taken)} is taken while ${q(held)} is held${where(trace)}`;
}

function circular(report: SplatReport): string[] {
  const out: string[] = [];
  const lock = report.lock?.name;
  const held = report.holding?.name;
  if (lock && held) {
    out.push(`${taskName(report)} holds ${q(held)} and wants ${q(lock)}${report.lock?.at ? ` (at ${formatFrame(report.lock.at)})` : ""}.`);
  }
  const steps = describeChain(report);
  if (steps.length > 0) {
    out.push("lockdep has already seen the other half of the cycle:");
    for (const step of steps) out.push(`  - ${step}`);
    out.push("If these paths run at the same time, each waits for a lock the other holds: a deadlock.");
  } else if (report.chain.length > 0) {
    out.push("lockdep has already seen the other half of the cycle; the report is cut before its links.");
  }
  return out;
}

function recursive(report: SplatReport): string[] {
  const name = report.lock?.name ?? report.holding?.name ?? "?";
  const out = [
    `${taskName(report)} already holds a lock of class ${q(name)}${report.holding?.at ? ` (taken at ${formatFrame(report.holding.at)})` : ""} and takes another one of the same class${report.lock?.at ? ` at ${formatFrame(report.lock.at)}` : ""}.`,
  ];
  if (name === FS_RECLAIM) out.push("This is reclaim recursion: an allocation that may reclaim was made while already inside filesystem reclaim.");
  else out.push("If it is the same object, this is a real self-deadlock. If it is two objects of one type (parent/child, two inodes), lockdep needs to be told the nesting order.");
  return out;
}

function inconsistent(report: SplatReport): string[] {
  const name = report.lock?.name ?? "?";
  const out: string[] = [];
  if (report.usage) {
    const [was, now] = report.usage;
    out.push(`${q(name)} was earlier ${describeUsageState(was)} (${was})${where(report.usageTrace)}; now ${taskName(report)} has it ${describeUsageState(now)} (${now}).`);
    if (/RECLAIM_FS/.test(was + now)) {
      out.push("Old kernels (before 4.14) tracked filesystem reclaim like an interrupt: if the lock is held over a __GFP_FS allocation and that allocation enters reclaim, reclaim wanting the same lock deadlocks.");
    } else {
      out.push("If the interrupt arrives on the CPU that holds the lock, the handler spins on a lock its own CPU holds: a deadlock.");
    }
  }
  if (report.irqContext) {
    const c = report.irqContext;
    out.push(`Context at the time: in hardirq ${c.hardirq}, in softirq ${c.softirq}, hardirqs ${c.hardirqsEnabled ? "enabled" : "disabled"}, softirqs ${c.softirqsEnabled ? "enabled" : "disabled"}.`);
  }
  return out;
}

/** How an irq-like state is entered and enabled, in words (RECLAIM_FS is pre-4.14 reclaim tracking). */
function stateWords(state: string): { safe: string; unsafe: string } {
  if (/RECLAIM_FS/.test(state)) return { safe: "taken inside filesystem reclaim", unsafe: "held over an allocation that may enter filesystem reclaim" };
  const irq = /SOFTIRQ/.test(state) ? "softirqs" : "hard interrupts";
  return { safe: `used in ${state.replace(/-READ$/, "")} context`, unsafe: `taken with ${irq} enabled` };
}

function inversion(report: SplatReport): string[] {
  const name = report.lock?.name ?? "?";
  const other = report.otherLock;
  if (!other) return [`${taskName(report)} changed the irq state of ${q(name)}.`];
  const words = stateWords(other.state);
  const relation =
    other.relation === "took"
      ? `${q(name)} is now ${other.state}-safe (${words.safe}) but it was earlier held while taking ${q(other.lock.name)}, which is ${other.state}-unsafe (${words.unsafe})`
      : `${q(name)} is now ${other.state}-unsafe (${words.unsafe}) but it was earlier taken while ${q(other.lock.name)} was held, which is ${other.state}-safe (${words.safe})`;
  const story = /RECLAIM_FS/.test(other.state)
    ? "A task holding the unsafe lock allocates memory and enters reclaim, which wants the safe lock, while another task holds the safe lock and waits for the unsafe one: a deadlock."
    : "One CPU holds the unsafe lock with interrupts on; another disables interrupts and takes the safe lock, then waits for the unsafe one; the interrupt on the first CPU wants the safe lock: a deadlock.";
  return [`${relation}.`, story];
}

function safeUnsafe(report: SplatReport): string[] {
  const pair = report.safeUnsafe;
  const out = [`${taskName(report)} takes ${q(report.lock?.name ?? "?")} while holding ${q(report.holding?.name ?? "?")}.`];
  if (pair) {
    out.push(
      `That connects ${pair.safeLock ? q(pair.safeLock.name) : `a ${pair.state}-safe lock`}, which is ${stateWords(pair.state).safe}${where(pair.safeTrace)}, to ${pair.unsafeLock ? q(pair.unsafeLock.name) : `a ${pair.state}-unsafe lock (not shown in this copy)`}, which is ${stateWords(pair.state).unsafe}${where(pair.unsafeTrace)}: an interrupt arriving while the unsafe lock is held can deadlock against the new order.`,
    );
  }
  return out;
}

/** might_sleep sites and what sleeps there (the `at <file>:<line>` of the headline). */
const SLEEP_SITES = [
  { re: /^kernel\/locking\/mutex\.c$/, what: "mutex_lock() (a mutex can sleep)" },
  { re: /^kernel\/locking\/rwsem\.c$/, what: "down_read()/down_write() (an rw_semaphore can sleep)" },
  { re: /^kernel\/locking\/spinlock_rt\.c$|^kernel\/locking\/rtmutex/, what: "a spinlock_t on PREEMPT_RT, where it is a sleeping lock" },
  { re: /^include\/linux\/sched\/mm\.h$|^mm\/sl[aou]b\.[ch]$|^mm\/page_alloc\.c$|^mm\/vmalloc\.c$/, what: "a memory allocation that may block (might_alloc: a GFP flag with __GFP_DIRECT_RECLAIM)" },
  { re: /^kernel\/workqueue\.c$/, what: "flushing or cancelling work (waits for it)" },
  { re: /^mm\/memory\.c$|^include\/linux\/kernel\.h$/, what: "a user-memory access that may fault, or an explicit might_sleep()" },
] as const;

function sleep(report: SplatReport): string[] {
  const out: string[] = [];
  const place = report.location ? ` at ${report.location.file}:${report.location.line}` : "";
  if (report.kind === "scheduling-while-atomic") {
    out.push(`${taskName(report)} called the scheduler while in atomic context${report.preemptCount !== null ? ` (preempt count 0x${report.preemptCount.toString(16)}: ${describePreemptCount(report.preemptCount)})` : ""}.`);
  } else if (report.nonBlock !== null && report.title.includes("non-blocking section")) {
    out.push(`${taskName(report)} slept inside a non_block_start()/non_block_end() section (count ${report.nonBlock}), e.g. an MMU notifier called as non-blockable by the OOM reaper.`);
  } else {
    out.push(`${taskName(report)} called a function that may sleep${place} while it must not sleep.`);
    const site = SLEEP_SITES.find((entry) => entry.re.test(report.location?.file ?? ""));
    if (site) out.push(`What sleeps there: ${site.what}.`);
  }
  const reasons: string[] = [];
  if (report.inAtomic) reasons.push("preemption is disabled (a spinlock is held, or preempt_disable / an interrupt handler)");
  if (report.irqsDisabled) reasons.push("interrupts are disabled");
  if (report.rcuNestDepth !== null && report.rcuNestDepth > (report.preemptExpected ?? 0) && report.rcuNestDepth > 0) reasons.push("inside rcu_read_lock()");
  if (report.nonBlock !== null && report.nonBlock > 0 && !report.title.includes("non-blocking section")) reasons.push("inside a non_block_start() section");
  if (reasons.length > 0) out.push(`Why it must not sleep: ${reasons.join("; ")}.`);
  const held = report.heldLocks?.locks ?? [];
  if (held.length > 0) out.push(`Locks held: ${held.map((l) => q(l.name)).join(", ")}.`);
  if (report.lockdepOff) out.push("lockdep had already been switched off by an earlier report, so held locks are not listed.");
  if (report.preemptDisabledAt) out.push(`Preemption was disabled at ${formatFrame(report.preemptDisabledAt)}.`);
  return out;
}

function describePreemptCount(count: number): string {
  // include/linux/preempt.h: PREEMPT 0xff, SOFTIRQ 0xff00, HARDIRQ 0xf0000, NMI 0xf00000.
  const parts: string[] = [];
  if (count & 0xff) parts.push(`preempt depth ${count & 0xff}`);
  if (count & 0xff00) parts.push(`softirq ${(count >> 8) & 0xff}`);
  if (count & 0xf0000) parts.push(`hardirq ${(count >> 16) & 0xf}`);
  if (count & 0xf00000) parts.push(`NMI ${(count >> 20) & 0xf}`);
  // Higher bits are flags (PREEMPT_ACTIVE 0x10000000 before 4.2, PREEMPT_NEED_RESCHED on x86).
  const flags = count & ~0xffffff;
  if (flags) parts.push(`flag bits 0x${(flags >>> 0).toString(16)}`);
  return parts.length > 0 ? parts.join(", ") : "no counted section";
}

function otherKinds(report: SplatReport): string[] {
  const name = report.lock?.name ?? "?";
  switch (report.kind) {
    case "bad-unlock-balance":
      return [`${taskName(report)} releases ${q(name)}${report.lock?.at ? ` at ${formatFrame(report.lock.at)}` : ""} but does not hold it: a double unlock, an unlock on an error path that never locked, or an unlock in another task or irq context than the lock.`];
    case "invalid-wait-context": {
      const held = report.heldLocks?.locks ?? [];
      const strictest = [...held].filter((l) => l.waitTypes).sort((a, b) => (a.waitTypes?.inner ?? 9) - (b.waitTypes?.inner ?? 9))[0];
      return [
        `${taskName(report)} takes ${q(name)}${report.lock?.waitTypes ? ` (wait type ${report.lock.waitTypes.inner})` : ""} in a context that may not wait that way${report.waitContext ? ` (task context ${report.waitContext.inner})` : ""}.`,
        strictest ? `The most restrictive held lock is ${q(strictest.name)} (wait type ${strictest.waitTypes?.inner}): e.g. a spinlock_t (a sleeping lock on PREEMPT_RT) inside a raw_spinlock_t, or a mutex inside a spinlock.` : "",
      ].filter((s) => s !== "");
    }
    case "nested-lock-not-held":
      return [`${taskName(report)} takes ${q(name)} with a nest lock (${q(report.nestLock ?? "?")}) that it does not hold.`];
    case "held-lock-freed":
      return [`${taskName(report)} frees memory${report.freedRange ? ` ${report.freedRange.start}-${report.freedRange.end}` : ""} that contains ${q(name)}, which is still held.`];
    case "held-lock-at-exit": {
      const held = report.heldLocks?.locks ?? [];
      return [`${taskName(report)} leaves the kernel (or exits) still holding ${held.length > 0 ? held.map((l) => q(l.name)).join(", ") : "locks"}: some path took a lock and returned without releasing it.`];
    }
    default:
      return [];
  }
}

/** The explanation of one report, as lines of text. */
export function explainReport(report: SplatReport, index = 0): string {
  const lines: string[] = [];
  lines.push(`Report ${index + 1} (line ${report.line}): ${report.title}`);
  const ident = [report.kernel ? `kernel ${report.kernel}` : null, report.taint, report.task ? `task ${report.task.name}/${report.task.pid}${report.task.cpu !== null ? ` on CPU ${report.task.cpu}` : ""}` : null]
    .filter((s): s is string => s !== null)
    .join(", ");
  if (ident) lines.push(ident);
  lines.push("");
  const body =
    report.kind === "circular-dependency"
      ? circular(report)
      : report.kind === "recursive-locking"
        ? recursive(report)
        : report.kind === "inconsistent-lock-state"
          ? inconsistent(report)
          : report.kind === "irq-lock-inversion"
            ? inversion(report)
            : report.kind === "irq-safe-unsafe-order"
              ? safeUnsafe(report)
              : report.kind === "sleep-in-atomic" || report.kind === "scheduling-while-atomic"
                ? sleep(report)
                : otherKinds(report);
  lines.push(...body);
  const notes = reclaimNotes(report);
  if (notes.length > 0) lines.push("", ...notes);
  const usage = report.lock?.usage ? describeUsageChars(report.lock.usage) : [];
  if (usage.length > 0) lines.push("", `Usage of ${q(report.lock?.name ?? "?")} {${report.lock?.usage}}: ${usage.join("; ")}.`);
  const fixList = fixes(report);
  if (fixList.length > 0) lines.push("", "Usual fixes:", ...fixList.map((f) => `  - ${f}`));
  if (report.truncated) lines.push("", "(The report is cut short; the explanation covers what it shows.)");
  return `${lines.join("\n")}\n`;
}

export function explainReports(reports: readonly SplatReport[]): string {
  return reports.map((report, i) => explainReport(report, i)).join("\n");
}
