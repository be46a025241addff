/**
 * Every row of the API vocabulary (src/kernel/api/vocabulary.ts) run through the whole check
 * pipeline. The expectations here are written from the kernel's headers, not copied from the
 * table: a wrong row (a read lock taken as a writer, a gfp argument looked for in the wrong place)
 * fails a test. The first test makes sure no row goes without a case.
 */
import { describe, expect, it } from "vitest";
import { API_VOCABULARY } from "../../../src/kernel/api/vocabulary.js";
import { findings, only, run, runOk, summary } from "./helpers.js";

// ---------------------------------------------------------------------------------------------
// Acquisitions: what stays held (seen in the held-lock-at-exit report of a function that returns
// with the lock held): class, mode, trylock, subclass, and the wait type that betrays the lock
// kind under PROVE_RAW_LOCK_NESTING (kernel-facts §9.2: raw 2, spinlock_t/rwlock_t/local_lock 3,
// sleeping locks 4, plain lockdep maps and seqcounts 0, RCU 1:3 / sched 1:2).

interface Held {
  /** Arguments as written; `L` is where the lock goes. */
  readonly args: string;
  readonly name: string;
  readonly mode: "write" | "read" | "recursive-read";
  readonly trylock?: true;
  readonly wait: readonly [number, number];
}

const SLEEPING = [4, 4] as const;
const CONFIG = [3, 3] as const;
const SPIN = [2, 2] as const;
const NONE = [0, 0] as const;

/** spinlock_t, raw_spinlock_t and rwlock_t share their variants (include/linux/spinlock.h, rwlock.h). */
function spinVariants(lock: string, mode: Held["mode"], wait: readonly [number, number]): Record<string, Held> {
  return {
    [lock]: { args: "&lk", name: "&lk", mode, wait },
    [`${lock}_irq`]: { args: "&lk", name: "&lk", mode, wait },
    [`${lock}_irqsave`]: { args: "&lk, flags", name: "&lk", mode, wait },
    [`${lock}_bh`]: { args: "&lk", name: "&lk", mode, wait },
    [`${lock}_nested`]: { args: "&lk, SINGLE_DEPTH_NESTING", name: "&lk/1", mode, wait },
    [`${lock}_irqsave_nested`]: { args: "&lk, flags, SINGLE_DEPTH_NESTING", name: "&lk/1", mode, wait },
  };
}

const HELD_AFTER: Readonly<Record<string, Held>> = {
  mutex_lock: { args: "&lk", name: "&lk", mode: "write", wait: SLEEPING },
  mutex_lock_interruptible: { args: "&lk", name: "&lk", mode: "write", wait: SLEEPING },
  mutex_lock_killable: { args: "&lk", name: "&lk", mode: "write", wait: SLEEPING },
  mutex_lock_io: { args: "&lk", name: "&lk", mode: "write", wait: SLEEPING },
  mutex_lock_nested: { args: "&lk, SINGLE_DEPTH_NESTING", name: "&lk/1", mode: "write", wait: SLEEPING },
  mutex_lock_interruptible_nested: { args: "&lk, 1", name: "&lk/1", mode: "write", wait: SLEEPING },
  mutex_lock_killable_nested: { args: "&lk, 1", name: "&lk/1", mode: "write", wait: SLEEPING },
  mutex_trylock: { args: "&lk", name: "&lk", mode: "write", trylock: true, wait: SLEEPING },
  rt_mutex_lock: { args: "&lk", name: "&lk", mode: "write", wait: SLEEPING },
  rt_mutex_trylock: { args: "&lk", name: "&lk", mode: "write", trylock: true, wait: SLEEPING },
  ...spinVariants("spin_lock", "write", CONFIG),
  spin_trylock: { args: "&lk", name: "&lk", mode: "write", trylock: true, wait: CONFIG },
  spin_trylock_irq: { args: "&lk", name: "&lk", mode: "write", trylock: true, wait: CONFIG },
  spin_trylock_irqsave: { args: "&lk, flags", name: "&lk", mode: "write", trylock: true, wait: CONFIG },
  spin_trylock_bh: { args: "&lk", name: "&lk", mode: "write", trylock: true, wait: CONFIG },
  ...spinVariants("raw_spin_lock", "write", SPIN),
  raw_spin_trylock: { args: "&lk", name: "&lk", mode: "write", trylock: true, wait: SPIN },
  raw_spin_trylock_irq: { args: "&lk", name: "&lk", mode: "write", trylock: true, wait: SPIN },
  raw_spin_trylock_irqsave: { args: "&lk, flags", name: "&lk", mode: "write", trylock: true, wait: SPIN },
  raw_spin_trylock_bh: { args: "&lk", name: "&lk", mode: "write", trylock: true, wait: SPIN },
  // read_lock outside interrupts is a non-recursive reader with queued rwlocks (read_lock_is_recursive()).
  ...spinVariants("read_lock", "read", CONFIG),
  ...spinVariants("write_lock", "write", CONFIG),
  read_trylock: { args: "&lk", name: "&lk", mode: "read", trylock: true, wait: CONFIG },
  write_trylock: { args: "&lk", name: "&lk", mode: "write", trylock: true, wait: CONFIG },
  down_read: { args: "&lk", name: "&lk", mode: "read", wait: SLEEPING },
  down_read_killable: { args: "&lk", name: "&lk", mode: "read", wait: SLEEPING },
  down_read_interruptible: { args: "&lk", name: "&lk", mode: "read", wait: SLEEPING },
  down_read_nested: { args: "&lk, 1", name: "&lk/1", mode: "read", wait: SLEEPING },
  down_read_trylock: { args: "&lk", name: "&lk", mode: "read", trylock: true, wait: SLEEPING },
  down_write: { args: "&lk", name: "&lk", mode: "write", wait: SLEEPING },
  down_write_killable: { args: "&lk", name: "&lk", mode: "write", wait: SLEEPING },
  down_write_nested: { args: "&lk, 1", name: "&lk/1", mode: "write", wait: SLEEPING },
  down_write_trylock: { args: "&lk", name: "&lk", mode: "write", trylock: true, wait: SLEEPING },
  // The model's wrappers name the class as lockdep does, whatever their argument.
  mmap_read_lock: { args: "vma->vm_mm", name: "&mm->mmap_lock", mode: "read", wait: SLEEPING },
  mmap_read_lock_killable: { args: "current->mm", name: "&mm->mmap_lock", mode: "read", wait: SLEEPING },
  mmap_read_trylock: { args: "mm", name: "&mm->mmap_lock", mode: "read", trylock: true, wait: SLEEPING },
  mmap_write_lock: { args: "mm", name: "&mm->mmap_lock", mode: "write", wait: SLEEPING },
  mmap_write_lock_killable: { args: "mm", name: "&mm->mmap_lock", mode: "write", wait: SLEEPING },
  mmap_write_lock_nested: { args: "mm, SINGLE_DEPTH_NESTING", name: "&mm->mmap_lock/1", mode: "write", wait: SLEEPING },
  mmap_write_trylock: { args: "mm", name: "&mm->mmap_lock", mode: "write", trylock: true, wait: SLEEPING },
  i_mmap_lock_read: { args: "inode->i_mapping", name: "&mapping->i_mmap_rwsem", mode: "read", wait: SLEEPING },
  i_mmap_trylock_read: { args: "mapping", name: "&mapping->i_mmap_rwsem", mode: "read", trylock: true, wait: SLEEPING },
  i_mmap_lock_write: { args: "mapping", name: "&mapping->i_mmap_rwsem", mode: "write", wait: SLEEPING },
  anon_vma_lock_read: { args: "av", name: "&anon_vma->rwsem", mode: "read", wait: SLEEPING },
  anon_vma_trylock_read: { args: "av", name: "&anon_vma->rwsem", mode: "read", trylock: true, wait: SLEEPING },
  anon_vma_lock_write: { args: "vma->anon_vma", name: "&anon_vma->rwsem", mode: "write", wait: SLEEPING },
  inode_lock: { args: "dir", name: "&sb->s_type->i_mutex_key", mode: "write", wait: SLEEPING },
  inode_lock_nested: { args: "dir, I_MUTEX_PARENT", name: "&sb->s_type->i_mutex_key/1", mode: "write", wait: SLEEPING },
  inode_trylock: { args: "inode", name: "&sb->s_type->i_mutex_key", mode: "write", trylock: true, wait: SLEEPING },
  inode_lock_shared: { args: "inode", name: "&sb->s_type->i_mutex_key", mode: "read", wait: SLEEPING },
  write_seqcount_begin: { args: "&lk", name: "&lk", mode: "write", wait: NONE },
  lock_map_acquire: { args: "&lk", name: "&lk", mode: "write", wait: NONE },
  lock_map_acquire_read: { args: "&lk", name: "&lk", mode: "recursive-read", wait: NONE },
  lock_map_acquire_tryread: { args: "&lk", name: "&lk", mode: "recursive-read", trylock: true, wait: NONE },
  lock_map_acquire_try: { args: "&lk", name: "&lk", mode: "write", trylock: true, wait: NONE },
  rcu_read_lock: { args: "", name: "rcu_read_lock", mode: "recursive-read", wait: [1, 3] },
  rcu_read_lock_bh: { args: "", name: "rcu_read_lock_bh", mode: "recursive-read", wait: [1, 3] },
  rcu_read_lock_sched: { args: "", name: "rcu_read_lock_sched", mode: "recursive-read", wait: [1, 2] },
  srcu_read_lock: { args: "&lk", name: "&lk", mode: "recursive-read", wait: NONE },
  local_lock: { args: "&lk", name: "&lk", mode: "write", wait: CONFIG },
  local_lock_irq: { args: "&lk", name: "&lk", mode: "write", wait: CONFIG },
  local_lock_irqsave: { args: "&lk, flags", name: "&lk", mode: "write", wait: CONFIG },
};

/**
 * seqlock_t writers take the embedded spinlock_t `lock`, then the `seqcount` (include/linux/seqlock.h,
 * write_seqlock → spin_lock(&sl->lock); do_write_seqcount_begin(&sl->seqcount.seqcount)).
 */
const SEQLOCK_WRITERS: Readonly<Record<string, string>> = {
  write_seqlock: "&lk",
  write_seqlock_irq: "&lk",
  write_seqlock_irqsave: "&lk, flags",
  write_seqlock_bh: "&lk",
};

/** `*_nest_lock(l, nest)`: held under the outer lock it names (lockdep's nest_lock). */
const NEST_LOCK: Readonly<Record<string, Held["mode"]>> = {
  mutex_lock_nest_lock: "write",
  spin_lock_nest_lock: "write",
  raw_spin_lock_nest_lock: "write",
  read_lock_nest_lock: "read",
  write_lock_nest_lock: "write",
  down_write_nest_lock: "write",
};

/** Acquisitions that only validate (nothing stays held). */
const MOMENTARY = ["might_lock", "might_lock_read", "read_seqbegin", "read_seqcount_begin"] as const;

// Releases, with the acquisition each undoes.
const RELEASES: Readonly<Record<string, string>> = {
  mutex_unlock: "mutex_lock(&lk)",
  rt_mutex_unlock: "rt_mutex_lock(&lk)",
  spin_unlock: "spin_lock(&lk)",
  spin_unlock_irq: "spin_lock_irq(&lk)",
  spin_unlock_irqrestore: "spin_lock_irqsave(&lk, flags)",
  spin_unlock_bh: "spin_lock_bh(&lk)",
  raw_spin_unlock: "raw_spin_lock(&lk)",
  raw_spin_unlock_irq: "raw_spin_lock_irq(&lk)",
  raw_spin_unlock_irqrestore: "raw_spin_lock_irqsave(&lk, flags)",
  raw_spin_unlock_bh: "raw_spin_lock_bh(&lk)",
  read_unlock: "read_lock(&lk)",
  read_unlock_irq: "read_lock_irq(&lk)",
  read_unlock_irqrestore: "read_lock_irqsave(&lk, flags)",
  read_unlock_bh: "read_lock_bh(&lk)",
  write_unlock: "write_lock(&lk)",
  write_unlock_irq: "write_lock_irq(&lk)",
  write_unlock_irqrestore: "write_lock_irqsave(&lk, flags)",
  write_unlock_bh: "write_lock_bh(&lk)",
  up_read: "down_read(&lk)",
  up_write: "down_write(&lk)",
  mmap_read_unlock: "mmap_read_lock(mm)",
  mmap_write_unlock: "mmap_write_lock(mm)",
  i_mmap_unlock_read: "i_mmap_lock_read(mapping)",
  i_mmap_unlock_write: "i_mmap_lock_write(mapping)",
  anon_vma_unlock_read: "anon_vma_lock_read(av)",
  anon_vma_unlock_write: "anon_vma_lock_write(av)",
  inode_unlock: "inode_lock(inode)",
  inode_unlock_shared: "inode_lock_shared(inode)",
  write_sequnlock: "write_seqlock(&lk)",
  write_sequnlock_irq: "write_seqlock_irq(&lk)",
  write_sequnlock_irqrestore: "write_seqlock_irqsave(&lk, flags)",
  write_sequnlock_bh: "write_seqlock_bh(&lk)",
  write_seqcount_end: "write_seqcount_begin(&lk)",
  lock_map_release: "lock_map_acquire(&lk)",
  rcu_read_unlock: "rcu_read_lock()",
  rcu_read_unlock_bh: "rcu_read_lock_bh()",
  rcu_read_unlock_sched: "rcu_read_lock_sched()",
  srcu_read_unlock: "idx = srcu_read_lock(&lk)",
  local_unlock: "local_lock(&lk)",
  local_unlock_irq: "local_lock_irq(&lk)",
  local_unlock_irqrestore: "local_lock_irqsave(&lk, flags)",
};

/** The release call's arguments (the lock where the acquisition had it). */
function releaseCall(name: string, acquire: string): string {
  const lockArg = acquire.slice(acquire.indexOf("(") + 1, acquire.indexOf(")")).split(",")[0]!.trim();
  if (name === "srcu_read_unlock") return "srcu_read_unlock(&lk, idx)";
  if (name.endsWith("irqrestore")) return `${name}(${lockArg}, flags)`;
  return `${name}(${lockArg})`;
}

const SLEEPS: Readonly<Record<string, { args: string; certainty: "might" | "actual" }>> = {
  might_sleep: { args: "", certainty: "might" },
  cond_resched: { args: "", certainty: "might" },
  schedule: { args: "", certainty: "actual" },
  schedule_timeout: { args: "HZ", certainty: "actual" },
  io_schedule: { args: "", certainty: "actual" },
  msleep: { args: "10", certainty: "actual" },
  msleep_interruptible: { args: "10", certainty: "actual" },
  usleep_range: { args: "10, 20", certainty: "actual" },
  ssleep: { args: "1", certainty: "actual" },
};

/** Each allocation call with `G` where the kernel puts the gfp argument. */
const ALLOCATIONS: Readonly<Record<string, string>> = {
  kmalloc: "64, G",
  kzalloc: "sizeof(*p), G",
  kmalloc_node: "64, G, NUMA_NO_NODE",
  kzalloc_node: "64, G, nid",
  kcalloc: "n, sizeof(*p), G",
  kmalloc_array: "n, 8, G",
  krealloc: "p, 128, G",
  kmem_cache_alloc: "cachep, G",
  kmem_cache_zalloc: "cachep, G",
  kmem_cache_alloc_node: "cachep, G, nid",
  alloc_pages: "G, 0",
  alloc_page: "G",
  alloc_pages_node: "nid, G, 0",
  folio_alloc: "G, 2",
  __get_free_pages: "G, 1",
  __get_free_page: "G",
  get_zeroed_page: "G",
  kvmalloc: "size, G",
  kvzalloc: "size, G",
  kvcalloc: "n, size, G",
  mempool_alloc: "pool, G",
  kstrdup: "name, G",
  kstrndup: "name, 16, G",
  kmemdup: "src, len, G",
  dma_alloc_coherent: "dev, size, &handle, G",
  might_alloc: "G",
};

/** Allocations that always use GFP_KERNEL (mm/vmalloc.c). */
const ALWAYS_GFP_KERNEL = { vmalloc: "size", vzalloc: "size" } as const;

const FREES = ["kfree", "kvfree", "vfree"] as const;
const NOTHING = [
  "read_seqretry", "read_seqcount_retry", "raw_read_seqcount_begin", "migrate_disable", "migrate_enable",
  "queue_work", "schedule_work", "queue_delayed_work", "init_completion", "reinit_completion", "init_waitqueue_head",
] as const;
/** Waits on events and their signals (include/linux/completion.h, wait.h, wait_bit.h, workqueue.h). */
const WAIT_FAMILIES: Readonly<Record<string, { readonly prefix: string; readonly waits: Readonly<Record<string, string>> }>> = {
  completion: {
    prefix: "(completion)",
    waits: {
      wait_for_completion: "&d->done",
      wait_for_completion_io: "&d->done",
      wait_for_completion_timeout: "&d->done, HZ",
      wait_for_completion_io_timeout: "&d->done, HZ",
      wait_for_completion_interruptible: "&d->done",
      wait_for_completion_interruptible_timeout: "&d->done, HZ",
      wait_for_completion_killable: "&d->done",
      wait_for_completion_killable_timeout: "&d->done, HZ",
    },
  },
  wq: {
    prefix: "(wq)",
    waits: {
      wait_event: "d->wait, d->ready",
      wait_event_timeout: "d->wait, d->ready, HZ",
      wait_event_interruptible: "d->wait, d->ready",
      wait_event_interruptible_timeout: "d->wait, d->ready, HZ",
      wait_event_killable: "d->wait, d->ready",
      wait_event_idle: "d->wait, d->ready",
      wait_event_lock_irq: "d->wait, d->ready, d->wait.lock",
      io_wait_event: "d->wait, d->ready",
    },
  },
  bit: {
    prefix: "(bit)",
    waits: {
      wait_on_bit: "&d->flags, DEV_BUSY, TASK_UNINTERRUPTIBLE",
      wait_on_bit_io: "&d->flags, DEV_BUSY, TASK_UNINTERRUPTIBLE",
      wait_on_bit_timeout: "&d->flags, DEV_BUSY, TASK_UNINTERRUPTIBLE, HZ",
      wait_on_bit_lock: "&d->flags, DEV_BUSY, TASK_UNINTERRUPTIBLE",
      wait_on_bit_lock_io: "&d->flags, DEV_BUSY, TASK_UNINTERRUPTIBLE",
      out_of_line_wait_on_bit: "&d->flags, DEV_BUSY, action, TASK_UNINTERRUPTIBLE",
      __wait_on_bit: "wq_head, wbq_entry, action, TASK_UNINTERRUPTIBLE",
    },
  },
  work: {
    prefix: "(work)",
    waits: { flush_work: "&reset_work", cancel_work_sync: "&reset_work", flush_delayed_work: "&poll_work", cancel_delayed_work_sync: "&poll_work" },
  },
  wq_completion: { prefix: "(wq_completion)", waits: { flush_workqueue: "dev_wq", drain_workqueue: "dev_wq" } },
};

/** Each signal with the event argument written as the kernel writes it. */
const SIGNALS: Readonly<Record<string, { readonly family: string; readonly args: string }>> = {
  complete: { family: "completion", args: "&d->done" },
  complete_all: { family: "completion", args: "&d->done" },
  wake_up: { family: "wq", args: "&d->wait" },
  wake_up_all: { family: "wq", args: "&d->wait" },
  wake_up_interruptible: { family: "wq", args: "&d->wait" },
  wake_up_interruptible_all: { family: "wq", args: "&d->wait" },
  wake_up_locked: { family: "wq", args: "&d->wait" },
  wake_up_bit: { family: "bit", args: "&d->flags, DEV_BUSY" },
  clear_and_wake_up_bit: { family: "bit", args: "DEV_BUSY, &d->flags" },
};
const CANONICAL_WAIT: Readonly<Record<string, string>> = {
  completion: "wait_for_completion(&d->done)",
  wq: "wait_event(d->wait, d->ready)",
  bit: "wait_on_bit(&d->flags, DEV_BUSY, TASK_UNINTERRUPTIBLE)",
};
const CANONICAL_SIGNAL: Readonly<Record<string, string>> = {
  completion: "complete(&d->done)",
  wq: "wake_up(&d->wait)",
  bit: "wake_up_bit(&d->flags, DEV_BUSY)",
};
const ASSERTS = ["lockdep_assert_held", "lockdep_assert_held_write", "lockdep_assert_held_read"] as const;

/** `*_init(l)` and the kind it gives `l`, paired with a use of another kind. */
const INITS: Readonly<Record<string, string>> = {
  mutex_init: "spin_lock(&o->lk)",
  spin_lock_init: "mutex_lock(&o->lk)",
  raw_spin_lock_init: "mutex_lock(&o->lk)",
  rwlock_init: "down_read(&o->lk)",
  init_rwsem: "spin_lock(&o->lk)",
  seqcount_init: "mutex_lock(&o->lk)",
  seqlock_init: "spin_lock(&o->lk)",
};

const DOWNGRADES: Readonly<Record<string, { acquire: string; name: string }>> = {
  downgrade_write: { acquire: "down_write(&lk)", name: "&lk" },
  mmap_write_downgrade: { acquire: "mmap_write_lock(mm)", name: "&mm->mmap_lock" },
};

const TOGGLES = [
  "local_irq_disable", "local_irq_enable", "local_irq_save", "local_irq_restore",
  "local_bh_disable", "local_bh_enable", "preempt_disable", "preempt_enable", "preempt_enable_no_resched",
  "non_block_start", "non_block_end",
] as const;

const SCOPES = [
  "memalloc_nofs_save", "memalloc_nofs_restore", "memalloc_noio_save", "memalloc_noio_restore",
  "memalloc_noreclaim_save", "memalloc_noreclaim_restore", "memalloc_pin_save", "memalloc_pin_restore",
] as const;

describe("the vocabulary table", () => {
  it("has a case below for every row", () => {
    const covered = new Set<string>([
      ...Object.keys(HELD_AFTER), ...Object.keys(SEQLOCK_WRITERS), ...Object.keys(NEST_LOCK), ...MOMENTARY, ...Object.keys(RELEASES), ...Object.keys(SLEEPS),
      ...Object.keys(ALLOCATIONS), ...Object.keys(ALWAYS_GFP_KERNEL), ...FREES, ...NOTHING, ...ASSERTS, ...Object.keys(INITS),
      ...Object.keys(DOWNGRADES), ...TOGGLES, ...SCOPES,
      ...Object.values(WAIT_FAMILIES).flatMap((f) => Object.keys(f.waits)), ...Object.keys(SIGNALS), "synchronize_srcu",
    ]);
    const rows = [...API_VOCABULARY.keys()];
    expect(rows.filter((r) => !covered.has(r))).toEqual([]);
    expect([...covered].filter((c) => !API_VOCABULARY.has(c))).toEqual([]);
  });
});

describe("acquisitions", () => {
  it.each(Object.entries(HELD_AFTER))("%s leaves its lock held with its mode, trylock bit, subclass and kind", async (name, held) => {
    const result = await runOk(`void t(void)\n{\n\tunsigned long flags;\n\n\tif (${name}(${held.args}))\n\t\treturn;\n}\n`, {
      config: ["PROVE_RAW_LOCK_NESTING"],
    });
    const exit = only(result.findings, "held-lock-at-exit");
    expect(exit.locks).toEqual([held.name]);
    expect(exit.heldLocks.map((h) => ({ name: h.name, mode: h.mode, trylock: h.trylock, wait: [h.wait.outer, h.wait.inner] }))).toEqual([
      { name: held.name, mode: held.mode, trylock: held.trylock === true, wait: [...held.wait] },
    ]);
    expect(result.unknownCalls).toEqual([]);
  });

  it.each(Object.entries(SEQLOCK_WRITERS))("%s holds the seqlock's spinlock and its seqcount", async (name, args) => {
    const result = await runOk(`void t(void)\n{\n\tunsigned long flags;\n\n\t${name}(${args});\n}\n`, { config: ["PROVE_RAW_LOCK_NESTING"] });
    const exit = only(result.findings, "held-lock-at-exit");
    expect(exit.heldLocks.map((h) => [h.name, h.mode, h.wait.inner])).toEqual([
      ["&lk.lock", "write", 3],
      ["&lk.seqcount", "write", 0],
    ]);
  });

  it.each(Object.entries(NEST_LOCK))("%s is fine under its nest lock and reported without it", async (name, mode) => {
    const under = await findings(`DEFINE_MUTEX(big);\nvoid t(struct obj *a, struct obj *b)\n{\n\tmutex_lock(&big);\n\t${name}(&a->lk, &big);\n\t${name}(&b->lk, &big);\n}\n`);
    // Two locks of one class under the nest lock: no recursive-locking, just the held locks at exit.
    expect(under.map((f) => f.kind)).toEqual(["held-lock-at-exit"]);
    expect(under[0]!.heldLocks.map((h) => [h.name, h.mode])).toEqual([["big", "write"], ["&a->lk", mode], ["&b->lk", mode]]);
    const alone = await findings(`DEFINE_MUTEX(big);\nvoid t(struct obj *a)\n{\n\t${name}(&a->lk, &big);\n}\n`);
    expect(only(alone, "nested-lock-not-held").locks).toEqual(["&a->lk"]);
  });

  it("the kind decides the wait-type nesting: sleeping → spinlock_t → raw_spinlock_t (kernel-facts §9.1)", async () => {
    const nest = (outer: string, inner: string): string =>
      `DEFINE_RAW_SPINLOCK(r);\nDEFINE_SPINLOCK(s);\nDEFINE_MUTEX(m);\nvoid t(void)\n{\n\t${outer}_lock(&${outer === "raw_spin" ? "r" : outer === "spin" ? "s" : "m"});\n` +
      `\t${inner}_lock(&${inner === "raw_spin" ? "r" : inner === "spin" ? "s" : "m"});\n\t${inner}_unlock(&${inner === "raw_spin" ? "r" : inner === "spin" ? "s" : "m"});\n` +
      `\t${outer}_unlock(&${outer === "raw_spin" ? "r" : outer === "spin" ? "s" : "m"});\n}\n`;
    // spinlock_t inside raw_spinlock_t: only where spinlock_t can sleep (RT) or the nesting is proved.
    expect(await summary(nest("raw_spin", "spin"))).toEqual([]);
    expect(await summary(nest("raw_spin", "spin"), { config: ["PREEMPT_RT"] })).toEqual(["invalid-wait-context s r"]);
    expect(await summary(nest("raw_spin", "spin"), { config: ["PROVE_RAW_LOCK_NESTING"] })).toEqual(["invalid-wait-context s r"]);
    // A mutex inside any spinning lock, always; the other way round, never.
    expect(await summary(nest("spin", "mutex"))).toEqual(["invalid-wait-context m s"]);
    expect(await summary(nest("raw_spin", "mutex"))).toEqual(["invalid-wait-context m r"]);
    expect(await summary(nest("mutex", "spin"))).toEqual([]);
    expect(await summary(nest("spin", "raw_spin"), { config: ["PREEMPT_RT", "PROVE_RAW_LOCK_NESTING"] })).toEqual([]);
  });

  it("a trylock holds the lock on its success path only", async () => {
    const success = await findings(`DEFINE_SPINLOCK(s);\nvoid t(void)\n{\n\tif (spin_trylock(&s)) {\n\t\tmsleep(1);\n\t\tspin_unlock(&s);\n\t}\n}\n`);
    expect(only(success, "sleep-in-atomic").locks).toEqual(["s"]);
    expect(await summary(`DEFINE_SPINLOCK(s);\nvoid t(void)\n{\n\tif (!spin_trylock(&s)) {\n\t\tmsleep(1);\n\t\treturn;\n\t}\n\tspin_unlock(&s);\n}\n`)).toEqual([]);
  });

  it("a trylock adds no dependency from the locks already held", async () => {
    const source = `DEFINE_MUTEX(a);\nDEFINE_MUTEX(b);\nvoid t1(void)\n{\n\tmutex_lock(&a);\n\tif (mutex_trylock(&b))\n\t\tmutex_unlock(&b);\n\tmutex_unlock(&a);\n}\nvoid t2(void)\n{\n\tmutex_lock(&b);\n\tmutex_lock(&a);\n\tmutex_unlock(&a);\n\tmutex_unlock(&b);\n}\n`;
    expect(await summary(source)).toEqual([]);
    expect(await summary(source.replace("mutex_trylock(&b)", "mutex_lock_interruptible(&b)"))).toEqual(["circular-dependency a b"]);
  });

  it("a subclass makes the same class nest without a recursive-locking report", async () => {
    const parent = `struct obj { struct mutex lock; };\nvoid t(struct obj *p, struct obj *c)\n{\n\tmutex_lock(&p->lock);\n\tLOCK_CHILD;\n\tmutex_unlock(&c->lock);\n\tmutex_unlock(&p->lock);\n}\n`;
    expect(await summary(parent.replace("LOCK_CHILD", "mutex_lock_nested(&c->lock, SINGLE_DEPTH_NESTING)"))).toEqual([]);
    const recursive = await findings(parent.replace("LOCK_CHILD", "mutex_lock(&c->lock)"));
    expect(only(recursive, "recursive-locking").locks).toEqual(["&p->lock"]);
  });

  it("the mode decides a cycle: recursive readers on both sides of a map are no deadlock, writers are", async () => {
    const source = (acquire: string): string =>
      `DEFINE_MUTEX(x);\nstatic struct lockdep_map m = STATIC_LOCKDEP_MAP_INIT("m", &m);\n` +
      `void t1(void)\n{\n\t${acquire}(&m);\n\tmutex_lock(&x);\n\tmutex_unlock(&x);\n\tlock_map_release(&m);\n}\n` +
      `void t2(void)\n{\n\tmutex_lock(&x);\n\t${acquire}(&m);\n\tlock_map_release(&m);\n\tmutex_unlock(&x);\n}\n`;
    expect(await summary(source("lock_map_acquire_read"))).toEqual([]);
    expect(await summary(source("lock_map_acquire"))).toEqual(["circular-dependency m x"]);
  });

  it("down_read twice is recursive locking; rcu_read_lock twice is not", async () => {
    expect(await summary(`DECLARE_RWSEM(s);\nvoid t(void)\n{\n\tdown_read(&s);\n\tdown_read(&s);\n\tup_read(&s);\n\tup_read(&s);\n}\n`)).toEqual(["recursive-locking s"]);
    expect(await summary(`void t(void)\n{\n\trcu_read_lock();\n\trcu_read_lock();\n\trcu_read_unlock();\n\trcu_read_unlock();\n}\n`)).toEqual([]);
  });

  it("might_lock and might_lock_read add the dependency without holding the lock", async () => {
    for (const [call, init] of [["might_lock", "DEFINE_MUTEX(b);"], ["might_lock_read", "DECLARE_RWSEM(b);"]] as const) {
      const take = call === "might_lock" ? "mutex_lock(&b)" : "down_write(&b)";
      const drop = call === "might_lock" ? "mutex_unlock(&b)" : "up_write(&b)";
      const source = `DEFINE_MUTEX(a);\n${init}\nvoid t1(void)\n{\n\tmutex_lock(&a);\n\t${call}(&b);\n\tmutex_unlock(&a);\n}\nvoid t2(void)\n{\n\t${take};\n\tmutex_lock(&a);\n\tmutex_unlock(&a);\n\t${drop};\n}\n`;
      expect(await summary(source), call).toEqual(["circular-dependency a b"]);
    }
  });

  it.each(["read_seqbegin", "read_seqcount_begin"])("%s in a hard irq is a reader the task's unprotected writer can spin forever", async (reader) => {
    const writer = reader === "read_seqbegin" ? ["DEFINE_SEQLOCK(sl);", "write_seqlock(&sl)", "write_sequnlock(&sl)", "read_seqretry"] : ["seqcount_t sl;", "write_seqcount_begin(&sl)", "write_seqcount_end(&sl)", "read_seqcount_retry"];
    const source = `${writer[0]}\nvoid handler(void)\n{\n\tunsigned int seq;\n\n\tdo {\n\t\tseq = ${reader}(&sl);\n\t} while (${writer[3]}(&sl, seq));\n}\nvoid task(void)\n{\n\t${writer[1]};\n\t${writer[2]};\n}\nIRQ_HANDLER(handler);\nTASK(task);\n`;
    const found = await findings(source);
    const f = only(found, "inconsistent-lock-state");
    // A seqlock_t's reader and writer meet on its seqcount member; a bare seqcount_t is itself.
    expect(f.locks).toEqual([reader === "read_seqbegin" ? "sl.seqcount" : "sl"]);
    expect(f.detail).toMatchObject({ old: "IN-HARDIRQ-R", new: "HARDIRQ-ON-W" });
    // The reader holds nothing after it returns.
    expect(found.filter((x) => x.kind === "held-lock-at-exit")).toEqual([]);
  });
});

describe("releases", () => {
  it.each(Object.entries(RELEASES))("%s undoes its acquisition, and alone is a bad unlock", async (name, acquire) => {
    const release = releaseCall(name, acquire);
    const pair = await runOk(`void t(void)\n{\n\tunsigned long flags;\n\tint idx;\n\n\t${acquire};\n\t${release};\n}\n`);
    expect(pair.findings.map((f) => f.kind)).toEqual([]);
    expect(pair.unknownCalls).toEqual([]);
    const alone = await findings(`void t(void)\n{\n\tunsigned long flags;\n\tint idx = 0;\n\n\t${release};\n}\n`);
    // A seqlock_t unlock releases two classes: each may report.
    expect(alone.length).toBeGreaterThanOrEqual(1);
    expect(alone.length).toBeLessThanOrEqual(name.startsWith("write_sequnlock") ? 2 : 1);
    expect(new Set(alone.map((f) => f.kind))).toEqual(new Set(["bad-unlock-balance"]));
  });
});

describe("interrupt, softirq and preemption side effects", () => {
  /** Markers held at exit say what was disabled right after the acquisition and right after the release. */
  const probe = (acquire: string, release: string): string =>
    `static struct lockdep_map on_irq = STATIC_LOCKDEP_MAP_INIT("irqs_off_inside", &on_irq);\n` +
    `static struct lockdep_map on_bh = STATIC_LOCKDEP_MAP_INIT("bh_off_inside", &on_bh);\n` +
    `static struct lockdep_map after_irq = STATIC_LOCKDEP_MAP_INIT("irqs_off_after", &after_irq);\n` +
    `static struct lockdep_map after_bh = STATIC_LOCKDEP_MAP_INIT("bh_off_after", &after_bh);\n` +
    `void t(void)\n{\n\tunsigned long flags;\n\n\t${acquire};\n` +
    `\tif (irqs_disabled())\n\t\tlock_map_acquire(&on_irq);\n` +
    `\tif (in_softirq())\n\t\tlock_map_acquire(&on_bh);\n` +
    `\t${release};\n` +
    `\tif (irqs_disabled())\n\t\tlock_map_acquire(&after_irq);\n` +
    `\tif (in_softirq())\n\t\tlock_map_acquire(&after_bh);\n}\n`;

  const markers = async (source: string, config: readonly string[] = []): Promise<string[]> => {
    const result = await runOk(source, { config });
    return result.findings.filter((f) => f.kind === "held-lock-at-exit").flatMap((f) => f.locks).sort();
  };

  const IRQ = ["irqs_off_inside"] as const;
  const BH = ["bh_off_inside"] as const;
  const CASES: readonly (readonly [string, string, readonly string[], readonly string[]])[] = [
    // acquire, release, markers (!RT), markers (PREEMPT_RT: spinlock_t/rwlock_t/local_lock _irq* leave hard irqs on)
    ["spin_lock(&s)", "spin_unlock(&s)", [], []],
    ["spin_lock_irq(&s)", "spin_unlock_irq(&s)", IRQ, []],
    ["spin_lock_irqsave(&s, flags)", "spin_unlock_irqrestore(&s, flags)", IRQ, []],
    ["spin_lock_irqsave_nested(&s, flags, 1)", "spin_unlock_irqrestore(&s, flags)", IRQ, []],
    ["spin_trylock_irq(&s)", "spin_unlock_irq(&s)", IRQ, []],
    ["spin_lock_bh(&s)", "spin_unlock_bh(&s)", BH, BH],
    ["spin_trylock_bh(&s)", "spin_unlock_bh(&s)", BH, BH],
    ["raw_spin_lock_irq(&r)", "raw_spin_unlock_irq(&r)", IRQ, IRQ],
    ["raw_spin_lock_irqsave(&r, flags)", "raw_spin_unlock_irqrestore(&r, flags)", IRQ, IRQ],
    ["raw_spin_trylock_irqsave(&r, flags)", "raw_spin_unlock_irqrestore(&r, flags)", IRQ, IRQ],
    ["raw_spin_lock_bh(&r)", "raw_spin_unlock_bh(&r)", BH, BH],
    ["read_lock_irq(&rw)", "read_unlock_irq(&rw)", IRQ, []],
    ["read_lock_irqsave(&rw, flags)", "read_unlock_irqrestore(&rw, flags)", IRQ, []],
    ["read_lock_bh(&rw)", "read_unlock_bh(&rw)", BH, BH],
    ["write_lock_irq(&rw)", "write_unlock_irq(&rw)", IRQ, []],
    ["write_lock_irqsave(&rw, flags)", "write_unlock_irqrestore(&rw, flags)", IRQ, []],
    ["write_lock_bh(&rw)", "write_unlock_bh(&rw)", BH, BH],
    ["write_seqlock_irq(&sl)", "write_sequnlock_irq(&sl)", IRQ, []],
    ["write_seqlock_irqsave(&sl, flags)", "write_sequnlock_irqrestore(&sl, flags)", IRQ, []],
    ["write_seqlock_bh(&sl)", "write_sequnlock_bh(&sl)", BH, BH],
    ["local_lock_irq(&ll)", "local_unlock_irq(&ll)", IRQ, []],
    ["local_lock_irqsave(&ll, flags)", "local_unlock_irqrestore(&ll, flags)", IRQ, []],
    ["rcu_read_lock_bh()", "rcu_read_unlock_bh()", BH, BH],
    ["local_irq_disable()", "local_irq_enable()", IRQ, IRQ],
    ["local_irq_save(flags)", "local_irq_restore(flags)", IRQ, IRQ],
    ["local_bh_disable()", "local_bh_enable()", BH, BH],
  ];

  it.each(CASES)("%s … %s", async (acquire, release, normal, rt) => {
    expect(await markers(probe(acquire, release))).toEqual([...normal]);
    expect(await markers(probe(acquire, release), ["PREEMPT_RT"])).toEqual([...rt]);
  });

  const preemptible = (enter: string, leave: string): string =>
    `static struct lockdep_map no = STATIC_LOCKDEP_MAP_INIT("not_preemptible", &no);\n` +
    `void t(void)\n{\n\t${enter};\n\tif (!preemptible())\n\t\tlock_map_acquire(&no);\n\t${leave};\n}\n`;
  const NOT_PREEMPTIBLE = ["not_preemptible"];

  it.each([
    ["preempt_disable()", "preempt_enable()", NOT_PREEMPTIBLE, NOT_PREEMPTIBLE],
    ["preempt_disable()", "preempt_enable_no_resched()", NOT_PREEMPTIBLE, NOT_PREEMPTIBLE],
    ["rcu_read_lock_sched()", "rcu_read_unlock_sched()", NOT_PREEMPTIBLE, NOT_PREEMPTIBLE],
    ["local_lock(&ll)", "local_unlock(&ll)", NOT_PREEMPTIBLE, []],
    ["raw_spin_lock(&r)", "raw_spin_unlock(&r)", NOT_PREEMPTIBLE, NOT_PREEMPTIBLE],
    ["mutex_lock(&m)", "mutex_unlock(&m)", [], []],
    ["migrate_disable()", "migrate_enable()", [], []],
  ] as const)("preemptible() inside %s … %s", async (enter, leave, normal, rt) => {
    expect(await markers(preemptible(enter, leave))).toEqual([...normal]);
    expect(await markers(preemptible(enter, leave), ["PREEMPT_RT"])).toEqual([...rt]);
  });

  it("preemptible() is false inside spin_lock on !PREEMPT_RT", async () => {
    expect(await markers(preemptible("spin_lock(&s)", "spin_unlock(&s)"))).toEqual(NOT_PREEMPTIBLE);
  });

  it("preemptible() is true inside spin_lock on PREEMPT_RT", async () => {
    expect(await markers(preemptible("spin_lock(&s)", "spin_unlock(&s)"), ["PREEMPT_RT"])).toEqual([]);
  });

  it("preemptible() is false inside read_lock on !PREEMPT_RT", async () => {
    expect(await markers(preemptible("read_lock(&rw)", "read_unlock(&rw)"))).toEqual(NOT_PREEMPTIBLE);
  });

  it("spin_lock_bh on PREEMPT_RT is no sleep in atomic context", async () => {
    expect(await summary(`DEFINE_SPINLOCK(s);\nvoid t(void)\n{\n\tspin_lock_bh(&s);\n\tspin_unlock_bh(&s);\n}\n`, { config: ["PREEMPT_RT"] })).toEqual([]);
  });
});

describe("sleeping", () => {
  it.each(Object.entries(SLEEPS))("%s under a spinlock is a sleep in atomic context (%o)", async (name, { args, certainty }) => {
    const found = await findings(`DEFINE_SPINLOCK(s);\nvoid t(void)\n{\n\tspin_lock(&s);\n\t${name}(${args});\n\tspin_unlock(&s);\n}\n`);
    const f = only(found, "sleep-in-atomic");
    expect(f.locks).toEqual(["s"]);
    expect(f.task.name).toBe("t");
    expect(f.detail).toMatchObject({ kind: "sleep-in-atomic", reason: "spinlock", certainty, preemptCount: 1 });
    expect(await summary(`DEFINE_MUTEX(m);\nvoid t(void)\n{\n\tmutex_lock(&m);\n\t${name}(${args});\n\tmutex_unlock(&m);\n}\n`)).toEqual([]);
  });

  const REASONS: readonly (readonly [string, string, string])[] = [
    ["local_irq_disable()", "local_irq_enable()", "irqs-disabled"],
    ["preempt_disable()", "preempt_enable()", "preemption-disabled"],
    ["rcu_read_lock()", "rcu_read_unlock()", "rcu"],
    ["non_block_start()", "non_block_end()", "non-block"],
    ["spin_lock_irq(&s)", "spin_unlock_irq(&s)", "irqs-disabled"],
  ];
  it.each(REASONS)("sleeping inside %s … says why: %s", async (enter, leave, reason) => {
    const found = await findings(`DEFINE_SPINLOCK(s);\nvoid t(void)\n{\n\t${enter};\n\tmight_sleep();\n\t${leave};\n}\n`);
    expect(only(found, "sleep-in-atomic").detail).toMatchObject({ reason, certainty: "might" });
    expect(await summary(`DEFINE_SPINLOCK(s);\nvoid t(void)\n{\n\t${enter};\n\t${leave};\n\tmight_sleep();\n}\n`)).toEqual([]);
  });

  it("srcu readers may sleep", async () => {
    expect(await summary(`DEFINE_STATIC_SRCU(ss);\nvoid t(void)\n{\n\tint idx = srcu_read_lock(&ss);\n\tmsleep(1);\n\tsrcu_read_unlock(&ss, idx);\n}\n`)).toEqual([]);
  });

  it("sleeping inside write_seqlock is a sleep under its spinlock", async () => {
    const found = await findings(`DEFINE_SEQLOCK(sl);\nvoid t(void)\n{\n\twrite_seqlock(&sl);\n\tmsleep(1);\n\twrite_sequnlock(&sl);\n}\n`);
    expect(only(found, "sleep-in-atomic").detail).toMatchObject({ reason: "spinlock" });
  });
});

describe("allocations", () => {
  const underSpinlock = (call: string): string => `DEFINE_SPINLOCK(s);\nvoid t(void)\n{\n\tspin_lock(&s);\n\t${call};\n\tspin_unlock(&s);\n}\n`;

  it.each(Object.entries(ALLOCATIONS))("%s finds its gfp argument where the kernel puts it", async (name, args) => {
    const blocking = await runOk(underSpinlock(`${name}(${args.replace("G", "GFP_KERNEL")})`));
    expect(blocking.findings.map((f) => [f.kind, f.locks, f.detail.kind === "sleep-in-atomic" && f.detail.certainty])).toEqual([["sleep-in-atomic", ["s"], "might"]]);
    // No note that the mask was unknown: it was read from the right argument.
    expect(blocking.notes).toEqual([]);
    const atomic = await runOk(underSpinlock(`${name}(${args.replace("G", "GFP_ATOMIC")})`));
    expect(atomic.findings).toEqual([]);
    expect(atomic.notes).toEqual([]);
    expect(await summary(underSpinlock(`${name}(${args.replace("G", "GFP_NOWAIT | __GFP_NOWARN")})`))).toEqual([]);
  });

  it.each(Object.entries(ALWAYS_GFP_KERNEL))("%s always allocates with GFP_KERNEL", async (name, args) => {
    expect(await summary(underSpinlock(`${name}(${args})`))).toEqual(["sleep-in-atomic s"]);
  });

  it("an allocation whose mask is not known is treated as GFP_KERNEL, with a note", async () => {
    const result = await runOk(`DEFINE_SPINLOCK(s);\nvoid t(gfp_t gfp)\n{\n\tspin_lock(&s);\n\tkmalloc(8, gfp);\n\tspin_unlock(&s);\n}\n`);
    expect(result.findings.map((f) => f.kind)).toEqual(["sleep-in-atomic"]);
    expect(result.notes.map((n) => n.message)).toEqual(["note: kmalloc: the gfp mask is not known here; the allocation is treated as GFP_KERNEL"]);
  });

  it.each(FREES)("%s does nothing (and is known)", async (name) => {
    const result = await runOk(underSpinlock(`${name}(p)`));
    expect(result.findings).toEqual([]);
    expect(result.unknownCalls).toEqual([]);
  });
});

describe("reclaim levels and allocation scopes", () => {
  /**
   * No model here: a task that holds a map named like a level's pseudo-lock and takes `m` stands
   * for reclaim at that level; an allocation under `m` that reaches the level closes the cycle.
   */
  const scenario = (allocate: string): string =>
    `DEFINE_MUTEX(m);\n` +
    `static struct lockdep_map fs = STATIC_LOCKDEP_MAP_INIT("fs_reclaim", &fs);\n` +
    `static struct lockdep_map nofs = STATIC_LOCKDEP_MAP_INIT("reclaim(GFP_NOFS)", &nofs);\n` +
    `static struct lockdep_map noio = STATIC_LOCKDEP_MAP_INIT("reclaim(GFP_NOIO)", &noio);\n` +
    `static void reclaim_at(struct lockdep_map *level)\n{\n\tlock_map_acquire(level);\n\tmutex_lock(&m);\n\tmutex_unlock(&m);\n\tlock_map_release(level);\n}\n` +
    `void reclaimer(void)\n{\n\treclaim_at(&fs);\n\treclaim_at(&nofs);\n\treclaim_at(&noio);\n}\n` +
    `void user(void)\n{\n\tunsigned int flags;\n\tvoid *p;\n\n\tmutex_lock(&m);\n${allocate}\n\tmutex_unlock(&m);\n}\n` +
    `TASK(reclaimer);\nTASK(user);\n`;

  const CASES: readonly (readonly [string, string, readonly string[]])[] = [
    ["GFP_KERNEL reaches fs_reclaim", "\tp = kmalloc(8, GFP_KERNEL);", ["circular-dependency fs_reclaim m"]],
    ["GFP_NOFS reaches the nofs level", "\tp = kmalloc(8, GFP_NOFS);", ["circular-dependency m reclaim(GFP_NOFS)"]],
    ["GFP_NOIO reaches the noio level", "\tp = kmalloc(8, GFP_NOIO);", ["circular-dependency m reclaim(GFP_NOIO)"]],
    ["GFP_ATOMIC reclaims nothing", "\tp = kmalloc(8, GFP_ATOMIC);", []],
    ["GFP_NOWAIT reclaims nothing", "\tp = kmalloc(8, GFP_NOWAIT);", []],
    ["memalloc_nofs_save makes GFP_KERNEL a nofs allocation", "\tflags = memalloc_nofs_save();\n\tp = kmalloc(8, GFP_KERNEL);\n\tmemalloc_nofs_restore(flags);", ["circular-dependency m reclaim(GFP_NOFS)"]],
    ["memalloc_noio_save makes GFP_KERNEL a noio allocation", "\tflags = memalloc_noio_save();\n\tp = kmalloc(8, GFP_KERNEL);\n\tmemalloc_noio_restore(flags);", ["circular-dependency m reclaim(GFP_NOIO)"]],
    ["memalloc_noreclaim_save (PF_MEMALLOC) reclaims nothing", "\tflags = memalloc_noreclaim_save();\n\tp = kmalloc(8, GFP_KERNEL);\n\tmemalloc_noreclaim_restore(flags);", []],
    ["memalloc_pin_save leaves the reclaim level alone", "\tflags = memalloc_pin_save();\n\tp = kmalloc(8, GFP_KERNEL);\n\tmemalloc_pin_restore(flags);", ["circular-dependency fs_reclaim m"]],
    ["a restored scope no longer applies", "\tflags = memalloc_nofs_save();\n\tmemalloc_nofs_restore(flags);\n\tp = kmalloc(8, GFP_KERNEL);", ["circular-dependency fs_reclaim m"]],
    ["nested scopes restore the outer one", "\tflags = memalloc_noio_save();\n\t{\n\t\tunsigned int inner = memalloc_noio_save();\n\t\tmemalloc_noio_restore(inner);\n\t}\n\tp = kmalloc(8, GFP_KERNEL);\n\tmemalloc_noio_restore(flags);", ["circular-dependency m reclaim(GFP_NOIO)"]],
    ["current->flags |= PF_MEMALLOC_NOIO is a noio scope", "\tcurrent->flags |= PF_MEMALLOC_NOIO;\n\tp = kmalloc(8, GFP_KERNEL);\n\tcurrent->flags &= ~PF_MEMALLOC_NOIO;", ["circular-dependency m reclaim(GFP_NOIO)"]],
    ["current->flags &= ~PF_MEMALLOC_NOIO ends it", "\tcurrent->flags |= PF_MEMALLOC_NOIO;\n\tcurrent->flags &= ~PF_MEMALLOC_NOIO;\n\tp = kmalloc(8, GFP_KERNEL);", ["circular-dependency fs_reclaim m"]],
    ["might_alloc(GFP_KERNEL) primes fs_reclaim", "\tmight_alloc(GFP_KERNEL);", ["circular-dependency fs_reclaim m"]],
    ["a gfp local carries its value", "\tgfp_t gfp = GFP_NOFS;\n\tp = kzalloc(8, gfp);", ["circular-dependency m reclaim(GFP_NOFS)"]],
    ["__GFP_NOLOCKDEP silences the level", "\tp = kmalloc(8, GFP_KERNEL | __GFP_NOLOCKDEP);", []],
  ];

  it.each(CASES)("%s", async (_title, allocate, expected) => {
    expect(await summary(scenario(allocate))).toEqual([...expected]);
  });
});

describe("initialisation, downgrade, assertions and no-ops", () => {
  it.each(Object.entries(INITS))("%s gives the lock its kind: a use as another kind is an error", async (init, other) => {
    const result = await run(`struct obj { int x; };\nvoid t(struct obj *o)\n{\n\t${init}(&o->lk);\n\t${other};\n}\n`);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]!.loc).toMatchObject({ line: 5, column: 2 });
    expect(result.diagnostics[0]!.message).toMatch(/^&o->lk is used as \S+ here but as \S+ at .*scenario\.c:4:2$/);
  });

  it.each(Object.entries(DOWNGRADES))("%s turns the held writer into a reader", async (name, { acquire, name: lock }) => {
    const arg = acquire.slice(acquire.indexOf("(") + 1, -1);
    const exit = only(await findings(`void t(void)\n{\n\t${acquire};\n\t${name}(${arg});\n}\n`), "held-lock-at-exit");
    expect(exit.heldLocks.map((h) => [h.name, h.mode])).toEqual([[lock, "read"]]);
  });

  it.each(ASSERTS)("%s is known and reports nothing when the lock is held", async (name) => {
    const result = await runOk(`DEFINE_MUTEX(m);\nvoid t(void)\n{\n\tmutex_lock(&m);\n\t${name}(&m);\n\tmutex_unlock(&m);\n}\n`);
    expect(result.findings).toEqual([]);
    expect(result.unknownCalls).toEqual([]);
  });

  it.each([...NOTHING])("%s is known and does nothing", async (name) => {
    const result = await runOk(`DEFINE_SPINLOCK(s);\nvoid t(void)\n{\n\tspin_lock(&s);\n\t${name}(&sl, 0);\n\tspin_unlock(&s);\n}\n`);
    expect(result.findings).toEqual([]);
    expect(result.unknownCalls).toEqual([]);
  });

  it("an unknown call is a no-op, listed once with its place", async () => {
    const result = await runOk(`DEFINE_SPINLOCK(s);\nvoid t(void)\n{\n\tspin_lock(&s);\n\tfrobnicate(&s);\n\tfrobnicate(&s);\n\tspin_unlock(&s);\n}\n`);
    expect(result.findings).toEqual([]);
    expect(result.unknownCalls.map((u) => [u.name, u.loc.line, u.loc.column])).toEqual([["frobnicate", 5, 2]]);
  });
});

describe("waits and events", () => {
  /** Wait queues: the wait names the head (`wait_event(d->wait, ...)`), the wake its address. */
  const KNOWN_NAMING_BUG = new Set(["wq"]);

  const WAITS = Object.entries(WAIT_FAMILIES).flatMap(([family, f]) => Object.entries(f.waits).map(([name, args]) => [name, args, family] as const));

  /** m held across the wait; the signaller (or the work function) takes m before it signals. */
  const cycle = (wait: string, signal: string): string =>
    `DEFINE_MUTEX(m);\nstruct dev;\n` +
    `static void reset_fn(struct work_struct *w)\n{\n\tmutex_lock(&m);\n\tmutex_unlock(&m);\n}\nstatic DECLARE_WORK(reset_work, reset_fn);\n` +
    `static void poll_fn(struct work_struct *w)\n{\n\tmutex_lock(&m);\n\tmutex_unlock(&m);\n}\nstatic DECLARE_DELAYED_WORK(poll_work, poll_fn);\n` +
    `static void queue_it(void)\n{\n\tqueue_work(dev_wq, &reset_work);\n}\n` +
    `static void waiter(struct dev *d)\n{\n\tmutex_lock(&m);\n\t${wait};\n\tmutex_unlock(&m);\n}\n` +
    `static void signaller(struct dev *d)\n{\n\tmutex_lock(&m);\n\t${signal};\n\tmutex_unlock(&m);\n}\n` +
    `TASK(waiter);\nTASK(signaller);\nTASK(queue_it);\n`;

  it.each(WAITS)("%s(%s) may sleep", async (name, args) => {
    const found = await findings(`DEFINE_SPINLOCK(s);\nstruct dev;\nvoid t(struct dev *d)\n{\n\tspin_lock(&s);\n\t${name}(${args});\n\tspin_unlock(&s);\n}\n`);
    expect(only(found, "sleep-in-atomic").detail).toMatchObject({ reason: "spinlock", certainty: "might" });
  });

  // __wait_on_bit takes a wait-queue head and entry, not the bit word: its event cannot meet wake_up_bit's.
  it.each(WAITS.filter(([name, , family]) => !KNOWN_NAMING_BUG.has(family) && family !== "wq_completion" && name !== "__wait_on_bit"))(
    "%s(%s) under a lock the signaller needs is a deadlock",
    async (name, args, family) => {
      const found = await findings(cycle(`${name}(${args})`, CANONICAL_SIGNAL[family] ?? "cpu_relax()"));
      const f = only(found, "circular-dependency");
      expect(f.locks).toHaveLength(2);
      expect(f.locks).toContain("m");
      expect(f.locks.find((l) => l !== "m")?.startsWith(WAIT_FAMILIES[family]!.prefix)).toBe(true);
    },
  );

  it.each(Object.entries(SIGNALS).filter(([, { family }]) => !KNOWN_NAMING_BUG.has(family)))("%s signals what the waiter waits for", async (name, { family, args }) => {
    const found = await findings(cycle(CANONICAL_WAIT[family]!, `${name}(${args})`));
    expect(only(found, "circular-dependency").locks).toContain("m");
    // A waiter that does not hold m while it waits blocks nobody: the signaller needing m is fine.
    const wait = CANONICAL_WAIT[family]!;
    const outside = cycle(wait, `${name}(${args})`).replace(`\t${wait};\n\tmutex_unlock(&m);`, `\tmutex_unlock(&m);\n\t${wait};`);
    expect(outside).not.toBe(cycle(wait, `${name}(${args})`));
    expect(await summary(outside)).toEqual([]);
  });

  it("the work event is named after the work item's function, also for INIT_WORK", async () => {
    const found = await findings(
      `DEFINE_MUTEX(m);\nstruct dev {\n\tstruct work_struct reset;\n};\nstatic void dev_reset(struct work_struct *w)\n{\n\tmutex_lock(&m);\n\tmutex_unlock(&m);\n}\n` +
        `static void probe(struct dev *d)\n{\n\tINIT_WORK(&d->reset, dev_reset);\n}\nstatic void remove(struct dev *d)\n{\n\tmutex_lock(&m);\n\tcancel_work_sync(&d->reset);\n\tmutex_unlock(&m);\n}\nTASK(probe);\nTASK(remove);\n`,
    );
    expect(only(found, "circular-dependency").locks.slice().sort()).toEqual(["(work)dev_reset", "m"]);
  });

  it("wait_event(q, ...) and wake_up(&q) name the same wait queue", async () => {
    const found = await findings(cycle("wait_event(d->wait, d->ready)", "wake_up(&d->wait)"));
    expect(only(found, "circular-dependency").locks).toContain("m");
  });

  it("flush_workqueue waits for the work items queued on it", async () => {
    const found = await findings(cycle("flush_workqueue(dev_wq)", "cpu_relax()"));
    expect(only(found, "circular-dependency").locks).toContain("m");
  });

  it("synchronize_srcu waits for the readers of its srcu_struct", async () => {
    const inReader = await findings(`DEFINE_STATIC_SRCU(ss);\nvoid t(void)\n{\n\tint idx = srcu_read_lock(&ss);\n\n\tsynchronize_srcu(&ss);\n\tsrcu_read_unlock(&ss, idx);\n}\n`);
    expect(inReader.map((f) => [f.kind, f.locks])).toEqual([["recursive-locking", ["ss"]]]);
    const crossed = await findings(
      `DEFINE_STATIC_SRCU(ss);\nDEFINE_MUTEX(m);\nvoid reader(void)\n{\n\tint idx = srcu_read_lock(&ss);\n\n\tmutex_lock(&m);\n\tmutex_unlock(&m);\n\tsrcu_read_unlock(&ss, idx);\n}\n` +
        `void updater(void)\n{\n\tmutex_lock(&m);\n\tsynchronize_srcu(&ss);\n\tmutex_unlock(&m);\n}\n`,
    );
    expect(only(crossed, "circular-dependency").locks.slice().sort()).toEqual(["m", "ss"]);
  });
});
