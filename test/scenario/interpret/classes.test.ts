/**
 * Lock classes and lock types (SCENARIO-LANGUAGE.md "Lock class names", DESIGN.md §6): names as
 * lockdep prints them, which expressions are one class, and a lock's type fixed by its
 * declaration or its first use.
 */
import { describe, expect, it } from "vitest";
import { findings, only, run, summary } from "./helpers.js";

/** t1 takes X then Y, t2 takes Y' then X': a cycle only if X is X' and Y is Y' as classes. */
const crossed = (decls: string, params: string, x1: string, y1: string, y2: string, x2: string, lock = "mutex_lock", unlock = "mutex_unlock"): string =>
  `${decls}\nvoid t1(${params})\n{\n\t${lock}(${x1});\n\t${lock}(${y1});\n\t${unlock}(${y1});\n\t${unlock}(${x1});\n}\n` +
  `void t2(${params})\n{\n\t${lock}(${y2});\n\t${lock}(${x2});\n\t${unlock}(${x2});\n\t${unlock}(${y2});\n}\nTASK(t1);\nTASK(t2);\n`;

describe("class names", () => {
  it("are the lock expression's text without white space; the same text in two functions is one class", async () => {
    const found = await findings(crossed("", "struct dev *d", "& d -> lock", "&d->list_lock", "&d ->list_lock", "&d->  lock"));
    expect(only(found, "circular-dependency").locks.slice().sort()).toEqual(["&d->list_lock", "&d->lock"]);
  });

  it("different texts are different classes when the types are not declared", async () => {
    expect(await summary(crossed("", "struct dev *d, struct dev *e", "&d->lock", "&d->list_lock", "&e->list_lock", "&e->lock"))).toEqual([]);
  });

  it("static locks are named without &", async () => {
    const defs = "DEFINE_MUTEX(dev_list_lock);\nDEFINE_MUTEX(probe_lock);";
    const found = await findings(crossed(defs, "void", "&dev_list_lock", "&probe_lock", "&probe_lock", "&dev_list_lock"));
    expect(only(found, "circular-dependency").locks.slice().sort()).toEqual(["dev_list_lock", "probe_lock"]);
  });

  it.each([
    ["DEFINE_SPINLOCK(table_lock);", "spin_lock(&table_lock)", "table_lock"],
    ["DEFINE_RAW_SPINLOCK(table_lock);", "raw_spin_lock(&table_lock)", "table_lock"],
    ["DEFINE_RWLOCK(table_lock);", "write_lock(&table_lock)", "table_lock"],
    ["DECLARE_RWSEM(table_lock);", "down_write(&table_lock)", "table_lock"],
    ["DEFINE_SEQLOCK(table_lock);", "write_seqlock(&table_lock)", ["table_lock.lock", "table_lock.seqcount"]],
    ["seqcount_t table_lock;", "write_seqcount_begin(&table_lock)", "table_lock"],
    ["static struct mutex table_lock;", "mutex_lock(&table_lock)", "table_lock"],
    ["DEFINE_STATIC_SRCU(table_srcu);", "srcu_read_lock(&table_srcu)", "table_srcu"],
    ['static struct lockdep_map table_map = STATIC_LOCKDEP_MAP_INIT("table_lockdep", &table_key);', "lock_map_acquire(&table_map)", "table_lockdep"],
    ["static struct table { spinlock_t lock; } the_table;", "spin_lock(&the_table.lock)", "the_table.lock"],
  ] as const)("%s names its class %j", async (definition, acquire, name) => {
    const exit = only(await findings(`${definition}\nvoid t(void)\n{\n\t${acquire};\n}\n`), "held-lock-at-exit");
    expect(exit.locks).toEqual(typeof name === "string" ? [name] : [...name]);
  });

  it("a parameter that receives a lock stands for the caller's lock", async () => {
    const found = await findings(
      `struct dev;\nstatic void lock_both(struct mutex *first, struct mutex *second)\n{\n\tmutex_lock(first);\n\tmutex_lock(second);\n}\n` +
        `static void unlock_both(struct mutex *first, struct mutex *second)\n{\n\tmutex_unlock(second);\n\tmutex_unlock(first);\n}\n` +
        `void t1(struct dev *d)\n{\n\tlock_both(&d->lock, &d->list_lock);\n\tunlock_both(&d->lock, &d->list_lock);\n}\n` +
        `void t2(struct dev *d)\n{\n\tlock_both(&d->list_lock, &d->lock);\n\tunlock_both(&d->list_lock, &d->lock);\n}\n`,
    );
    const cycle = only(found, "circular-dependency");
    expect(cycle.locks.slice().sort()).toEqual(["&d->list_lock", "&d->lock"]);
    // Each edge's stack names the helper and the caller.
    expect(cycle.chain.map((d) => d.stack.map((f) => f.function))).toContainEqual(["lock_both", "t2"]);
  });

  it("a parameter bound to a static lock stands for it too", async () => {
    const found = await findings(`DEFINE_SPINLOCK(s);\nstatic void take(spinlock_t *l)\n{\n\tspin_lock(l);\n}\nvoid t(void)\n{\n\ttake(&s);\n\tspin_lock(&s);\n}\n`);
    expect(only(found, "recursive-locking").locks).toEqual(["s"]);
  });
});

describe("one class per (struct, field) where the types are declared", () => {
  const OBJ = "struct obj {\n\tstruct mutex lock;\n\tstruct obj *next;\n};\n";

  it("&o->lock and &next->lock of the same struct type are one class, named by the first text", async () => {
    const found = await findings(`${OBJ}void walk(struct obj *o)\n{\n\tstruct obj *next = o->next;\n\n\tmutex_lock(&o->lock);\n\tmutex_lock(&next->lock);\n\tmutex_unlock(&next->lock);\n\tmutex_unlock(&o->lock);\n}\n`);
    const f = only(found, "recursive-locking");
    expect(f.locks).toEqual(["&o->lock"]);
    expect(f.heldLocks.map((h) => h.name)).toEqual(["&o->lock"]);
  });

  it("the class is named by its *_init text when the scenario has one", async () => {
    const found = await findings(
      `${OBJ}static void obj_setup(struct obj *obj)\n{\n\tmutex_init(&obj->lock);\n}\n` +
        `void walk(struct obj *o, struct obj *p)\n{\n\tmutex_lock(&o->lock);\n\tmutex_lock(&p->lock);\n\tmutex_unlock(&p->lock);\n\tmutex_unlock(&o->lock);\n}\nTASK(walk);\n`,
    );
    expect(only(found, "recursive-locking").locks).toEqual(["&obj->lock"]);
  });

  it("fields reached through a declared struct member are classed by the member's struct", async () => {
    const found = await findings(
      `struct inner {\n\tspinlock_t lock;\n};\nstruct outer {\n\tstruct inner *in;\n};\n` +
        `void t(struct outer *a, struct inner *b)\n{\n\tspin_lock(&a->in->lock);\n\tspin_lock(&b->lock);\n\tspin_unlock(&b->lock);\n\tspin_unlock(&a->in->lock);\n}\n`,
    );
    expect(only(found, "recursive-locking").locks).toEqual(["&a->in->lock"]);
  });

  it("different fields of one struct are different classes", async () => {
    const two = "struct obj {\n\tstruct mutex lock;\n\tstruct mutex io_lock;\n};\n";
    expect(await summary(`${two}void t(struct obj *o, struct obj *p)\n{\n\tmutex_lock(&o->lock);\n\tmutex_lock(&p->io_lock);\n\tmutex_unlock(&p->io_lock);\n\tmutex_unlock(&o->lock);\n}\n`)).toEqual([]);
  });

  it("the model's wrappers name their class whatever the argument", async () => {
    const found = await findings(
      `void t1(struct vm_area_struct *vma)\n{\n\tmmap_read_lock(vma->vm_mm);\n\ti_mmap_lock_write(vma->vm_file->f_mapping);\n\ti_mmap_unlock_write(vma->vm_file->f_mapping);\n\tmmap_read_unlock(vma->vm_mm);\n}\n` +
        `void t2(struct address_space *mapping)\n{\n\ti_mmap_lock_read(mapping);\n\tmmap_write_lock(current->mm);\n\tmmap_write_unlock(current->mm);\n\ti_mmap_unlock_read(mapping);\n}\n`,
    );
    expect(only(found, "circular-dependency").locks.slice().sort()).toEqual(["&mapping->i_mmap_rwsem", "&mm->mmap_lock"]);
  });

  it("the kernel's subclass constants are known", async () => {
    const exit = only(await findings(`void t(struct inode *dir, struct inode *child)\n{\n\tinode_lock_nested(dir, I_MUTEX_PARENT);\n\tinode_lock_nested(child, I_MUTEX_CHILD);\n}\n`), "held-lock-at-exit");
    expect(exit.heldLocks.map((h) => h.name)).toEqual(["&sb->s_type->i_mutex_key/1", "&sb->s_type->i_mutex_key/2"]);
  });
});

describe("lock types", () => {
  it("come from the first use; a use as another type is an error at that use, naming the first", async () => {
    const source = `void a(struct dev *d)\n{\n\tmutex_lock(&d->lock);\n\tmutex_unlock(&d->lock);\n}\nvoid b(struct dev *d)\n{\n\tspin_lock(&d->lock);\n\tspin_unlock(&d->lock);\n}\n`;
    const result = await run(source);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const file = Object.keys(result.sources)[0]!;
    expect(result.diagnostics.map((d) => [d.loc, d.message])).toEqual([
      [{ file, line: 8, column: 2 }, `&d->lock is used as spinlock here but as mutex at ${file}:3:2`],
      [{ file, line: 9, column: 2 }, `&d->lock is used as spinlock here but as mutex at ${file}:3:2`],
    ]);
  });

  it("come from the declaration when there is one", async () => {
    const result = await run(`DEFINE_SPINLOCK(s);\nvoid t(void)\n{\n\tmutex_lock(&s);\n\tmutex_unlock(&s);\n}\n`);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.diagnostics[0]!.message).toBe("s is declared as spinlock but used here as mutex");
    expect(result.diagnostics[0]!.loc).toMatchObject({ line: 4, column: 2 });
  });

  it("a struct field's declared type counts as a declaration", async () => {
    const result = await run(`struct obj {\n\tspinlock_t lock;\n};\nvoid t(struct obj *o)\n{\n\tmutex_lock(&o->lock);\n\tmutex_unlock(&o->lock);\n}\n`);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.diagnostics[0]!.message).toBe("&o->lock is declared as spinlock but used here as mutex");
  });

  it("the family's variants and the generic lockdep-map calls are no conflict", async () => {
    expect(await summary(`DEFINE_MUTEX(m);\nDECLARE_RWSEM(r);\nvoid t(void)\n{\n\tmight_lock(&m);\n\tmutex_lock_nested(&m, 1);\n\tlockdep_assert_held(&m);\n\tmutex_unlock(&m);\n\tmight_lock_read(&r);\n\tdown_read(&r);\n\tup_read(&r);\n}\n`)).toEqual([]);
  });
});

describe("fields of static structs", () => {
  const PORT = "struct port {\n\tspinlock_t lock;\n\tint count;\n};\nstatic struct port port0;\n";

  it("&port0.lock is one class, named without &", async () => {
    const exit = only(await findings(`${PORT}void t(void)\n{\n\tspin_lock(&port0.lock);\n}\n`), "held-lock-at-exit");
    expect(exit.locks).toEqual(["port0.lock"]);
  });

  it("assigning another field of the static struct keeps the lock's class", async () => {
    expect(await summary(`${PORT}void t(void)\n{\n\tspin_lock(&port0.lock);\n\tport0.count = 0;\n\tspin_unlock(&port0.lock);\n}\n`)).toEqual([]);
  });

  it("the static struct's lock reached through a typed pointer is the same class", async () => {
    const found = await findings(
      `${PORT}static void handler(void)\n{\n\tstruct port *p = &port0;\n\n\tspin_lock(&p->lock);\n\tspin_unlock(&p->lock);\n}\n` +
        `static void t(void)\n{\n\tspin_lock(&port0.lock);\n\tspin_unlock(&port0.lock);\n}\nIRQ_HANDLER(handler);\nTASK(t);\n`,
    );
    expect(found.map((f) => f.kind)).toEqual(["inconsistent-lock-state"]);
  });
});
