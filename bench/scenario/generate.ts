/**
 * A generated scenario in the style of a large driver: `functions` functions in layers, each
 * calling two functions of the next layer under nested unknown conditions, taking and releasing
 * locks from a fixed order (no deadlock by design), allocating with the gfp masks drivers use,
 * with switch statements, loops and goto error paths. Paths multiply with every layer (2^depth
 * and more); the interpreter's memoization must keep the cost linear. Lock nesting stays at
 * most four deep, as on real kernel paths: entry states, not paths, are what memoization counts.
 */
export interface GeneratedScenario {
  readonly text: string;
  readonly lines: number;
  readonly functions: number;
}

const LOCKS = 24;

export function generateScenario(functions = 1000, targetLines = 10_000): GeneratedScenario {
  const out: string[] = ["/* generated: bench/scenario/generate.ts */", ""];
  for (let i = 0; i < LOCKS; i++) out.push(`DEFINE_MUTEX(lock_${String(i).padStart(2, "0")});`);
  out.push("DEFINE_SPINLOCK(stats_lock);", "struct dev { struct mutex lock; spinlock_t irq_lock; int state; };", "");
  const perLayer = 50;
  // Two of three functions are 7-line dispatchers; the rest fill the line budget.
  const bodyLines = Math.max(20, Math.floor((targetLines - functions * (2 / 3) * 7) / (functions / 3)) - 5);
  for (let f = functions - 1; f >= 0; f--) {
    const layer = Math.floor(f / perLayer);
    const a = (layer + 1) * perLayer + ((f * 7) % perLayer);
    const b = (layer + 1) * perLayer + ((f * 13 + 5) % perLayer);
    const lock = `lock_${String(layer % LOCKS).padStart(2, "0")}`;
    if (f % 3 !== 0) {
      // A small dispatcher: two calls under an unknown condition.
      const call = (t: number, arg: string): string => (t < functions ? `fn_${t}(dev, ${arg})` : "0");
      out.push(`static int fn_${f}(struct dev *dev, unsigned int flags)`, "{", `\tif (flags & ${1 << (f % 5)})`, `\t\treturn ${call(a, "flags")};`, `\treturn ${call(b, "flags >> 1")};`, "}", "");
      continue;
    }
    const body: string[] = [];
    // Real paths nest a few locks, not twenty: the call into the next layer is made under this
    // layer's lock only every fifth layer (at most four held), otherwise after releasing it.
    const nested = layer % 5 === 0;
    body.push(`\tif (dev->state & ${1 << (f % 8)}) {`, `\t\tmutex_lock(&${lock});`);
    if (a < functions && nested) body.push(`\t\tret = fn_${a}(dev, flags);`);
    body.push(`\t\tif (ret)`, `\t\t\tgoto out_unlock;`, `\t\tmutex_unlock(&${lock});`, "\t}");
    if (a < functions && !nested) body.push(`\tret = fn_${a}(dev, flags);`);
    body.push(`\tswitch (flags & 3) {`, "\tcase 0:", `\t\tp = kmalloc(64, GFP_KERNEL);`, "\t\tbreak;", "\tcase 1:", `\t\tp = kzalloc(32, GFP_NOFS);`, "\t\tbreak;", "\tdefault:", "\t\tbreak;", "\t}");
    if (b < functions) body.push(`\tif (!p)`, `\t\tret = fn_${b}(dev, flags >> 1);`);
    while (body.length < bodyLines - 6) {
      const k = body.length;
      body.push(`\tfor (i = 0; i < dev->state; i++) {`, `\t\tspin_lock_irq(&dev->irq_lock);`, `\t\tdev->state += ${k};`, `\t\tspin_unlock_irq(&dev->irq_lock);`, "\t}");
    }
    body.push("\treturn ret;", "out_unlock:", `\tmutex_unlock(&${lock});`, "\treturn ret;");
    out.push(`static int fn_${f}(struct dev *dev, unsigned int flags)`, "{", "\tint ret = 0, i;", "\tvoid *p = NULL;", ...body, "}", "");
  }
  // Every function of the first layer is an entry point, so every layer below is reached.
  for (let f = 0; f < Math.min(perLayer, functions); f++) out.push(`TASK(fn_${f});`);
  out.push("// expect: none", "");
  const text = out.join("\n");
  return { text, lines: out.length, functions };
}
