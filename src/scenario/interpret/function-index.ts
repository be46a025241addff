/**
 * What a function's body contains, found once per definition and cached (definitions are
 * immutable, and the model's are shared by every check): its calls, its local declarations, and
 * the identifiers it names (a function named without a call is taken as a function pointer).
 */
import type { CallExpression, FunctionDefinition, TypeRef } from "../ast.js";

export interface FunctionIndex {
  readonly calls: readonly CallExpression[];
  readonly declarations: readonly { readonly name: string; readonly type: TypeRef }[];
  readonly identifiers: ReadonlySet<string>;
}

const cache = new WeakMap<FunctionDefinition, FunctionIndex>();

export function indexFunction(fn: FunctionDefinition): FunctionIndex {
  let index = cache.get(fn);
  if (index) return index;
  const calls: CallExpression[] = [];
  const declarations: { name: string; type: TypeRef }[] = [];
  const identifiers = new Set<string>();
  const visit = (n: unknown): void => {
    if (!n || typeof n !== "object") return;
    if (Array.isArray(n)) {
      for (const x of n) visit(x);
      return;
    }
    const node = n as { kind?: string; name?: string | null; type?: TypeRef };
    if (node.kind === "call") calls.push(n as CallExpression);
    else if (node.kind === "declaration" && node.name && node.type) declarations.push({ name: node.name, type: node.type });
    else if (node.kind === "identifier" && node.name) identifiers.add(node.name);
    for (const v of Object.values(node)) if (v && typeof v === "object") visit(v);
  };
  visit(fn.body);
  index = { calls, declarations, identifiers };
  cache.set(fn, index);
  return index;
}
