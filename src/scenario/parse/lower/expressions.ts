/**
 * tree-sitter expression nodes → {@link Expression}. Parentheses leave no node; what has no
 * meaning for a scenario (inline asm, `_Generic`, `offsetof`) becomes `unknown` with its text.
 */
import type { Node } from "web-tree-sitter";
import {
  ASSIGNMENT_OPERATORS,
  BINARY_OPERATORS,
  UNARY_OPERATORS,
  type AssignmentOperator,
  type BinaryOperator,
  type Designator,
  type Expression,
  type InitializerEntry,
  type InitializerList,
  type UnaryOperator,
} from "../../ast.js";
import { lowerArguments } from "./arguments.js";
import { field, locOf, namedChildren, rawText, textOf, type LowerContext } from "./context.js";
import { charValue, numberValue, stringValue } from "./literals.js";
import { lowerBlock } from "./statements.js";
import { descriptorType } from "./types.js";

/** Literals the kernel defines as numbers (include/linux/stddef.h). */
const NUMBER_KEYWORDS: Readonly<Record<string, number>> = { true: 1, false: 0, null: 0, nullptr: 0 };

function isOneOf<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}

export function lowerExpression(ctx: LowerContext, node: Node): Expression {
  const loc = locOf(ctx, node);
  const text = textOf(ctx, node);
  const unknown = (): Expression => ({ kind: "unknown", loc, text });
  const sub = (name: string): Expression | null => {
    const child = field(node, name);
    return child === null ? null : lowerExpression(ctx, child);
  };
  const operatorOf = (): string => field(node, "operator")?.type ?? "";

  switch (node.type) {
    case "identifier":
    case "field_identifier":
    case "type_identifier":
    case "statement_identifier":
      return { kind: "identifier", loc, text, name: text };
    case "number_literal":
      return { kind: "number", loc, text, value: numberValue(text) };
    case "char_literal":
      return { kind: "number", loc, text, value: charValue(rawText(ctx, node)) };
    case "true":
    case "false":
    case "null":
      return { kind: "number", loc, text, value: NUMBER_KEYWORDS[node.type] ?? 0 };
    case "string_literal":
      return { kind: "string", loc, text, value: stringValue(rawText(ctx, node)) };
    case "concatenated_string":
      return {
        kind: "string",
        loc,
        text,
        value: namedChildren(node)
          .filter((part) => part.type === "string_literal")
          .map((part) => stringValue(rawText(ctx, part)))
          .join(""),
      };
    case "call_expression": {
      const calleeNode = field(node, "function");
      const argumentsNode = field(node, "arguments");
      if (calleeNode === null) return unknown();
      const callee = lowerExpression(ctx, calleeNode);
      const args = argumentsNode === null ? [] : lowerArguments(ctx, argumentsNode);
      return { kind: "call", loc, text, callee, name: callee.kind === "identifier" ? callee.name : null, args };
    }
    case "pointer_expression":
    case "unary_expression": {
      const operator = operatorOf();
      const operand = sub("argument");
      if (operand === null || !isOneOf<UnaryOperator>(UNARY_OPERATORS, operator)) return unknown();
      return { kind: "unary", loc, text, operator, operand };
    }
    case "update_expression": {
      const operator = operatorOf();
      const operand = sub("argument");
      if (operand === null || (operator !== "++" && operator !== "--")) return unknown();
      const prefix = node.child(0)?.type === operator;
      return { kind: "update", loc, text, operator, prefix, operand };
    }
    case "binary_expression": {
      const operator = operatorOf();
      const left = sub("left");
      const right = sub("right");
      if (left === null || right === null || !isOneOf<BinaryOperator>(BINARY_OPERATORS, operator)) return unknown();
      return { kind: "binary", loc, text, operator, left, right };
    }
    case "assignment_expression": {
      const operator = operatorOf();
      const target = sub("left");
      const value = sub("right");
      if (target === null || value === null || !isOneOf<AssignmentOperator>(ASSIGNMENT_OPERATORS, operator)) return unknown();
      return { kind: "assignment", loc, text, operator, target, value };
    }
    case "field_expression": {
      const object = sub("argument");
      const name = field(node, "field");
      const operator = operatorOf();
      if (object === null || name === null || (operator !== "." && operator !== "->")) return unknown();
      return { kind: "field", loc, text, object, operator, field: rawText(ctx, name) };
    }
    case "subscript_expression": {
      const object = sub("argument");
      const index = sub("index");
      if (object === null || index === null) return unknown();
      return { kind: "subscript", loc, text, object, index };
    }
    case "cast_expression": {
      const type = field(node, "type");
      const operand = sub("value");
      if (type === null || operand === null) return unknown();
      return { kind: "cast", loc, text, type: descriptorType(ctx, type), operand };
    }
    case "sizeof_expression": {
      const type = field(node, "type");
      const value = field(node, "value");
      if (type !== null) {
        return { kind: "sizeof", loc, text, operand: { kind: "type-name", loc: locOf(ctx, type), text: textOf(ctx, type), type: descriptorType(ctx, type) } };
      }
      return value === null ? unknown() : { kind: "sizeof", loc, text, operand: lowerExpression(ctx, value) };
    }
    case "conditional_expression": {
      const condition = sub("condition");
      const otherwise = sub("alternative");
      if (condition === null || otherwise === null) return unknown();
      return { kind: "conditional", loc, text, condition, then: sub("consequence"), else: otherwise };
    }
    case "comma_expression": {
      const expressions: Expression[] = [];
      let current: Node | null = node;
      while (current?.type === "comma_expression") {
        const left = field(current, "left");
        if (left !== null) expressions.push(lowerExpression(ctx, left));
        current = field(current, "right");
      }
      if (current !== null) expressions.push(lowerExpression(ctx, current));
      return { kind: "comma", loc, text, expressions };
    }
    case "parenthesized_expression": {
      const inner = namedChildren(node)[0];
      if (inner === undefined) return unknown();
      if (inner.type === "compound_statement") return { kind: "statement-expression", loc, text, body: lowerBlock(ctx, inner) };
      return lowerExpression(ctx, inner);
    }
    case "extension_expression": {
      const inner = namedChildren(node)[0];
      return inner === undefined ? unknown() : lowerExpression(ctx, inner);
    }
    case "initializer_list":
      return lowerInitializerList(ctx, node);
    case "compound_literal_expression": {
      const type = field(node, "type");
      const value = field(node, "value");
      if (type === null || value === null) return unknown();
      return { kind: "compound-literal", loc, text, type: descriptorType(ctx, type), init: lowerInitializerList(ctx, value) };
    }
    default:
      return unknown();
  }
}

export function lowerInitializerList(ctx: LowerContext, node: Node): InitializerList {
  const entries: InitializerEntry[] = [];
  for (const child of namedChildren(node)) {
    if (child.type === "ERROR") continue;
    if (child.type !== "initializer_pair") {
      entries.push({ designators: [], value: lowerExpression(ctx, child), loc: locOf(ctx, child) });
      continue;
    }
    const value = field(child, "value");
    if (value === null) continue;
    const designators = child.childrenForFieldName("designator").flatMap((d): Designator[] => lowerDesignator(ctx, d));
    entries.push({ designators, value: lowerExpression(ctx, value), loc: locOf(ctx, child) });
  }
  return { kind: "init-list", loc: locOf(ctx, node), text: textOf(ctx, node), entries };
}

function lowerDesignator(ctx: LowerContext, node: Node): Designator[] {
  const loc = locOf(ctx, node);
  switch (node.type) {
    case "field_designator": {
      const name = namedChildren(node)[0];
      return name === undefined ? [] : [{ kind: "field", name: rawText(ctx, name), loc }];
    }
    case "field_identifier": // old-style `name: value`
      return [{ kind: "field", name: rawText(ctx, node), loc }];
    case "subscript_designator": {
      const index = namedChildren(node)[0];
      return index === undefined ? [] : [{ kind: "index", index: lowerExpression(ctx, index), loc }];
    }
    case "subscript_range_designator": {
      const start = field(node, "start");
      return start === null ? [] : [{ kind: "index", index: lowerExpression(ctx, start), loc }];
    }
    default:
      return [];
  }
}
