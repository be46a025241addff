/**
 * The file scope: function definitions, prototypes, structs, enums, typedefs, global variables
 * and the kernel's definition and registration macros (`DEFINE_MUTEX(x);`, `TASK(fn);`,
 * `static DECLARE_WORK(w, fn);`). A statement at file scope is an error: scenarios are C.
 */
import type { Node } from "web-tree-sitter";
import type { Annotation, TopLevelItem, TypeRef } from "../../ast.js";
import type { RawAnnotation } from "../preprocess/index.js";
import { field, locOf, namedChildren, type LowerContext } from "./context.js";
import { lowerDeclaration, lowerParameters, macroDeclarationCall, macroSpecifierCall, reparseMacroCall, storageOf } from "./declarations.js";
import { lowerExpression } from "./expressions.js";
import { lowerBlock } from "./statements.js";
import { lowerTypeDefinition } from "./structs.js";
import { declaratorShape, declaredType, qualifiersOf } from "./types.js";

/** Node types tree-sitter accepts at file scope that are statements, not C file-scope items. */
const STATEMENT_TYPES = new Set([
  "if_statement", "for_statement", "while_statement", "do_statement", "switch_statement", "return_statement",
  "goto_statement", "break_statement", "continue_statement", "labeled_statement", "case_statement", "compound_statement",
]);

export function lowerItems(ctx: LowerContext, root: Node, annotations: readonly RawAnnotation[]): TopLevelItem[] {
  const items: TopLevelItem[] = [];
  let next = 0; // annotations are in offset order; each belongs to the first item ending after it
  for (const node of namedChildren(root)) {
    const first = next;
    while (next < annotations.length && (annotations[next]?.offset ?? Infinity) < node.endIndex) next++;
    items.push(...lowerItem(ctx, node, annotations.slice(first, next)));
  }
  return items;
}

function lowerItem(ctx: LowerContext, node: Node, annotations: readonly RawAnnotation[]): TopLevelItem[] {
  const loc = locOf(ctx, node);
  switch (node.type) {
    case "function_definition":
      return lowerFunction(ctx, node, annotations);
    case "declaration": {
      const call = macroDeclarationCall(ctx, node);
      if (call !== null) return [{ kind: "macro-call", loc, call, isStatic: storageOf(ctx, node).includes("static") }];
      const specifier = field(node, "type");
      const definition = specifier === null ? null : lowerTypeDefinition(ctx, specifier);
      const names = lowerDeclaration(ctx, node).map((d): TopLevelItem =>
        d.parameters !== null
          ? {
              kind: "function-declaration",
              loc: d.loc,
              name: d.name,
              returnType: returnType(d.type, qualifiersOf(ctx, node)),
              parameters: d.parameters,
              variadic: d.variadic,
              storage: d.storage,
              annotations: annotations.map((a) => annotationAt(ctx, a)),
            }
          : { kind: "variable", loc: d.loc, name: d.name, type: d.type, init: d.init, storage: d.storage });
      return definition === null ? names : [definition, ...names];
    }
    case "struct_specifier":
    case "union_specifier":
    case "enum_specifier": {
      const definition = lowerTypeDefinition(ctx, node);
      return definition === null ? [] : [definition];
    }
    case "type_definition": {
      const specifier = field(node, "type");
      if (specifier === null) return [];
      const definition = lowerTypeDefinition(ctx, specifier);
      const qualifiers = qualifiersOf(ctx, node);
      const names = node.childrenForFieldName("declarator").flatMap((declarator): TopLevelItem[] => {
        const shape = declaratorShape(declarator);
        if (shape?.name == null || shape.nameNode === null) return [];
        return [{ kind: "typedef", loc: locOf(ctx, shape.nameNode), name: shape.name, type: declaredType(ctx, qualifiers, specifier, shape) }];
      });
      return definition === null ? names : [definition, ...names];
    }
    case "expression_statement": {
      const expression = namedChildren(node)[0];
      const lowered = expression === undefined ? null : lowerExpression(ctx, expression);
      if (lowered === null) return [];
      if (lowered.kind === "call") return [{ kind: "macro-call", loc, call: lowered, isStatic: false }];
      ctx.diagnostics.push({ loc, message: "expected a declaration, a function definition or a macro call at file scope" });
      return [];
    }
    case "macro_type_specifier": {
      // `DEFINE_PER_CPU(struct obj, o);`: a macro with a type argument, read as a type.
      const call = reparseMacroCall(ctx, node, node) ?? macroSpecifierCall(ctx, node, node);
      return call === null ? [] : [{ kind: "macro-call", loc, call, isStatic: false }];
    }
    default:
      if (STATEMENT_TYPES.has(node.type)) ctx.diagnostics.push({ loc, message: "statement outside a function: scenarios are C, code goes in a function body" });
      return [];
  }
}

function lowerFunction(ctx: LowerContext, node: Node, raw: readonly RawAnnotation[]): TopLevelItem[] {
  const specifier = field(node, "type");
  const body = field(node, "body");
  const shape = declaratorShape(field(node, "declarator"));
  if (specifier === null || body === null || shape?.name == null || shape.parameters === null) return [];
  const { parameters, variadic } = lowerParameters(ctx, shape.parameters);
  const qualifiers = qualifiersOf(ctx, node);
  const type = declaredType(ctx, qualifiers, specifier, shape);
  const annotations: Annotation[] = raw
    .filter((a) => a.offset < body.startIndex)
    .map((a) => annotationAt(ctx, a));
  return [{
    kind: "function",
    loc: locOf(ctx, node),
    name: shape.name,
    returnType: returnType(type, qualifiers),
    parameters,
    variadic,
    storage: storageOf(ctx, node),
    annotations,
    body: lowerBlock(ctx, body),
  }];
}

function annotationAt(ctx: LowerContext, raw: RawAnnotation): Annotation {
  return { loc: ctx.locAt(raw.offset), name: raw.name, args: raw.args };
}

/** A function's return type: its type without the outermost "function" derivation. */
function returnType(type: TypeRef, qualifiers: readonly string[]): TypeRef {
  const derivation = type.derivation.slice(1);
  const pointers = derivation.filter((d) => d === "pointer").length;
  const specifier = [...qualifiers, type.base].join(" ");
  const text = derivation.length === pointers ? `${specifier}${pointers > 0 ? ` ${"*".repeat(pointers)}` : ""}` : type.text;
  return { text, base: type.base, derivation };
}

