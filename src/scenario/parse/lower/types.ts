/**
 * Declarators and types: from tree-sitter's nested declarators (`*a[4]`, `(*cb)(void)`) to a
 * name and a {@link TypeRef}. C reads a declarator inside out: the node nearest the name is the
 * outermost derivation of the type (`*a[4]`: an array of pointers).
 */
import type { Node } from "web-tree-sitter";
import type { TypeDerivation, TypeRef } from "../../ast.js";
import { field, namedChildren, normalizeSpace, rawText, type LowerContext } from "./context.js";

export interface DeclaratorShape {
  readonly name: string | null;
  readonly nameNode: Node | null;
  /** Outermost first, as in TypeRef. */
  readonly derivation: readonly TypeDerivation[];
  /** The parameter list applied directly to the name (a function's own parameters). */
  readonly parameters: Node | null;
  /** The declarator without its initializer. */
  readonly declarator: Node;
  /** The initializer of an init_declarator. */
  readonly init: Node | null;
}

const DERIVATIONS: Readonly<Record<string, TypeDerivation>> = {
  pointer_declarator: "pointer",
  abstract_pointer_declarator: "pointer",
  array_declarator: "array",
  abstract_array_declarator: "array",
  function_declarator: "function",
  abstract_function_declarator: "function",
};

const NAME_NODES = new Set(["identifier", "field_identifier", "type_identifier"]);

export function declaratorShape(node: Node | null): DeclaratorShape | null {
  if (node === null) return null;
  let init: Node | null = null;
  let declarator = node;
  if (node.type === "init_declarator") {
    init = field(node, "value");
    const inner = field(node, "declarator");
    if (inner === null) return null;
    declarator = inner;
  }
  const outsideIn: TypeDerivation[] = [];
  let parameters: Node | null = null;
  let current: Node | null = declarator;
  while (current !== null && !NAME_NODES.has(current.type)) {
    const derivation = DERIVATIONS[current.type];
    if (derivation !== undefined) {
      outsideIn.push(derivation);
      if (derivation === "function") parameters = field(current, "parameters");
      current = field(current, "declarator");
    } else if (current.type.endsWith("parenthesized_declarator") || current.type === "attributed_declarator") {
      current = namedChildren(current)[0] ?? null;
    } else {
      return null;
    }
  }
  const nearestName = outsideIn.at(-1);
  return {
    name: current === null ? null : current.text,
    nameNode: current,
    derivation: outsideIn.reverse(),
    parameters: nearestName === "function" ? parameters : null,
    declarator,
    init,
  };
}

/** The specifier as a base type name: `struct obj` even where the struct body follows. */
export function baseTypeName(ctx: LowerContext, specifier: Node): string {
  if (["struct_specifier", "union_specifier", "enum_specifier"].includes(specifier.type)) {
    const keyword = specifier.type.slice(0, specifier.type.indexOf("_"));
    const tag = field(specifier, "name");
    return tag === null ? `${keyword} <anonymous>` : `${keyword} ${rawText(ctx, tag)}`;
  }
  return normalizeSpace(rawText(ctx, specifier));
}

/** Qualifiers (`const`, `volatile`) written among a declaration's specifiers. */
export function qualifiersOf(ctx: LowerContext, declaration: Node): string[] {
  return namedChildren(declaration)
    .filter((child) => child.type === "type_qualifier")
    .map((child) => rawText(ctx, child));
}

/**
 * The type a declarator gives its name. `text` is the specifier and the declarator with the
 * name (and any initializer) cut out: `struct obj *`, `int (*)(struct obj *o, int)`.
 */
export function declaredType(ctx: LowerContext, qualifiers: readonly string[], specifier: Node, shape: DeclaratorShape | null): TypeRef {
  const base = baseTypeName(ctx, specifier);
  const specifierText = [...qualifiers, base].join(" ");
  if (shape === null) return { text: specifierText, base, derivation: [] };
  const { declarator, nameNode } = shape;
  let abstract = rawText(ctx, declarator);
  if (nameNode !== null) {
    const from = nameNode.startIndex - declarator.startIndex;
    abstract = abstract.slice(0, from) + abstract.slice(from + (nameNode.endIndex - nameNode.startIndex));
  }
  const text = normalizeSpace(`${specifierText} ${abstract}`).replace(/\*\s+(?=[*)])/g, "*");
  return { text, base, derivation: shape.derivation };
}

/** The type named by a `type_descriptor` (casts, `sizeof(type)`, compound literals). */
export function descriptorType(ctx: LowerContext, descriptor: Node): TypeRef {
  const specifier = field(descriptor, "type");
  const text = normalizeSpace(rawText(ctx, descriptor)).replace(/\*\s+(?=[*)])/g, "*");
  if (specifier === null) return { text, base: text, derivation: [] };
  const shape = declaratorShape(field(descriptor, "declarator"));
  return { text, base: baseTypeName(ctx, specifier), derivation: shape?.derivation ?? [] };
}

/** A type written as plain words where an expression was expected (`struct obj`, `unsigned long *`). */
export function wordsType(text: string): TypeRef {
  const normalized = normalizeSpace(text).replace(/\*\s+(?=[*)])/g, "*");
  const pointers = (normalized.match(/\*/g) ?? []).length;
  const base = normalizeSpace(normalized.replace(/\*/g, " ").replace(/\b(const|volatile)\b/g, " "));
  return { text: normalized, base, derivation: Array.from({ length: pointers }, () => "pointer" as const) };
}
