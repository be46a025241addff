import { describe, expect, it } from "vitest";
import { at, functionNamed, parseOk } from "./helpers.js";

describe("top-level items", () => {
  it("function definition: parameters with declared types, storage, return type, annotations", async () => {
    const unit = await parseOk(
      "static inline struct obj *__must_check obj_get(struct mutex *m, gfp_t gfp, int (*cb)(struct obj *, int), ...) __acquires(m)\n{\n\treturn NULL;\n}\n",
    );
    expect(functionNamed(unit, "obj_get")).toMatchObject({
      kind: "function",
      loc: at(1, 1),
      returnType: { text: "struct obj *", base: "struct obj", derivation: ["pointer"] },
      parameters: [
        { name: "m", loc: at(1, 62), type: { text: "struct mutex *", base: "struct mutex", derivation: ["pointer"] } },
        { name: "gfp", type: { text: "gfp_t", derivation: [] } },
        { name: "cb", type: { text: "int (*)(struct obj *, int)", base: "int", derivation: ["pointer", "function"] } },
      ],
      variadic: true,
      storage: ["static", "inline"],
      annotations: [
        { name: "__must_check", args: null, loc: at(1, 27) },
        { name: "__acquires", args: "m", loc: at(1, 111) },
      ],
      body: { kind: "block", loc: at(2, 1), statements: [{ kind: "return" }] },
    });
  });

  it("f(void) has no parameters; an unnamed parameter has a null name", async () => {
    const unit = await parseOk("void a(void) { }\nint b(struct obj *) { return 0; }\n");
    expect(functionNamed(unit, "a").parameters).toEqual([]);
    expect(functionNamed(unit, "b").parameters).toMatchObject([{ name: null, type: { text: "struct obj *" } }]);
  });

  it("struct with typed fields, function pointer fields, arrays and anonymous inner unions", async () => {
    const unit = await parseOk(
      "struct obj {\n\tstruct mutex lock;\n\tspinlock_t list_lock, *plock;\n\tint (*release)(struct obj *o);\n\tstruct obj *children[4];\n\tunion { struct rcu_head rcu; struct list_head node; };\n\tunsigned int dead:1;\n};\n",
    );
    expect(unit.items).toMatchObject([
      {
        kind: "struct",
        loc: at(1, 1),
        keyword: "struct",
        tag: "obj",
        fields: [
          { name: "lock", loc: at(2, 15), type: { text: "struct mutex", base: "struct mutex", derivation: [] } },
          { name: "list_lock", type: { text: "spinlock_t" } },
          { name: "plock", type: { text: "spinlock_t *", derivation: ["pointer"] } },
          { name: "release", type: { text: "int (*)(struct obj *o)", derivation: ["pointer", "function"] } },
          { name: "children", type: { text: "struct obj *[4]", base: "struct obj", derivation: ["array", "pointer"] } },
          { name: "rcu", type: { text: "struct rcu_head" } },
          { name: "node", type: { text: "struct list_head" } },
          { name: "dead", type: { base: "unsigned int" } },
        ],
      },
    ]);
  });

  it("global variables: seqcount_t, designated initializers, STATIC_LOCKDEP_MAP_INIT, const ops", async () => {
    const unit = await parseOk(
      [
        "seqcount_t seq;",
        "static struct shrinker s = { .count_objects = f, .scan_objects = g, .seeks = DEFAULT_SEEKS };",
        'static struct lockdep_map m = STATIC_LOCKDEP_MAP_INIT("name", &key);',
        "static const struct mmu_notifier_ops ops = { .invalidate_range_start = inv };",
        "extern struct mutex big_lock;",
      ].join("\n"),
    );
    expect(unit.items).toMatchObject([
      { kind: "variable", loc: at(1, 12), name: "seq", type: { text: "seqcount_t" }, init: null, storage: [] },
      {
        kind: "variable",
        name: "s",
        type: { text: "struct shrinker" },
        storage: ["static"],
        init: {
          kind: "init-list",
          loc: at(2, 28),
          entries: [
            { designators: [{ kind: "field", name: "count_objects" }], value: { kind: "identifier", name: "f" } },
            { designators: [{ name: "scan_objects" }], value: { name: "g" } },
            { designators: [{ name: "seeks" }], value: { name: "DEFAULT_SEEKS" } },
          ],
        },
      },
      {
        kind: "variable",
        name: "m",
        type: { text: "struct lockdep_map" },
        init: { kind: "call", name: "STATIC_LOCKDEP_MAP_INIT", args: [{ kind: "string", value: "name" }, { kind: "unary", text: "&key" }] },
      },
      { kind: "variable", name: "ops", type: { text: "const struct mmu_notifier_ops", base: "struct mmu_notifier_ops" } },
      { kind: "variable", name: "big_lock", storage: ["extern"], init: null },
    ]);
  });

  it("top-level macro calls: DEFINE_MUTEX, TASK, SHRINKER, static DECLARE_WORK", async () => {
    const unit = await parseOk("DEFINE_MUTEX(dev_lock);\nstatic DECLARE_WORK(w, work_fn);\nstatic DEFINE_SPINLOCK(sl);\nTASK(do_register);\nSHRINKER(count, scan);\n");
    expect(unit.items).toMatchObject([
      { kind: "macro-call", loc: at(1, 1), isStatic: false, call: { name: "DEFINE_MUTEX", args: [{ name: "dev_lock", loc: at(1, 14) }] } },
      { kind: "macro-call", loc: at(2, 1), isStatic: true, call: { name: "DECLARE_WORK", loc: at(2, 8), text: "DECLARE_WORK(w, work_fn)", args: [{ name: "w", loc: at(2, 21) }, { name: "work_fn", loc: at(2, 24) }] } },
      { kind: "macro-call", isStatic: true, call: { name: "DEFINE_SPINLOCK", args: [{ name: "sl", loc: at(3, 24) }] } },
      { kind: "macro-call", isStatic: false, call: { name: "TASK", args: [{ name: "do_register" }] } },
      { kind: "macro-call", call: { name: "SHRINKER", args: [{ name: "count" }, { name: "scan" }] } },
    ]);
  });

  it("macros with a type argument at file scope", async () => {
    const unit = await parseOk("static DEFINE_PER_CPU(struct obj, pcpu_obj);\nvoid f(void) { }\nDEFINE_PER_CPU(struct obj, other);\n");
    expect(unit.items).toMatchObject([
      { kind: "macro-call", isStatic: true, call: { name: "DEFINE_PER_CPU", text: "DEFINE_PER_CPU(struct obj, pcpu_obj)", args: [{ kind: "type-name", text: "struct obj", type: { base: "struct obj" }, loc: at(1, 23) }, { name: "pcpu_obj", loc: at(1, 35) }] } },
      { kind: "function", name: "f" },
      { kind: "macro-call", isStatic: false, call: { name: "DEFINE_PER_CPU", args: [{ kind: "type-name" }, { name: "other", loc: at(3, 28) }] } },
    ]);
  });

  it("prototypes, enums and typedefs", async () => {
    const unit = await parseOk("static int helper(struct obj *o) __must_hold(&o->lock);\nenum state { IDLE, BUSY = 4 };\ntypedef struct obj obj_t;\ntypedef int (*cb_t)(void *);\n");
    expect(unit.items).toMatchObject([
      { kind: "function-declaration", name: "helper", returnType: { text: "int" }, parameters: [{ name: "o" }], storage: ["static"], annotations: [{ name: "__must_hold", args: "&o->lock", loc: at(1, 34) }] },
      { kind: "enum", tag: "state", enumerators: [{ name: "IDLE", value: null }, { name: "BUSY", value: { value: 4 } }] },
      { kind: "typedef", name: "obj_t", type: { text: "struct obj" } },
      { kind: "typedef", name: "cb_t", type: { derivation: ["pointer", "function"] } },
    ]);
  });

  it("a struct defined together with a variable gives both", async () => {
    const unit = await parseOk("static struct { spinlock_t lock; } state;\n");
    expect(unit.items).toMatchObject([
      { kind: "struct", tag: null, fields: [{ name: "lock" }] },
      { kind: "variable", name: "state", type: { base: "struct <anonymous>" } },
    ]);
  });

  it("an empty file is a valid unit with nothing in it", async () => {
    expect(await parseOk("")).toEqual({ file: "/scenarios/t.c", files: ["/scenarios/t.c"], items: [], macros: [], expectations: [] });
  });

  it("the unit survives a JSON round trip", async () => {
    const unit = await parseOk("DEFINE_MUTEX(a);\nvoid f(void) { mutex_lock(&a); }\n// expect: none\n");
    expect(JSON.parse(JSON.stringify(unit))).toEqual(unit);
  });
});
