import { describe, expect, it } from "vitest";
import { at, functionNamed, onlyStatement, parseOk, parseWithDiagnostics, statementsOf } from "./helpers.js";

describe("kernel idioms tree-sitter-c reports as errors, accepted", () => {
  it.each([
    ["list_for_each_entry(p, &h, node)"],
    ["list_for_each_entry_safe(p, n, &h, node)"],
    ["hlist_for_each_entry_rcu(p, &bucket, node)"],
    ["hash_for_each_possible(table, obj, node, key)"],
    ["xa_for_each(&mapping->i_pages, index, entry)"],
    ["for_each_online_cpu(cpu)"],
    ["for_each_process(task)"],
    ["rbtree_postorder_for_each_entry_safe(pos, n, &root, rb)"],
  ])("%s { ... } is a macro-loop", async (header) => {
    const statement = await onlyStatement(`${header} {\n\t\tcond_resched();\n\t}`);
    const name = header.slice(0, header.indexOf("("));
    expect(statement).toMatchObject({ kind: "macro-loop", name, loc: at(2, 2), body: { kind: "block", statements: [{ kind: "expression", loc: at(3, 3) }] } });
  });

  it("a for_each macro takes a single statement as its body", async () => {
    expect(await statementsOf("list_for_each_entry(p, &h, node)\n\t\tkfree(p);\n\tdone();")).toMatchObject([
      { kind: "macro-loop", name: "list_for_each_entry", body: { kind: "expression", loc: at(3, 3), expression: { name: "kfree" } } },
      { kind: "expression", loc: at(4, 2), expression: { name: "done" } },
    ]);
  });

  it("a one-argument for_each header, with a block or a single call as body", async () => {
    expect(await statementsOf("for_each_online_cpu(cpu) {\n\t\tdrain(cpu);\n\t}\n\tfor_each_possible_cpu(cpu)\n\t\tdrain(cpu);")).toMatchObject([
      { kind: "macro-loop", loc: at(2, 2), name: "for_each_online_cpu", args: [{ kind: "identifier", name: "cpu", loc: at(2, 22) }], body: { kind: "block", statements: [{ loc: at(3, 3) }] } },
      { kind: "macro-loop", loc: at(5, 2), name: "for_each_possible_cpu", args: [{ name: "cpu" }], body: { kind: "expression", loc: at(6, 3), expression: { name: "drain", args: [{ name: "cpu" }] } } },
    ]);
  });

  it("a one-argument for_each header without braces, whatever its body statement", async () => {
    expect(
      await statementsOf("for_each_online_cpu(cpu)\n\t\tspin_lock(&s);\n\tfor_each_node(nid)\n\t\tif (x)\n\t\t\ty(&l);\n\tfor_each_zone(z)\n\t\tcount = count + 1;\n\tdone(&s);"),
    ).toMatchObject([
      { kind: "macro-loop", loc: at(2, 2), name: "for_each_online_cpu", args: [{ name: "cpu", loc: at(2, 22) }], body: { kind: "expression", loc: at(3, 3), expression: { name: "spin_lock", args: [{ text: "&s", loc: at(3, 13) }] } } },
      { kind: "macro-loop", loc: at(4, 2), name: "for_each_node", body: { kind: "if", loc: at(5, 3), then: { kind: "expression", loc: at(6, 4) } } },
      { kind: "macro-loop", loc: at(7, 2), name: "for_each_zone", body: { kind: "expression", expression: { kind: "assignment" } } },
      { kind: "expression", loc: at(9, 2), expression: { name: "done" } },
    ]);
  });

  it("a syntax error after a brace-less loop header is still reported, once, at its place", async () => {
    const result = await parseWithDiagnostics("void f(void)\n{\n\tfor_each_online_cpu(cpu)\n\t\tfoo(cpu);\n\ta()\n\tb();\n}\n");
    expect(result.diagnostics).toEqual([{ loc: at(5, 5), message: "expected ';'" }]);
  });

  it("brace-less one-argument headers are bounded per block", async () => {
    const body = "for_each_online_cpu(cpu)\n\t\tfoo(cpu);\n\t".repeat(40);
    const result = await parseWithDiagnostics(`void f(void)\n{\n\t${body}\n}\n`);
    expect(result.diagnostics).toEqual([{ loc: at(67, 2), message: "more than 32 brace-less loop headers in one block: put the loop body in braces" }]);
  });

  it("any name(args) directly followed by a block is a macro-loop (scoped_guard)", async () => {
    expect(await onlyStatement("scoped_guard(mutex, &dev->lock) {\n\t\ta();\n\t}")).toMatchObject({
      kind: "macro-loop",
      name: "scoped_guard",
      args: [{ kind: "identifier", name: "mutex" }, { kind: "unary", text: "&dev->lock" }],
    });
  });

  it("a loop macro as an if branch gets the block that follows", async () => {
    expect(await onlyStatement("if (x)\n\t\tlist_for_each_entry(p, &h, node) { a(); }")).toMatchObject({
      kind: "if",
      then: { kind: "macro-loop", name: "list_for_each_entry", body: { kind: "block", statements: [{ expression: { name: "a" } }] } },
      else: null,
    });
    expect(await onlyStatement("if (x) a(); else list_for_each_entry(p, &h, node) { b(); }")).toMatchObject({
      else: { kind: "macro-loop", body: { statements: [{ expression: { name: "b" } }] } },
    });
  });

  it("nested macro loops", async () => {
    expect(await onlyStatement("for_each_online_cpu(cpu) {\n\t\tlist_for_each_entry(p, per_cpu_ptr(&lists, cpu), node) {\n\t\t\tx();\n\t\t}\n\t}")).toMatchObject({
      kind: "macro-loop",
      body: { statements: [{ kind: "macro-loop", name: "list_for_each_entry", args: [{}, { kind: "call", name: "per_cpu_ptr" }, {}] }] },
    });
  });

  it("annotations: __init, __exit, __releases, noinline, __must_hold", async () => {
    const unit = await parseOk(
      "static int __init mod_init(void) { return 0; }\nstatic void __exit mod_exit(void) { }\nstatic noinline void unlock_it(struct mutex *m) __releases(m) __must_hold(&big)\n{\n\tmutex_unlock(m);\n}\n",
    );
    expect(functionNamed(unit, "mod_init").annotations).toMatchObject([{ name: "__init", args: null, loc: at(1, 12) }]);
    expect(functionNamed(unit, "mod_exit").annotations).toMatchObject([{ name: "__exit" }]);
    expect(functionNamed(unit, "unlock_it")).toMatchObject({
      storage: ["static"],
      annotations: [{ name: "noinline" }, { name: "__releases", args: "m" }, { name: "__must_hold", args: "&big" }],
      parameters: [{ name: "m", type: { text: "struct mutex *" } }],
    });
  });

  it("annotations inside declarations and strings are handled", async () => {
    const unit = await parseOk('static struct obj __rcu *head;\nstatic int __read_mostly enabled = 1;\nvoid f(void) { pr_info("__init stays"); }\n');
    expect(unit.items).toMatchObject([
      { kind: "variable", name: "head", type: { text: "struct obj *" } },
      { kind: "variable", name: "enabled", init: { value: 1 } },
      { kind: "function", body: { statements: [{ expression: { args: [{ kind: "string", value: "__init stays" }] } }] } },
    ]);
  });

  it("types as macro arguments: container_of, list_first_entry, va_arg", async () => {
    expect(await statementsOf("struct obj *o = container_of(work, struct obj, work);\n\tstruct obj *n = list_first_entry(&h, struct obj, node);\n\tx = va_arg(ap, unsigned long);")).toMatchObject([
      {
        kind: "declaration",
        name: "o",
        init: { kind: "call", name: "container_of", args: [{ name: "work" }, { kind: "type-name", text: "struct obj", type: { base: "struct obj" }, loc: at(2, 37) }, { name: "work" }] },
      },
      { kind: "declaration", name: "n", init: { args: [{ kind: "unary" }, { kind: "type-name", text: "struct obj" }, { name: "node" }] } },
      { kind: "expression", expression: { value: { args: [{ name: "ap" }, { kind: "type-name", text: "unsigned long", type: { base: "unsigned long" } }] } } },
    ]);
  });

  it("spin_lock_irqsave with flags, memalloc scopes, current->flags", async () => {
    expect(
      await statementsOf("unsigned int nofs = memalloc_nofs_save();\n\tspin_lock_irqsave(&dev->lock, flags);\n\tcurrent->flags |= PF_MEMALLOC_NOIO;\n\tmemalloc_nofs_restore(nofs);"),
    ).toMatchObject([
      { kind: "declaration", name: "nofs", init: { name: "memalloc_nofs_save" } },
      { kind: "expression", expression: { name: "spin_lock_irqsave", args: [{ text: "&dev->lock" }, { name: "flags" }] } },
      { kind: "expression", expression: { kind: "assignment", operator: "|=" } },
      { kind: "expression", expression: { name: "memalloc_nofs_restore" } },
    ]);
  });

  it("wait_event with a condition argument, fallthrough; and READ_ONCE", async () => {
    expect(await statementsOf("wait_event(wq, atomic_read(&o->pending) == 0);\n\tfallthrough;\n\tv = READ_ONCE(o->state);")).toMatchObject([
      { expression: { name: "wait_event", args: [{ name: "wq" }, { kind: "binary", operator: "==", left: { name: "atomic_read" } }] } },
      { expression: { kind: "identifier", name: "fallthrough" } },
      { expression: { kind: "assignment", value: { name: "READ_ONCE" } } },
    ]);
  });

  it("a missing ';' after a call that is not a loop header stays an error", async () => {
    const result = await parseWithDiagnostics("void f(void)\n{\n\tmutex_lock(&a)\n\tfoo();\n}\n");
    expect(result.diagnostics).toEqual([{ loc: at(3, 16), message: "expected ';'" }]);
  });
});
