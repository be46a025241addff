/**
 * The kernel API vocabulary of SCENARIO-LANGUAGE.md as data: call name → what it does to the
 * engine, and where its arguments are. The interpreter looks calls up here; it has no per-name
 * code. Positions are 0-based argument indices.
 */
import type { AcquireMode, LockKind, Toggle } from "../../ir/index.js";

/** An interrupt or preemption effect that brackets a lock operation (`spin_lock_irqsave`). */
export interface LockSideEffect {
  readonly what: Toggle;
  /** spinlock_t/rwlock_t `_irq`/`_irqsave` do not disable hard interrupts on PREEMPT_RT. */
  readonly notOnRt?: boolean;
}

export type ApiOp =
  | {
      readonly op: "acquire";
      readonly kind: LockKind;
      readonly mode: AcquireMode;
      /** Argument holding the lock, or a fixed class for the model's wrappers (`&mm->mmap_lock`). */
      readonly lock: number;
      readonly fixedClass?: string;
      /** A lock inside the named object (a seqlock_t's `seqcount` and `lock`): class `<name>.<member>`. */
      readonly member?: string;
      readonly trylock?: true;
      readonly subclass?: number;
      readonly nestLock?: number;
      /** Validate without holding (`might_lock`, a seqcount reader). */
      readonly momentary?: true;
      readonly before?: LockSideEffect;
    }
  | { readonly op: "release"; readonly kind: LockKind; readonly lock: number; readonly fixedClass?: string; readonly member?: string; readonly after?: LockSideEffect }
  | { readonly op: "downgrade"; readonly kind: LockKind; readonly lock: number; readonly fixedClass?: string }
  /** `mutex_init(&c->lock)`: names the class by its init text; resets the instance. */
  | { readonly op: "init"; readonly kind: LockKind; readonly lock: number }
  | { readonly op: "toggle"; readonly what: Toggle; readonly disable: boolean }
  | { readonly op: "sleep"; readonly certainty: "might" | "actual" }
  /** An allocation; `gfp` is the argument index, or a fixed mask name (vmalloc is GFP_KERNEL). */
  | { readonly op: "alloc"; readonly gfp: number | string }
  | { readonly op: "might-alloc"; readonly gfp: number }
  /** `memalloc_nofs_save()` etc.: returns a token restored by the matching restore. */
  | { readonly op: "scope-save"; readonly scope: string }
  | { readonly op: "scope-restore"; readonly scope: string; readonly token: number }
  | { readonly op: "assert-held"; readonly lock: number }
  /**
   * A wait for an event (DEPT's idea, kernel-facts §7): `event` is the report prefix of the event
   * class, `arg` the argument naming it; `work` events are named after the work item's function.
   */
  | { readonly op: "wait"; readonly event: EventPrefix; readonly arg: number }
  /** The event is signalled: what the signaller did before it becomes a dependency of the event. */
  | { readonly op: "signal"; readonly event: EventPrefix; readonly arg: number }
  | { readonly op: "nothing" };

/** How reports name event classes: `(completion)&dev->done`, `(wq)&q->wait`, `(bit)&b->state`, `(work)loop_workfn`. */
export type EventPrefix = "completion" | "wq" | "bit" | "work" | "wq_completion";

/** A call's meaning: one operation, or several in order (write_seqlock takes two locks). */
export type ApiMeaning = ApiOp | readonly ApiOp[];

type Row = readonly [string, ApiMeaning];

const wait = (event: EventPrefix, arg = 0): ApiOp => ({ op: "wait", event, arg });
const signal = (event: EventPrefix, arg = 0): ApiOp => ({ op: "signal", event, arg });

const acq = (kind: LockKind, mode: AcquireMode = "write", more: Partial<Extract<ApiOp, { op: "acquire" }>> = {}): ApiOp => ({ op: "acquire", kind, mode, lock: 0, ...more });
const rel = (kind: LockKind, more: Partial<Extract<ApiOp, { op: "release" }>> = {}): ApiOp => ({ op: "release", kind, lock: 0, ...more });
const IRQ: LockSideEffect = { what: "hardirqs", notOnRt: true };
const RAW_IRQ: LockSideEffect = { what: "hardirqs" };
const BH: LockSideEffect = { what: "softirqs" };

/** The spinlock-like families share their variants: plain, _irq, _irqsave, _bh, _nested, trylock. */
function spinFamily(prefix: string, unlockPrefix: string, kind: LockKind, mode: AcquireMode, irq: LockSideEffect): Row[] {
  return [
    [`${prefix}`, acq(kind, mode)],
    [`${prefix}_irq`, acq(kind, mode, { before: irq })],
    [`${prefix}_irqsave`, acq(kind, mode, { before: irq })],
    [`${prefix}_bh`, acq(kind, mode, { before: BH })],
    [`${prefix}_nested`, acq(kind, mode, { subclass: 1 })],
    [`${prefix}_irqsave_nested`, acq(kind, mode, { before: irq, subclass: 2 })],
    [`${prefix}_nest_lock`, acq(kind, mode, { nestLock: 1 })],
    [`${unlockPrefix}`, rel(kind)],
    [`${unlockPrefix}_irq`, rel(kind, { after: irq })],
    [`${unlockPrefix}_irqrestore`, rel(kind, { after: irq })],
    [`${unlockPrefix}_bh`, rel(kind, { after: BH })],
  ];
}

function trylocks(prefix: string, kind: LockKind, mode: AcquireMode, irq: LockSideEffect): Row[] {
  return [
    [`${prefix}_trylock`, acq(kind, mode, { trylock: true })],
    [`${prefix}_trylock_irq`, acq(kind, mode, { trylock: true, before: irq })],
    [`${prefix}_trylock_irqsave`, acq(kind, mode, { trylock: true, before: irq })],
    [`${prefix}_trylock_bh`, acq(kind, mode, { trylock: true, before: BH })],
  ];
}

function seqlockWriter(suffix: string, side: LockSideEffect | undefined): Row[] {
  const lockAcq = acq("spinlock", "write", { member: "lock", ...(side ? { before: side } : {}) });
  const lockRel = rel("spinlock", { member: "lock", ...(side ? { after: side } : {}) });
  const restore = suffix === "_irqsave" ? "_irqrestore" : suffix;
  return [
    [`write_seqlock${suffix}`, [lockAcq, acq("seqcount", "write", { member: "seqcount" })]],
    [`write_sequnlock${restore}`, [rel("seqcount", { member: "seqcount" }), lockRel]],
  ];
}

/** An operation done between local_irq_save() and local_irq_restore(). */
const irqsSaved = (op: ApiOp): readonly ApiOp[] => [
  { op: "toggle", what: "hardirqs", disable: true },
  op,
  { op: "toggle", what: "hardirqs", disable: false },
];

const rows: Row[] = [
  // mutex (include/linux/mutex.h)
  ["mutex_lock", acq("mutex")],
  ["mutex_lock_interruptible", acq("mutex")],
  ["mutex_lock_killable", acq("mutex")],
  ["mutex_lock_io", acq("mutex")],
  ["mutex_lock_nested", acq("mutex", "write", { subclass: 1 })],
  ["mutex_lock_interruptible_nested", acq("mutex", "write", { subclass: 1 })],
  ["mutex_lock_killable_nested", acq("mutex", "write", { subclass: 1 })],
  ["mutex_lock_nest_lock", acq("mutex", "write", { nestLock: 1 })],
  ["mutex_trylock", acq("mutex", "write", { trylock: true })],
  ["mutex_unlock", rel("mutex")],
  ["mutex_init", { op: "init", kind: "mutex", lock: 0 }],
  ["rt_mutex_lock", acq("rt_mutex")],
  ["rt_mutex_trylock", acq("rt_mutex", "write", { trylock: true })],
  ["rt_mutex_unlock", rel("rt_mutex")],
  // spinlock_t, raw_spinlock_t, rwlock_t (include/linux/spinlock.h, rwlock.h)
  ...spinFamily("spin_lock", "spin_unlock", "spinlock", "write", IRQ),
  ...trylocks("spin", "spinlock", "write", IRQ),
  ["spin_lock_init", { op: "init", kind: "spinlock", lock: 0 }],
  ...spinFamily("raw_spin_lock", "raw_spin_unlock", "raw_spinlock", "write", RAW_IRQ),
  ...trylocks("raw_spin", "raw_spinlock", "write", RAW_IRQ),
  ["raw_spin_lock_init", { op: "init", kind: "raw_spinlock", lock: 0 }],
  ...spinFamily("read_lock", "read_unlock", "rwlock", "read", IRQ),
  ...spinFamily("write_lock", "write_unlock", "rwlock", "write", IRQ),
  ["read_trylock", acq("rwlock", "read", { trylock: true })],
  ["write_trylock", acq("rwlock", "write", { trylock: true })],
  ["rwlock_init", { op: "init", kind: "rwlock", lock: 0 }],
  // rw_semaphore (include/linux/rwsem.h) and the model's wrappers (mmap_lock.h, fs.h)
  ["down_read", acq("rwsem", "read")],
  ["down_read_killable", acq("rwsem", "read")],
  ["down_read_interruptible", acq("rwsem", "read")],
  ["down_read_nested", acq("rwsem", "read", { subclass: 1 })],
  ["down_read_trylock", acq("rwsem", "read", { trylock: true })],
  ["down_write", acq("rwsem")],
  ["down_write_killable", acq("rwsem")],
  ["down_write_nested", acq("rwsem", "write", { subclass: 1 })],
  ["down_write_nest_lock", acq("rwsem", "write", { nestLock: 1 })],
  ["down_write_trylock", acq("rwsem", "write", { trylock: true })],
  ["up_read", rel("rwsem")],
  ["up_write", rel("rwsem")],
  ["downgrade_write", { op: "downgrade", kind: "rwsem", lock: 0 }],
  ["init_rwsem", { op: "init", kind: "rwsem", lock: 0 }],
  ["mmap_read_lock", acq("rwsem", "read", { fixedClass: "&mm->mmap_lock" })],
  ["mmap_read_lock_killable", acq("rwsem", "read", { fixedClass: "&mm->mmap_lock" })],
  ["mmap_read_trylock", acq("rwsem", "read", { fixedClass: "&mm->mmap_lock", trylock: true })],
  ["mmap_read_unlock", rel("rwsem", { fixedClass: "&mm->mmap_lock" })],
  ["mmap_write_lock", acq("rwsem", "write", { fixedClass: "&mm->mmap_lock" })],
  ["mmap_write_lock_killable", acq("rwsem", "write", { fixedClass: "&mm->mmap_lock" })],
  ["mmap_write_lock_nested", acq("rwsem", "write", { fixedClass: "&mm->mmap_lock", subclass: 1 })],
  ["mmap_write_trylock", acq("rwsem", "write", { fixedClass: "&mm->mmap_lock", trylock: true })],
  ["mmap_write_unlock", rel("rwsem", { fixedClass: "&mm->mmap_lock" })],
  ["mmap_write_downgrade", { op: "downgrade", kind: "rwsem", lock: 0, fixedClass: "&mm->mmap_lock" }],
  ["i_mmap_lock_read", acq("rwsem", "read", { fixedClass: "&mapping->i_mmap_rwsem" })],
  ["i_mmap_trylock_read", acq("rwsem", "read", { fixedClass: "&mapping->i_mmap_rwsem", trylock: true })],
  ["i_mmap_unlock_read", rel("rwsem", { fixedClass: "&mapping->i_mmap_rwsem" })],
  ["i_mmap_lock_write", acq("rwsem", "write", { fixedClass: "&mapping->i_mmap_rwsem" })],
  ["i_mmap_unlock_write", rel("rwsem", { fixedClass: "&mapping->i_mmap_rwsem" })],
  ["anon_vma_lock_read", acq("rwsem", "read", { fixedClass: "&anon_vma->rwsem" })],
  ["anon_vma_trylock_read", acq("rwsem", "read", { fixedClass: "&anon_vma->rwsem", trylock: true })],
  ["anon_vma_unlock_read", rel("rwsem", { fixedClass: "&anon_vma->rwsem" })],
  ["anon_vma_lock_write", acq("rwsem", "write", { fixedClass: "&anon_vma->rwsem" })],
  ["anon_vma_unlock_write", rel("rwsem", { fixedClass: "&anon_vma->rwsem" })],
  ["inode_lock", acq("rwsem", "write", { fixedClass: "&sb->s_type->i_mutex_key" })],
  ["inode_lock_nested", acq("rwsem", "write", { fixedClass: "&sb->s_type->i_mutex_key", subclass: 1 })],
  ["inode_trylock", acq("rwsem", "write", { fixedClass: "&sb->s_type->i_mutex_key", trylock: true })],
  ["inode_unlock", rel("rwsem", { fixedClass: "&sb->s_type->i_mutex_key" })],
  ["inode_lock_shared", acq("rwsem", "read", { fixedClass: "&sb->s_type->i_mutex_key" })],
  ["inode_unlock_shared", rel("rwsem", { fixedClass: "&sb->s_type->i_mutex_key" })],
  // seqlock_t (include/linux/seqlock.h): a spinlock_t `lock` (a sleeping lock on PREEMPT_RT) and
  // a seqcount `seqcount`; the writer takes both, a reader spinning on a writer is a waiter.
  ...seqlockWriter("", undefined),
  ...seqlockWriter("_irq", IRQ),
  ...seqlockWriter("_irqsave", IRQ),
  ...seqlockWriter("_bh", BH),
  ["write_seqcount_begin", acq("seqcount")],
  ["write_seqcount_end", rel("seqcount")],
  // The reader's lockdep access runs with interrupts saved (seqcount_lockdep_reader_access), so
  // a reader never marks irq-enabled usage.
  ["read_seqbegin", irqsSaved(acq("seqcount", "recursive-read", { momentary: true, member: "seqcount" }))],
  ["read_seqcount_begin", irqsSaved(acq("seqcount", "recursive-read", { momentary: true }))],
  ["raw_read_seqcount_begin", { op: "nothing" }],
  ["read_seqretry", { op: "nothing" }],
  ["read_seqcount_retry", { op: "nothing" }],
  ["seqcount_init", { op: "init", kind: "seqcount", lock: 0 }],
  ["seqlock_init", { op: "init", kind: "seqcount", lock: 0 }],
  // lockdep maps (include/linux/lockdep.h)
  ["lock_map_acquire", acq("lockdep_map")],
  ["lock_map_acquire_read", acq("lockdep_map", "recursive-read")],
  ["lock_map_acquire_tryread", acq("lockdep_map", "recursive-read", { trylock: true })],
  ["lock_map_acquire_try", acq("lockdep_map", "write", { trylock: true })],
  ["lock_map_release", rel("lockdep_map")],
  ["might_lock", { op: "acquire", kind: "mutex", mode: "write", lock: 0, momentary: true }],
  ["might_lock_read", { op: "acquire", kind: "rwsem", mode: "read", lock: 0, momentary: true }],
  ["lockdep_assert_held", { op: "assert-held", lock: 0 }],
  ["lockdep_assert_held_write", { op: "assert-held", lock: 0 }],
  ["lockdep_assert_held_read", { op: "assert-held", lock: 0 }],
  // RCU / SRCU / local_lock
  ["rcu_read_lock", { op: "acquire", kind: "rcu", mode: "recursive-read", lock: -1, fixedClass: "rcu_read_lock" }],
  ["rcu_read_unlock", { op: "release", kind: "rcu", lock: -1, fixedClass: "rcu_read_lock" }],
  ["rcu_read_lock_bh", { op: "acquire", kind: "rcu_bh", mode: "recursive-read", lock: -1, fixedClass: "rcu_read_lock_bh", before: BH }],
  ["rcu_read_unlock_bh", { op: "release", kind: "rcu_bh", lock: -1, fixedClass: "rcu_read_lock_bh", after: BH }],
  ["rcu_read_lock_sched", { op: "acquire", kind: "rcu_sched", mode: "recursive-read", lock: -1, fixedClass: "rcu_read_lock_sched", before: { what: "preemption" } }],
  ["rcu_read_unlock_sched", { op: "release", kind: "rcu_sched", lock: -1, fixedClass: "rcu_read_lock_sched", after: { what: "preemption" } }],
  ["srcu_read_lock", acq("srcu", "recursive-read")],
  ["srcu_read_unlock", rel("srcu")],
  ["local_lock", acq("local_lock", "write", { before: { what: "preemption", notOnRt: true } })],
  ["local_lock_irq", acq("local_lock", "write", { before: IRQ })],
  ["local_lock_irqsave", acq("local_lock", "write", { before: IRQ })],
  ["local_unlock", rel("local_lock", { after: { what: "preemption", notOnRt: true } })],
  ["local_unlock_irq", rel("local_lock", { after: IRQ })],
  ["local_unlock_irqrestore", rel("local_lock", { after: IRQ })],
  // contexts (irqflags.h, bottom_half.h, preempt.h, kernel.h)
  ["local_irq_disable", { op: "toggle", what: "hardirqs", disable: true }],
  ["local_irq_enable", { op: "toggle", what: "hardirqs", disable: false }],
  ["local_irq_save", { op: "toggle", what: "hardirqs", disable: true }],
  ["local_irq_restore", { op: "toggle", what: "hardirqs", disable: false }],
  ["local_bh_disable", { op: "toggle", what: "softirqs", disable: true }],
  ["local_bh_enable", { op: "toggle", what: "softirqs", disable: false }],
  ["preempt_disable", { op: "toggle", what: "preemption", disable: true }],
  ["preempt_enable", { op: "toggle", what: "preemption", disable: false }],
  ["preempt_enable_no_resched", { op: "toggle", what: "preemption", disable: false }],
  ["migrate_disable", { op: "nothing" }],
  ["migrate_enable", { op: "nothing" }],
  ["non_block_start", { op: "toggle", what: "blocking", disable: true }],
  ["non_block_end", { op: "toggle", what: "blocking", disable: false }],
  // sleeping
  ["might_sleep", { op: "sleep", certainty: "might" }],
  ["cond_resched", { op: "sleep", certainty: "might" }],
  ["schedule", { op: "sleep", certainty: "actual" }],
  ["schedule_timeout", { op: "sleep", certainty: "actual" }],
  ["io_schedule", { op: "sleep", certainty: "actual" }],
  ["msleep", { op: "sleep", certainty: "actual" }],
  ["msleep_interruptible", { op: "sleep", certainty: "actual" }],
  ["usleep_range", { op: "sleep", certainty: "actual" }],
  ["ssleep", { op: "sleep", certainty: "actual" }],
  // allocation: the gfp argument is wherever the kernel puts it
  ["might_alloc", { op: "might-alloc", gfp: 0 }],
  ["kmalloc", { op: "alloc", gfp: 1 }],
  ["kzalloc", { op: "alloc", gfp: 1 }],
  ["kmalloc_node", { op: "alloc", gfp: 1 }],
  ["kzalloc_node", { op: "alloc", gfp: 1 }],
  ["kcalloc", { op: "alloc", gfp: 2 }],
  ["kmalloc_array", { op: "alloc", gfp: 2 }],
  ["krealloc", { op: "alloc", gfp: 2 }],
  ["kmem_cache_alloc", { op: "alloc", gfp: 1 }],
  ["kmem_cache_zalloc", { op: "alloc", gfp: 1 }],
  ["kmem_cache_alloc_node", { op: "alloc", gfp: 1 }],
  ["alloc_pages", { op: "alloc", gfp: 0 }],
  ["alloc_page", { op: "alloc", gfp: 0 }],
  ["alloc_pages_node", { op: "alloc", gfp: 1 }],
  ["folio_alloc", { op: "alloc", gfp: 0 }],
  ["__get_free_pages", { op: "alloc", gfp: 0 }],
  ["__get_free_page", { op: "alloc", gfp: 0 }],
  ["get_zeroed_page", { op: "alloc", gfp: 0 }],
  ["kvmalloc", { op: "alloc", gfp: 1 }],
  ["kvzalloc", { op: "alloc", gfp: 1 }],
  ["kvcalloc", { op: "alloc", gfp: 2 }],
  ["vmalloc", { op: "alloc", gfp: "GFP_KERNEL" }],
  ["vzalloc", { op: "alloc", gfp: "GFP_KERNEL" }],
  ["mempool_alloc", { op: "alloc", gfp: 1 }],
  ["kstrdup", { op: "alloc", gfp: 1 }],
  ["kstrndup", { op: "alloc", gfp: 2 }],
  ["kmemdup", { op: "alloc", gfp: 2 }],
  ["dma_alloc_coherent", { op: "alloc", gfp: 3 }],
  ["kfree", { op: "nothing" }],
  ["kvfree", { op: "nothing" }],
  ["vfree", { op: "nothing" }],
  // waits and events (kernel/sched/completion.c, wait.h, wait_bit.h, kernel/workqueue.c)
  ["wait_for_completion", wait("completion")],
  ["wait_for_completion_io", wait("completion")],
  ["wait_for_completion_timeout", wait("completion")],
  ["wait_for_completion_io_timeout", wait("completion")],
  ["wait_for_completion_interruptible", wait("completion")],
  ["wait_for_completion_interruptible_timeout", wait("completion")],
  ["wait_for_completion_killable", wait("completion")],
  ["wait_for_completion_killable_timeout", wait("completion")],
  ["complete", signal("completion")],
  ["complete_all", signal("completion")],
  ["wait_event", wait("wq")],
  ["wait_event_timeout", wait("wq")],
  ["wait_event_interruptible", wait("wq")],
  ["wait_event_interruptible_timeout", wait("wq")],
  ["wait_event_killable", wait("wq")],
  ["wait_event_idle", wait("wq")],
  ["wait_event_lock_irq", wait("wq")],
  ["io_wait_event", wait("wq")],
  ["wake_up", signal("wq")],
  ["wake_up_all", signal("wq")],
  ["wake_up_interruptible", signal("wq")],
  ["wake_up_interruptible_all", signal("wq")],
  ["wake_up_locked", signal("wq")],
  ["wait_on_bit", wait("bit")],
  ["wait_on_bit_io", wait("bit")],
  ["wait_on_bit_timeout", wait("bit")],
  ["wait_on_bit_lock", wait("bit")],
  ["wait_on_bit_lock_io", wait("bit")],
  ["out_of_line_wait_on_bit", wait("bit")],
  ["__wait_on_bit", wait("bit")],
  ["wake_up_bit", signal("bit")],
  ["clear_and_wake_up_bit", signal("bit", 1)],
  ["flush_work", wait("work")],
  ["cancel_work_sync", wait("work")],
  ["flush_delayed_work", wait("work")],
  ["cancel_delayed_work_sync", wait("work")],
  ["flush_workqueue", wait("wq_completion")],
  ["drain_workqueue", wait("wq_completion")],
  ["queue_work", { op: "nothing" }],
  ["schedule_work", { op: "nothing" }],
  ["queue_delayed_work", { op: "nothing" }],
  ["init_completion", { op: "nothing" }],
  ["reinit_completion", { op: "nothing" }],
  ["init_waitqueue_head", { op: "nothing" }],
  // SRCU: synchronize_srcu waits for readers (lock_sync on the srcu map since 6.4)
  ["synchronize_srcu", { op: "acquire", kind: "srcu", mode: "write", lock: 0, momentary: true }],
  // allocation scopes (include/linux/sched/mm.h)
  ["memalloc_nofs_save", { op: "scope-save", scope: "nofs" }],
  ["memalloc_nofs_restore", { op: "scope-restore", scope: "nofs", token: 0 }],
  ["memalloc_noio_save", { op: "scope-save", scope: "noio" }],
  ["memalloc_noio_restore", { op: "scope-restore", scope: "noio", token: 0 }],
  ["memalloc_noreclaim_save", { op: "scope-save", scope: "noreclaim" }],
  ["memalloc_noreclaim_restore", { op: "scope-restore", scope: "noreclaim", token: 0 }],
  ["memalloc_pin_save", { op: "scope-save", scope: "pin" }],
  ["memalloc_pin_restore", { op: "scope-restore", scope: "pin", token: 0 }],
];

export const API_VOCABULARY: ReadonlyMap<string, ApiMeaning> = new Map(rows);

/** The vocabulary's `*_init` calls (mutex_init, spin_lock_init, ...): the ones that name a lock's class. */
export const INIT_CALLS: ReadonlySet<string> = new Set([...API_VOCABULARY].filter(([, op]) => !Array.isArray(op) && (op as ApiOp).op === "init").map(([n]) => n));
