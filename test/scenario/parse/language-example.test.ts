/** The example of SCENARIO-LANGUAGE.md (the contract), parsed as the interpreter will see it. */
import { expect, it } from "vitest";
import { at, parseOk } from "./helpers.js";

const EXAMPLE = `/* seed 000: registering an MMU notifier allocated under mm_take_all_locks() */
static int do_register(struct mm_struct *mm)
{
        struct mmu_notifier_mm *mmn;

        mmap_write_lock(mm);                    /* class &mm->mmap_lock */
        mm_take_all_locks(mm);                  /* model: i_mmap_rwsem and anon_vma locks */
        mmn = kmalloc(sizeof(*mmn), GFP_KERNEL);
        mm_drop_all_locks(mm);
        mmap_write_unlock(mm);
        return 0;
}

TASK(do_register);
// expect: circular-dependency &mapping->i_mmap_rwsem fs_reclaim
`;

it("the language page's example", async () => {
  const unit = await parseOk(EXAMPLE);
  expect(unit.items).toMatchObject([
    {
      kind: "function",
      loc: at(2, 1),
      name: "do_register",
      storage: ["static"],
      returnType: { text: "int" },
      parameters: [{ name: "mm", type: { text: "struct mm_struct *", base: "struct mm_struct", derivation: ["pointer"] } }],
      body: {
        statements: [
          { kind: "declaration", name: "mmn", type: { text: "struct mmu_notifier_mm *" }, init: null, loc: at(4, 33) },
          { kind: "expression", loc: at(6, 9), expression: { name: "mmap_write_lock", args: [{ kind: "identifier", name: "mm" }] } },
          { kind: "expression", expression: { name: "mm_take_all_locks" } },
          {
            kind: "expression",
            loc: at(8, 9),
            expression: {
              kind: "assignment",
              operator: "=",
              target: { name: "mmn" },
              value: { kind: "call", name: "kmalloc", args: [{ kind: "sizeof", operand: { kind: "unary", operator: "*", text: "*mmn" } }, { kind: "identifier", name: "GFP_KERNEL", loc: at(8, 37) }] },
            },
          },
          { kind: "expression", expression: { name: "mm_drop_all_locks" } },
          { kind: "expression", expression: { name: "mmap_write_unlock" } },
          { kind: "return", value: { kind: "number", value: 0 } },
        ],
      },
    },
    { kind: "macro-call", loc: at(14, 1), isStatic: false, call: { name: "TASK", args: [{ kind: "identifier", name: "do_register" }] } },
  ]);
  expect(unit.expectations).toEqual([
    { kind: "finding", loc: at(15, 1), findingKind: "circular-dependency", locks: ["&mapping->i_mmap_rwsem", "fs_reclaim"] },
  ]);
});
