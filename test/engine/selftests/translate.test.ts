import { describe, expect, it } from "vitest";
import type { Event } from "../../../src/ir/index.js";
import { loadSelftestTable, translateCase, type SelftestCase, type TranslatedCase } from "./index.js";

const table = loadSelftestTable();
if ("error" in table) throw new Error(table.error);
const cases = table.cases;

function tableCase(name: string): SelftestCase {
  const found = cases.find((c) => c.name === name);
  if (found === undefined) throw new Error(`no case ${name}`);
  return found;
}

function translated(c: SelftestCase): TranslatedCase {
  const t = translateCase(c);
  if ("error" in t) throw new Error(t.error);
  return t;
}

/** One line per event, enough to read a sequence at a glance. */
function brief(e: Event): string {
  switch (e.kind) {
    case "define-class":
      return `define c${e.id} ${e.name}:${e.lock}`;
    case "acquire": {
      const flags = [
        e.trylock ? "try" : "",
        e.subclass !== undefined ? `sub=${e.subclass}` : "",
        e.nestLock !== undefined ? `nest=i${e.nestLock}` : "",
        e.momentary ? "momentary" : "",
        e.ww ? `ww=i${e.ww.ctx}${e.ww.slow ? ",slow" : ""}${e.ww.outcome ? `,${e.ww.outcome}` : ""}` : "",
      ].filter((f) => f !== "");
      return [`acquire c${e.class} i${e.instance} ${e.mode}`, ...flags].join(" ");
    }
    case "release":
    case "instance-reset":
    case "downgrade":
      return `${e.kind} c${e.class} i${e.instance}`;
    case "ww-context":
      return `ww-${e.op} c${e.class} i${e.ctx}`;
    case "dependency":
      return `dependency c${e.from} -> c${e.to}`;
    case "task-resume":
      return `resume t${e.task} ${e.name} holding ${e.held.length}`;
    case "disable":
    case "enable":
      return `${e.kind} ${e.what}`;
    case "irq-enter":
      return `irq-enter ${e.context}${e.threaded === undefined ? "" : e.threaded ? " threaded" : " not-threaded"}`;
    case "irq-exit":
      return `irq-exit ${e.context}`;
    case "sleep":
      return `sleep ${e.certainty}`;
    case "task-start":
      return `task-start ${e.task} ${e.name}`;
    case "task-end":
      return `task-end ${e.task} ${e.how ?? ""}`;
  }
}

const briefOps = (t: TranslatedCase) => t.ops.map((op) => [op.text, op.events.map(brief)]);

function synthetic(ops: readonly string[], name = "synthetic"): SelftestCase {
  return { name, group: "test", config: { readLockRecursive: false, proveRawLockNesting: false }, tasks: [{ name: "t0", ops }], expect: "ok", kind: "none", confidence: "high" };
}

describe("translateCase on table cases", () => {
  it("AA_spin: two instances of class X, declared once, with the op as origin", () => {
    const t = translated(tableCase("AA_spin"));
    expect(t.config).toEqual({ readLockRecursive: true, proveRawLockNesting: false });
    expect(t.prologue).toEqual([{ kind: "task-start", task: 1, name: "t0" }]);
    expect(t.ops).toEqual([
      {
        at: { task: "t0", op: 0 },
        text: "spin_lock X1",
        events: [
          { kind: "define-class", id: 1, name: "X", lock: "spinlock" },
          { kind: "acquire", task: 1, class: 1, instance: 1, mode: "write", stack: [{ function: "spin_lock", file: "AA_spin/t0", line: 1 }] },
        ],
      },
      {
        at: { task: "t0", op: 1 },
        text: "spin_lock X2",
        events: [{ kind: "acquire", task: 1, class: 1, instance: 2, mode: "write", stack: [{ function: "spin_lock", file: "AA_spin/t0", line: 2 }] }],
      },
    ]);
  });

  it("irqsafe2A_spin_12: SOFTIRQ_ENTER/EXIT and local_irq_disable/enable expand as the selftest macros do", () => {
    expect(briefOps(translated(tableCase("irqsafe2A_spin_12")))).toEqual([
      ["softirq_enter", ["disable softirqs", "disable hardirqs", "irq-enter softirq"]],
      ["spin_lock A", ["define c1 A:spinlock", "acquire c1 i1 write"]],
      ["spin_unlock A", ["release c1 i1"]],
      ["softirq_exit", ["irq-exit softirq", "enable hardirqs", "enable softirqs"]],
      ["irq_disable", ["disable hardirqs"]],
      ["spin_lock A", ["acquire c1 i1 write"]],
      ["irq_enable", ["enable hardirqs"]],
      ["spin_unlock A", ["release c1 i1"]],
    ]);
  });

  it("wait-context cases: threaded and not-threaded hardirq, RCU readers, PROVE_RAW_LOCK_NESTING", () => {
    const threaded = translated(tableCase("mutex_in_HARDIRQ"));
    expect(threaded.config).toEqual({ readLockRecursive: false, proveRawLockNesting: true });
    expect(briefOps(threaded)).toEqual([
      ["hardirq_enter", ["disable hardirqs", "irq-enter hardirq threaded"]],
      ["mutex_lock MB", ["define c1 MB:mutex", "acquire c1 i1 write"]],
      ["mutex_unlock MB", ["release c1 i1"]],
      ["hardirq_exit", ["irq-exit hardirq", "enable hardirqs"]],
    ]);
    expect(briefOps(translated(tableCase("spinlock_in_NOTTHREADED_HARDIRQ")))[0]).toEqual([
      "hardirq_enter_nothreaded",
      ["disable hardirqs", "irq-enter hardirq not-threaded"],
    ]);
    expect(briefOps(translated(tableCase("RCU_in_RCU_SCHED")))).toEqual([
      ["rcu_read_lock_sched", ["define c1 rcu_read_lock_sched:rcu_sched", "acquire c1 i1 recursive-read"]],
      ["rcu_read_lock", ["define c2 rcu_read_lock:rcu", "acquire c2 i2 recursive-read"]],
      ["rcu_read_unlock", ["release c2 i2"]],
      ["rcu_read_unlock_sched", ["release c1 i1"]],
    ]);
  });

  it("queued rwlock cases run without the force flag", () => {
    expect(translated(tableCase("queued_read_lock_hardirq_RE_Er")).config).toEqual({ readLockRecursive: false, proveRawLockNesting: false });
  });

  it("fs_reclaim: GFP_KERNEL takes fs_reclaim, GFP_NOFS and the NOFS scope do not, might_alloc may sleep", () => {
    expect(briefOps(translated(tableCase("fs_reclaim_wrong_nesting")))).toEqual([
      ["fs_reclaim_acquire GFP_KERNEL", ["define c1 fs_reclaim:lockdep_map", "acquire c1 i1 write"]],
      ["might_alloc GFP_KERNEL", ["acquire c1 i1 write momentary", "sleep might"]],
      ["fs_reclaim_release GFP_KERNEL", ["release c1 i1"]],
    ]);
    expect(briefOps(translated(tableCase("fs_reclaim_correct_nesting")))[1]).toEqual(["might_alloc GFP_NOFS", ["sleep might"]]);
    expect(briefOps(translated(tableCase("fs_reclaim_protected_nesting")))).toEqual([
      ["fs_reclaim_acquire GFP_KERNEL", ["define c1 fs_reclaim:lockdep_map", "acquire c1 i1 write"]],
      ["memalloc_nofs_save", []],
      ["might_alloc GFP_KERNEL", ["sleep might"]],
      ["memalloc_nofs_restore", []],
      ["fs_reclaim_release GFP_KERNEL", ["release c1 i1"]],
    ]);
  });

  it("ww_test_edeadlk_normal: faked holders emit nothing, ctx is nest lock and ww ctx, -EDEADLK is an outcome", () => {
    expect(briefOps(translated(tableCase("ww_test_edeadlk_normal")))).toEqual([
      ["O2 held by older ctx T2 (simulated)", []],
      ["ww_acquire_init T1", ["define c1 T:ww_acquire_ctx", "ww-init c1 i1"]],
      ["ww_mutex_lock O1 T1", ["define c2 O:ww_mutex", "acquire c2 i2 write nest=i1 ww=i1"]],
      ["ww_mutex_lock O2 T1 => -EDEADLK", ["acquire c2 i3 write nest=i1 ww=i1,edeadlk"]],
      ["release O2 by T2", []],
      ["ww_mutex_unlock O1", ["release c2 i2"]],
      ["ww_mutex_lock O2 T1", ["acquire c2 i3 write nest=i1 ww=i1"]],
    ]);
    expect(briefOps(translated(tableCase("ww_test_edeadlk_normal_slow"))).at(-1)).toEqual([
      "ww_mutex_lock_slow O2 T1",
      ["acquire c2 i3 write nest=i1 ww=i1,slow"],
    ]);
  });

  it("ww_test_fail_acquire: -EALREADY, failed trylocks emit nothing, a copied context is a new instance", () => {
    expect(briefOps(translated(tableCase("ww_test_fail_acquire")))).toEqual([
      ["ww_acquire_init T1", ["define c1 T:ww_acquire_ctx", "ww-init c1 i1"]],
      ["ww_mutex_lock O1 T1", ["define c2 O:ww_mutex", "acquire c2 i2 write nest=i1 ww=i1"]],
      ["ww_mutex_lock O1 T1 => -EALREADY", ["acquire c2 i2 write nest=i1 ww=i1,ealready"]],
      ["ww_mutex_trylock O1 => fails", []],
      ["copy T1 to T2 with a younger stamp", []],
      ["ww_mutex_lock O1 T2 => -EDEADLK", ["acquire c2 i2 write nest=i3 ww=i3,edeadlk"]],
      ["ww_mutex_unlock O1", ["release c2 i2"]],
      ["ww_mutex_trylock O1", ["acquire c2 i2 write try"]],
      ["ww_mutex_unlock O1", ["release c2 i2"]],
    ]);
  });

  it("ww_test_normal: mutex calls on O1.base act on the ww_mutex's own class and instance", () => {
    const ops = briefOps(translated(tableCase("ww_test_normal")));
    expect(ops[1]).toEqual(["mutex_lock O1.base", ["define c2 O:ww_mutex", "acquire c2 i2 write"]]);
    expect(ops[10]).toEqual(["mutex_trylock O1.base => fails", []]);
    expect(ops[12]).toEqual(["mutex_lock_nest_lock O1.base T1", ["acquire c2 i2 write nest=i1"]]);
  });

  it("liblockdep: two tasks in list order, pthread rwlock readers are recursive rwsem reads", () => {
    const two = translated(tableCase("lib_ABBA_2threads"));
    expect(two.prologue).toEqual([
      { kind: "task-start", task: 1, name: "main" },
      { kind: "task-start", task: 2, name: "thread" },
    ]);
    expect(two.ops.map((op) => `${op.at.task}:${op.at.op}`)).toEqual(["main:0", "main:1", "main:2", "main:3", "main:4", "thread:0", "thread:1", "thread:2", "thread:3", "thread:4"]);
    expect(two.ops[5]?.events).toEqual([{ kind: "acquire", task: 2, class: 2, instance: 2, mode: "write", stack: [{ function: "mutex_lock", file: "lib_ABBA_2threads/thread", line: 1 }] }]);
    expect(briefOps(translated(tableCase("lib_WW")))).toEqual([
      ["pthread_rwlock_wrlock a", ["define c1 a:rwsem", "acquire c1 i1 write"]],
      ["pthread_rwlock_rdlock b", ["define c2 b:rwsem", "acquire c2 i2 recursive-read"]],
      ["pthread_rwlock_wrlock a", ["acquire c1 i1 write"]],
    ]);
    expect(briefOps(translated(tableCase("lib_unlock_balance"))).at(-1)).toEqual(["mutex_destroy a", ["instance-reset c1 i1"]]);
  });

  it("init_held: *_init of a held lock is an instance reset", () => {
    expect(briefOps(translated(tableCase("init_held_wsem")))).toEqual([
      ["down_write A", ["define c1 A:rwsem", "acquire c1 i1 write"]],
      ["init_rwsem A", ["instance-reset c1 i1"]],
    ]);
  });
});

describe("translateCase on ops the table does not use yet", () => {
  it("nested, nest_lock, might_lock, trylocks, kswapd, non_block and task ends", () => {
    const t = translated(
      synthetic([
        "spin_lock_nested X1 1",
        "spin_lock_nest_lock Y1 X1",
        "might_lock X2",
        "down_read_trylock S",
        "lock_map_acquire_read M",
        "kswapd_reclaim_begin",
        "might_alloc GFP_KERNEL",
        "kswapd_reclaim_end",
        "non_block_start",
        "non_block_end",
        "return_to_user",
        "task_exit",
      ]),
    );
    expect(briefOps(t)).toEqual([
      ["spin_lock_nested X1 1", ["define c1 X:spinlock", "acquire c1 i1 write sub=1"]],
      ["spin_lock_nest_lock Y1 X1", ["define c2 Y:spinlock", "acquire c2 i2 write nest=i1"]],
      ["might_lock X2", ["acquire c1 i3 write momentary"]],
      ["down_read_trylock S", ["define c3 S:rwsem", "acquire c3 i4 read try"]],
      ["lock_map_acquire_read M", ["define c4 M:lockdep_map", "acquire c4 i5 recursive-read"]],
      ["kswapd_reclaim_begin", ["define c5 fs_reclaim:lockdep_map", "acquire c5 i6 write"]],
      // PF_MEMALLOC is set inside reclaim: allocations there do not take fs_reclaim again.
      ["might_alloc GFP_KERNEL", ["sleep might"]],
      ["kswapd_reclaim_end", ["release c5 i6"]],
      ["non_block_start", ["disable blocking"]],
      ["non_block_end", ["enable blocking"]],
      ["return_to_user", ["task-end 1 return-to-user"]],
      ["task_exit", ["task-end 1 exit"]],
    ]);
  });

  it("GFP_ATOMIC neither takes fs_reclaim nor sleeps; NOIO scope strips __GFP_FS", () => {
    expect(briefOps(translated(synthetic(["might_alloc GFP_ATOMIC", "memalloc_noio_save", "might_alloc GFP_KERNEL", "memalloc_noio_restore"])))).toEqual([
      ["might_alloc GFP_ATOMIC", []],
      ["memalloc_noio_save", []],
      ["might_alloc GFP_KERNEL", ["sleep might"]],
      ["memalloc_noio_restore", []],
    ]);
  });
});

describe("translateCase errors name the case, task, op and cause", () => {
  const error = (ops: readonly string[]) => {
    const t = translateCase(synthetic(ops, "bad"));
    return "error" in t ? t.error : "translated";
  };

  it.each([
    [["frobnicate A"], 'selftests.json: bad/t0 op 0 "frobnicate A": unknown op "frobnicate"'],
    [["spin_lock A", "mutex_lock A"], 'selftests.json: bad/t0 op 1 "mutex_lock A": class "A" is a spinlock, not a mutex'],
    [["spin_lock A => fails"], 'selftests.json: bad/t0 op 0 "spin_lock A => fails": unexpected result "=> fails"'],
    [["might_lock Q"], 'selftests.json: bad/t0 op 0 "might_lock Q": the lock kind of "Q" is unknown here (no op has taken it yet)'],
    [["memalloc_nofs_restore"], 'selftests.json: bad/t0 op 0 "memalloc_nofs_restore": memalloc_nofs_restore without a matching save'],
    [["might_alloc GFP_WHATEVER"], 'selftests.json: bad/t0 op 0 "might_alloc GFP_WHATEVER": unknown gfp mask "GFP_WHATEVER"'],
    [["ww_mutex_lock O1 => -EDEADLK"], 'selftests.json: bad/t0 op 0 "ww_mutex_lock O1 => -EDEADLK": "=> -EDEADLK" needs an acquire context'],
    [["ww_mutex_lock_slow O1"], 'selftests.json: bad/t0 op 0 "ww_mutex_lock_slow O1": expected 2 argument(s), got 1'],
    [["spin_lock_nested X1 one"], 'selftests.json: bad/t0 op 0 "spin_lock_nested X1 one": expected a subclass number, got "one"'],
    [["spin_lock 1X"], 'selftests.json: bad/t0 op 0 "spin_lock 1X": "1X" is not a lock name'],
    [["irq_disable now"], 'selftests.json: bad/t0 op 0 "irq_disable now": expected 0 argument(s), got 1'],
  ])("%j", (ops, message) => {
    expect(error(ops)).toBe(message);
  });
});
