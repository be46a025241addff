/**
 * `// expect:` lines against findings. A finding matches an expectation when the kinds are equal
 * and it names the same locks (as a set: a cycle may be listed from any member). A file without
 * expectation lines expects nothing.
 */
import type { Finding } from "../engine/index.js";
import type { Expectation, Loc } from "../scenario/ast.js";

export interface Mismatch {
  readonly message: string;
  readonly loc?: Loc;
}

const sameLocks = (a: readonly string[], b: readonly string[]): boolean => {
  const x = [...new Set(a)].sort();
  const y = [...new Set(b)].sort();
  return x.length === y.length && x.every((v, i) => v === y[i]);
};

export function compareExpectations(file: string, expectations: readonly Expectation[], findings: readonly Finding[]): Mismatch[] {
  const wanted = expectations.filter((e): e is Extract<Expectation, { kind: "finding" }> => e.kind === "finding");
  const left = [...findings];
  const out: Mismatch[] = [];
  for (const w of wanted) {
    // An expectation that names no locks matches any finding of its kind.
    const i = left.findIndex((f) => f.kind === w.findingKind && (w.locks.length === 0 || sameLocks(f.locks, w.locks)));
    if (i >= 0) left.splice(i, 1);
    else out.push({ loc: w.loc, message: `expected ${[w.findingKind, ...w.locks].join(" ")}, not found` });
  }
  for (const f of left) out.push({ message: `${file}: unexpected ${[f.kind, ...f.locks].join(" ")}` });
  return out;
}
