/**
 * Declarations: one entry per declarator (`int a, *b = NULL;` declares two names), and the
 * kernel's definition macros written with a storage class, `static DECLARE_WORK(w, fn);` and
 * `static DEFINE_MUTEX(m);`, which a C grammar reads as a declaration of a strange type.
 */
import type { Node } from "web-tree-sitter";
import { STORAGE_CLASSES, type CallExpression, type Expression, type Loc, type Parameter, type StorageClass, type TypeRef } from "../../ast.js";
import { accept, field, locOf, namedChildren, normalizeSpace, rawText, textOf, type LowerContext } from "./context.js";
import { lowerExpression } from "./expressions.js";
import { declaratorShape, declaredType, descriptorType, qualifiersOf, type DeclaratorShape } from "./types.js";

export interface DeclaredName {
  readonly loc: Loc;
  readonly name: string;
  readonly type: TypeRef;
  readonly init: Expression | null;
  readonly storage: readonly StorageClass[];
  /** Set when the name is declared as a function (a prototype). */
  readonly parameters: readonly Parameter[] | null;
  readonly variadic: boolean;
  readonly shape: DeclaratorShape;
}

export function storageOf(ctx: LowerContext, node: Node): StorageClass[] {
  return namedChildren(node)
    .filter((child) => child.type === "storage_class_specifier")
    .map((child) => rawText(ctx, child))
    .filter((word): word is StorageClass => (STORAGE_CLASSES as readonly string[]).includes(word));
}

export function lowerDeclaration(ctx: LowerContext, node: Node): DeclaredName[] {
  const specifier = field(node, "type");
  if (specifier === null) return [];
  const storage = storageOf(ctx, node);
  const qualifiers = qualifiersOf(ctx, node);
  return node.childrenForFieldName("declarator").flatMap((declarator): DeclaredName[] => {
    const shape = declaratorShape(declarator);
    if (shape === null || shape.name === null || shape.nameNode === null) return [];
    const isFunction = shape.derivation[0] === "function";
    const parameters = isFunction && shape.parameters !== null ? lowerParameters(ctx, shape.parameters) : null;
    return [{
      loc: locOf(ctx, shape.nameNode),
      name: shape.name,
      type: declaredType(ctx, qualifiers, specifier, shape),
      init: shape.init === null ? null : lowerExpression(ctx, shape.init),
      storage,
      parameters: parameters?.parameters ?? null,
      variadic: parameters?.variadic ?? false,
      shape,
    }];
  });
}

export function lowerParameters(ctx: LowerContext, list: Node): { parameters: Parameter[]; variadic: boolean } {
  const parameters: Parameter[] = [];
  let variadic = false;
  for (const child of namedChildren(list)) {
    if (child.type === "variadic_parameter") variadic = true;
    if (child.type !== "parameter_declaration") continue;
    const specifier = field(child, "type");
    if (specifier === null) continue;
    const shape = declaratorShape(field(child, "declarator"));
    const type = declaredType(ctx, qualifiersOf(ctx, child), specifier, shape);
    if (type.text === "void" && shape === null) continue; // `f(void)`: no parameters
    parameters.push({ loc: locOf(ctx, shape?.nameNode ?? child), name: shape?.name ?? null, type });
  }
  return { parameters, variadic };
}

const MACRO_NAME = /^[A-Z_][A-Z0-9_]*$/;

/**
 * `static DECLARE_WORK(w, fn);` and `static DEFINE_MUTEX(m);` as the call they are, or null for
 * an ordinary declaration. The macro text is re-parsed in place as an expression, so argument
 * places are exact and type arguments (`static DEFINE_PER_CPU(struct obj, o);`) work.
 */
export function macroDeclarationCall(ctx: LowerContext, node: Node): CallExpression | null {
  const specifier = field(node, "type");
  if (specifier === null) return null;
  const declarators = node.childrenForFieldName("declarator");
  const onlyDeclarator = declarators.length === 1 ? declarators[0] : undefined;
  // Only the plain shape: tree-sitter's recovery may have merged the next line into this
  // declaration, and accepting that would drop it silently.
  const isMacroSpecifier =
    specifier.type === "macro_type_specifier" &&
    declarators.every((declarator) => declarator.isMissing) &&
    !node.children.some((child) => child.isError);
  const isMacroLikeType =
    specifier.type === "type_identifier" &&
    MACRO_NAME.test(specifier.text) &&
    onlyDeclarator?.type === "parenthesized_declarator";
  if (!isMacroSpecifier && !isMacroLikeType) return null;
  return reparseMacroCall(ctx, specifier, node) ?? (isMacroSpecifier ? macroSpecifierCall(ctx, specifier, node) : null);
}

/**
 * `DEFINE_PER_CPU(struct obj, o)`: with a type among its arguments tree-sitter reads the macro
 * as a type in every context, so the call is rebuilt from that reading: the arguments are the
 * parts between commas, the type descriptor a `type-name`.
 */
export function macroSpecifierCall(ctx: LowerContext, specifier: Node, whole: Node): CallExpression | null {
  const nameNode = field(specifier, "name");
  if (nameNode === null) return null;
  const parts = specifier.children.flatMap((child) => (child.type === "ERROR" ? child.children : [child]));
  const open = parts.findIndex((part) => part.type === "(");
  const close = parts.map((part) => part.type).lastIndexOf(")");
  const groups: Node[][] = [[]];
  for (const part of parts.slice(open + 1, close)) {
    if (part.type === ",") groups.push([]);
    else groups.at(-1)?.push(part);
  }
  const args = groups.filter((group) => group.length > 0).map((group): Expression => {
    const [only] = group;
    if (group.length === 1 && only !== undefined) {
      if (only.type !== "type_descriptor") return lowerExpression(ctx, only);
      return { kind: "type-name", loc: locOf(ctx, only), text: textOf(ctx, only), type: descriptorType(ctx, only) };
    }
    const first = group[0] ?? specifier;
    return { kind: "unknown", loc: locOf(ctx, first), text: normalizeSpace(ctx.code.slice(first.startIndex, (group.at(-1) ?? first).endIndex)) };
  });
  accept(ctx, whole);
  const callee = lowerExpression(ctx, nameNode);
  const end = (parts[close] ?? specifier).endIndex;
  const text = normalizeSpace(ctx.code.slice(specifier.startIndex, end));
  return { kind: "call", loc: locOf(ctx, specifier), text, callee, name: callee.kind === "identifier" ? callee.name : null, args };
}

/** Re-parses the text from `first` up to the last `)` inside `whole` as one call expression. */
export function reparseMacroCall(ctx: LowerContext, first: Node, whole: Node): CallExpression | null {
  const end = ctx.code.lastIndexOf(")", whole.endIndex - 1) + 1;
  if (end <= first.startIndex) return null;
  const call = ctx.reparse(ctx.code.slice(first.startIndex, end), first.startIndex);
  if (call?.kind !== "call") return null;
  accept(ctx, whole);
  return call;
}
