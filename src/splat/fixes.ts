/**
 * The usual fixes for each report kind, as kernel developers apply them: GFP_NOFS / GFP_NOIO or
 * `memalloc_nofs_save()` / `memalloc_noio_save()` scopes and allocating before the lock for
 * reclaim cycles (Documentation/core-api/gfp_mask-from-fs-io.rst), nesting annotations for
 * recursive reports, `_bh` / `_irqsave` for irq reports, raw spinlocks for wait-type reports.
 */
import type { SplatReport } from "./report.js";
import { lockNames } from "./report-locks.js";
import { FS_RECLAIM, MMU_NOTIFIER_MAP } from "./vocabulary.js";

const q = (name: string): string => `\`${name}\``;

/** The fixes for one report, one line each. */
export function fixes(report: SplatReport): string[] {
  const names = lockNames(report);
  const reclaim = names.includes(FS_RECLAIM) || /RECLAIM_FS/.test(`${report.usage?.join(" ") ?? ""} ${report.otherLock?.state ?? ""}`);
  const out: string[] = [];
  const other = names.filter((n) => n !== FS_RECLAIM);
  switch (report.kind) {
    case "circular-dependency":
      if (reclaim) {
        out.push(
          `make the allocation under ${other.length > 0 ? q(other[0]!) : "the lock"} not recurse into filesystem reclaim: GFP_NOFS (GFP_NOIO on the block I/O path), or wrap the section in memalloc_nofs_save()/memalloc_nofs_restore() (memalloc_noio_save()/_restore())`,
          "allocate before taking the lock, and pass the memory in",
          "or keep the reclaim side (shrinker, evict, writeback) from taking the lock: a trylock that backs off, or defer the work to a worker",
        );
      } else {
        out.push("take the locks in one global order everywhere", "drop the first lock before taking the second, or move the inner work out of the critical section");
      }
      if (names.some((n) => MMU_NOTIFIER_MAP.test(n))) out.push("for the MMU-notifier map: GFP_NOWAIT/GFP_ATOMIC under the notifier lock, or allocate outside it");
      break;
    case "recursive-locking":
      out.push(
        "if two objects of one class nest, annotate it: mutex_lock_nested(..., SINGLE_DEPTH_NESTING), spin_lock_nested(), down_write_nested(), or a separate class with lockdep_set_class()",
        "if it is the same object, restructure so the lock is not taken twice",
      );
      if (names.includes(FS_RECLAIM)) out.push("inside reclaim, allocate with GFP_NOFS or under memalloc_nofs_save()");
      break;
    case "inconsistent-lock-state":
    case "irq-lock-inversion":
    case "irq-safe-unsafe-order":
      if (reclaim) {
        out.push("use GFP_NOFS for allocations made under the lock, or memalloc_nofs_save()/memalloc_nofs_restore() around the section");
        if (report.usage?.some((u) => /SOFTIRQ|HARDIRQ/.test(u))) out.push("an allocation in interrupt context must not reclaim at all: GFP_ATOMIC or GFP_NOWAIT");
      } else {
        const soft = /SOFTIRQ/.test(`${report.usage?.join(" ") ?? ""} ${report.otherLock?.state ?? ""} ${report.safeUnsafe?.state ?? ""}`);
        out.push(
          soft
            ? "take the lock with bottom halves disabled everywhere outside softirq: spin_lock_bh(), or spin_lock_irqsave() if it is also used in hard interrupts"
            : "take the lock with interrupts disabled everywhere outside the handler: spin_lock_irqsave()/spin_unlock_irqrestore() (or _irq where interrupts are known to be on)",
          "or move the interrupt-side work to process context (a workqueue, a threaded irq)",
        );
      }
      break;
    case "bad-unlock-balance":
      out.push("check every error path for a lock/unlock pair; lockdep_assert_held() before the unlock finds the caller that does not hold it");
      break;
    case "invalid-wait-context":
      out.push("use raw_spinlock_t for a lock taken under a raw spinlock or in hard-irq context, or move the acquisition out of the atomic section", "on PREEMPT_RT spinlock_t sleeps: it must not be taken with interrupts or preemption disabled");
      break;
    case "sleep-in-atomic":
    case "scheduling-while-atomic":
      out.push(
        "do not sleep under a spinlock, rcu_read_lock() or with interrupts disabled: move the sleeping call out of the section",
        "for an allocation there: GFP_ATOMIC or GFP_NOWAIT (and handle failure), or allocate before taking the lock",
        "or use a sleeping lock (mutex) for the outer section if nothing forces it to be atomic",
      );
      break;
    case "held-lock-at-exit":
      out.push("release the lock on every path back to user space; for fs_reclaim, pair fs_reclaim_acquire()/fs_reclaim_release() and memalloc_*_save()/restore()");
      break;
    case "held-lock-freed":
      out.push("release the lock before freeing the object that contains it");
      break;
    case "nested-lock-not-held":
      out.push("take the nest lock first (mutex_lock_nest_lock() needs the outer lock held)");
      break;
  }
  return out;
}
