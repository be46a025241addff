/** `struct` / `union` / `enum` definitions, wherever a specifier with a body appears. */
import type { Node } from "web-tree-sitter";
import type { EnumDeclaration, StructDeclaration, StructField } from "../../ast.js";
import { field, locOf, namedChildren, rawText, type LowerContext } from "./context.js";
import { lowerExpression } from "./expressions.js";
import { declaratorShape, declaredType, qualifiersOf } from "./types.js";

/** The struct, union or enum a specifier defines, or null when it only names one. */
export function lowerTypeDefinition(ctx: LowerContext, specifier: Node): StructDeclaration | EnumDeclaration | null {
  const body = field(specifier, "body");
  if (body === null) return null;
  const tagNode = field(specifier, "name");
  const tag = tagNode === null ? null : rawText(ctx, tagNode);
  const loc = locOf(ctx, specifier);
  if (specifier.type === "enum_specifier") {
    const enumerators = namedChildren(body)
      .filter((child) => child.type === "enumerator")
      .flatMap((enumerator) => {
        const name = field(enumerator, "name");
        const value = field(enumerator, "value");
        return name === null ? [] : [{ loc: locOf(ctx, enumerator), name: rawText(ctx, name), value: value === null ? null : lowerExpression(ctx, value) }];
      });
    return { kind: "enum", loc, tag, enumerators };
  }
  const keyword = specifier.type === "union_specifier" ? "union" : "struct";
  return { kind: "struct", loc, keyword, tag, fields: lowerFields(ctx, body) };
}

function lowerFields(ctx: LowerContext, list: Node): StructField[] {
  return namedChildren(list)
    .filter((child) => child.type === "field_declaration")
    .flatMap((declaration): StructField[] => {
      const specifier = field(declaration, "type");
      if (specifier === null) return [];
      const declarators = declaration.childrenForFieldName("declarator");
      // An anonymous inner struct or union: its members are reached as the outer struct's.
      const innerBody = field(specifier, "body");
      if (declarators.length === 0 && innerBody !== null) return lowerFields(ctx, innerBody);
      const qualifiers = qualifiersOf(ctx, declaration);
      return declarators.flatMap((declarator) => {
        const shape = declaratorShape(declarator);
        if (shape === null || shape.name === null || shape.nameNode === null) return [];
        return [{ loc: locOf(ctx, shape.nameNode), name: shape.name, type: declaredType(ctx, qualifiers, specifier, shape) }];
      });
    });
}
