/**
 * tree-sitter statement nodes → {@link Statement}. A node may give several statements (a
 * label and the statement it labels; `int a, b;`), so lists are flattened as they are built.
 */
import type { Node } from "web-tree-sitter";
import type { Block, Expression, Statement, SwitchCase } from "../../ast.js";
import { accept, field, locOf, namedChildren, type LowerContext } from "./context.js";
import { lowerDeclaration, macroDeclarationCall } from "./declarations.js";
import { lowerExpression } from "./expressions.js";
import { attachMacroLoopBodies, isEmptyLabelTail, LOOP_MACRO_NAME } from "./macro-loops.js";

export function lowerBlock(ctx: LowerContext, node: Node): Block {
  return { kind: "block", loc: locOf(ctx, node), statements: lowerStatementList(ctx, namedChildren(node)) };
}

export function lowerStatementList(ctx: LowerContext, nodes: readonly Node[]): Statement[] {
  const braceless = nodes.findIndex((node) => braceLessLoopHeader(node) !== null);
  const before = braceless === -1 ? nodes : nodes.slice(0, braceless);
  const statements = attachMacroLoopBodies(ctx, before).flatMap((node) => lowerStatement(ctx, node));
  if (braceless !== -1) statements.push(...lowerBraceLessLoop(ctx, nodes.slice(braceless)));
  return statements;
}

/** Brace-less one-argument loop headers handled per statement list (see lowerBraceLessLoop). */
const MAX_BRACELESS_LOOPS = 32;

/**
 * `for_each_online_cpu(cpu)` + newline + `spin_lock(&s);`: with one plain argument and no
 * braces, tree-sitter-c reads the loop header as a type and mangles what follows (a declaration
 * of `spin_lock`, or an ERROR). The header's node, if `node` starts with one.
 */
function braceLessLoopHeader(node: Node): Node | null {
  if (node.type !== "declaration" && !node.isError) return null;
  const first = namedChildren(node)[0];
  const name = first?.type === "macro_type_specifier" ? field(first, "name") : null;
  if (first === undefined || name === null || !LOOP_MACRO_NAME.test(name.text)) return null;
  if (node.type === "declaration" && node.childrenForFieldName("declarator").every((d) => d.isMissing)) return null;
  return first;
}

/**
 * Re-reads everything from the end of the loop header to the end of the statement list as
 * statements of their own (in place, so places stay exact): the first is the loop's body.
 */
function lowerBraceLessLoop(ctx: LowerContext, rest: readonly Node[]): Statement[] {
  const [first] = rest;
  const last = rest.at(-1);
  const header = first === undefined ? null : braceLessLoopHeader(first);
  if (first === undefined || last === undefined || header === null) return [];
  if (ctx.depth >= MAX_BRACELESS_LOOPS) {
    // Each re-read parses the rest of the block again: bounded, so no input can make it quadratic.
    ctx.diagnostics.push({ loc: locOf(ctx, first), message: `more than ${MAX_BRACELESS_LOOPS} brace-less loop headers in one block: put the loop body in braces` });
    for (const node of rest) accept(ctx, node);
    return [];
  }
  const call = ctx.reparse(ctx.code.slice(header.startIndex, header.endIndex), header.startIndex);
  if (call?.kind !== "call" || call.name === null) return rest.flatMap((node) => lowerStatement(ctx, node));
  const following = ctx.reparseStatements(ctx.code.slice(header.endIndex, last.endIndex), header.endIndex);
  for (const node of rest) accept(ctx, node);
  ctx.diagnostics.push(...following.diagnostics);
  const [body, ...after] = following.statements;
  const loc = locOf(ctx, first);
  return [{ kind: "macro-loop", loc, name: call.name, args: call.args, body: body ?? { kind: "empty", loc } }, ...after];
}

/** A statement in a place that takes one (an `if` branch, a loop body). */
export function lowerSingleStatement(ctx: LowerContext, node: Node | null, owner: Node): Statement {
  if (node === null) return { kind: "empty", loc: locOf(ctx, owner) };
  const statements = lowerStatement(ctx, node);
  if (statements.length === 1 && statements[0] !== undefined) return statements[0];
  return { kind: "block", loc: locOf(ctx, node), statements };
}

function condition(ctx: LowerContext, node: Node): Expression | null {
  const child = field(node, "condition");
  return child === null ? null : lowerExpression(ctx, child);
}

export function lowerStatement(ctx: LowerContext, node: Node): Statement[] {
  const loc = locOf(ctx, node);
  switch (node.type) {
    case "compound_statement":
      return [lowerBlock(ctx, node)];
    case "expression_statement": {
      const body = ctx.macroBodies.get(node.id);
      const expression = namedChildren(node)[0];
      if (expression === undefined) return [{ kind: "empty", loc }];
      const lowered = lowerExpression(ctx, expression);
      if (body !== undefined && lowered.kind === "call" && lowered.name !== null) {
        return [{ kind: "macro-loop", loc, name: lowered.name, args: lowered.args, body: lowerSingleStatement(ctx, body, node) }];
      }
      return [{ kind: "expression", loc, expression: lowered }];
    }
    case "declaration": {
      const call = macroDeclarationCall(ctx, node);
      if (call !== null) return [{ kind: "expression", loc, expression: call }];
      return lowerDeclaration(ctx, node).map((d) => ({ kind: "declaration", loc: d.loc, name: d.name, type: d.type, init: d.init, isStatic: d.storage.includes("static") }));
    }
    case "if_statement": {
      const test = condition(ctx, node);
      if (test === null) return [];
      const alternative = field(node, "alternative");
      const otherwise = alternative === null ? null : (namedChildren(alternative)[0] ?? null);
      return [{
        kind: "if",
        loc,
        condition: test,
        then: lowerSingleStatement(ctx, field(node, "consequence"), node),
        else: otherwise === null ? null : lowerSingleStatement(ctx, otherwise, alternative ?? node),
      }];
    }
    case "switch_statement": {
      const test = condition(ctx, node);
      const body = field(node, "body");
      if (test === null || body === null) return [];
      // Statements before the first label cannot run (C11 §6.8.4.2p7's example); they are dropped.
      const cases = namedChildren(body).filter((child) => child.type === "case_statement").map((c) => lowerCase(ctx, c));
      return [{ kind: "switch", loc, discriminant: test, cases }];
    }
    case "case_statement": // a label outside a switch's own block: keep its statements
      return lowerCase(ctx, node).body.slice();
    case "for_statement": {
      const initializer = field(node, "initializer");
      const update = field(node, "update");
      const init: Statement[] =
        initializer === null ? []
        : initializer.type === "declaration" ? lowerStatement(ctx, initializer)
        : [{ kind: "expression", loc: locOf(ctx, initializer), expression: lowerExpression(ctx, initializer) }];
      return [{
        kind: "for",
        loc,
        init,
        condition: condition(ctx, node),
        update: update === null ? null : lowerExpression(ctx, update),
        body: lowerSingleStatement(ctx, field(node, "body"), node),
      }];
    }
    case "while_statement":
    case "do_statement": {
      const test = condition(ctx, node);
      if (test === null) return [];
      const body = lowerSingleStatement(ctx, field(node, "body"), node);
      return [node.type === "while_statement" ? { kind: "while", loc, condition: test, body } : { kind: "do", loc, body, condition: test }];
    }
    case "return_statement": {
      const value = namedChildren(node)[0];
      return [{ kind: "return", loc, value: value === undefined ? null : lowerExpression(ctx, value) }];
    }
    case "goto_statement": {
      const label = field(node, "label");
      return label === null ? [] : [{ kind: "goto", loc, label: label.text }];
    }
    case "labeled_statement": {
      const label = field(node, "label");
      const inner = namedChildren(node).find((child) => child.type !== "statement_identifier");
      const labelled: Statement[] = label === null ? [] : [{ kind: "label", loc, name: label.text }];
      // `out:` right before `}` (C23 allows it; gcc has long accepted it) has a MISSING ';'.
      if (inner === undefined || isEmptyLabelTail(ctx, inner)) return labelled;
      return [...labelled, ...lowerStatement(ctx, inner)];
    }
    case "break_statement":
      return [{ kind: "break", loc }];
    case "continue_statement":
      return [{ kind: "continue", loc }];
    case "function_definition": {
      // `for_each_online_cpu(cpu) { ... }`: with one plain argument tree-sitter-c reads the loop
      // header as an old-style definition of a function returning type `for_each_online_cpu`.
      const loop = singleArgumentMacroLoop(ctx, node);
      return loop === null ? [] : [loop];
    }
    case "attributed_statement": {
      const inner = namedChildren(node).find((child) => child.type !== "attribute_declaration");
      return inner === undefined ? [{ kind: "empty", loc }] : lowerStatement(ctx, inner);
    }
    default:
      // ERROR (reported from the tree), nested function or type definitions: nothing to run.
      return [];
  }
}

function singleArgumentMacroLoop(ctx: LowerContext, node: Node): Statement | null {
  const type = field(node, "type");
  const declarator = field(node, "declarator");
  const body = field(node, "body");
  if (type?.type !== "type_identifier" || declarator?.type !== "parenthesized_declarator" || body === null) return null;
  const header = ctx.reparse(ctx.code.slice(type.startIndex, declarator.endIndex), type.startIndex);
  if (header?.kind !== "call" || header.name === null) return null;
  return { kind: "macro-loop", loc: locOf(ctx, node), name: header.name, args: header.args, body: lowerBlock(ctx, body) };
}

function lowerCase(ctx: LowerContext, node: Node): SwitchCase {
  const parts = node.children;
  const colon = parts.findIndex((part) => part.type === ":");
  const header = parts.slice(1, colon === -1 ? 1 : colon);
  const statements = parts.slice(colon + 1).filter((part) => part.isNamed);
  const range = caseRange(header);
  if (range !== null) for (const part of header) accept(ctx, part);
  const value = range?.start ?? field(node, "value");
  return {
    loc: locOf(ctx, node),
    test: value === null ? null : lowerExpression(ctx, value),
    rangeEnd: range === null ? null : lowerExpression(ctx, range.end),
    body: lowerStatementList(ctx, statements),
  };
}

/**
 * GNU `case 1 ... 3:`. tree-sitter-c reads the range with an ERROR around part of it
 * (`1 ERROR(... 3)` or `ERROR('a' ...) 'z'`); the bounds are the single expressions on either
 * side of the `...`.
 */
function caseRange(header: readonly Node[]): { start: Node; end: Node } | null {
  if (!header.some((part) => part.isError)) return null;
  const tokens = header.flatMap((part) => (part.isError ? part.children : [part]));
  const ellipsis = tokens.findIndex((token) => token.type === "...");
  const before = tokens.slice(0, ellipsis).filter((token) => token.isNamed);
  const after = tokens.slice(ellipsis + 1).filter((token) => token.isNamed);
  const [start] = before;
  const [end] = after;
  if (ellipsis === -1 || before.length !== 1 || after.length !== 1 || start === undefined || end === undefined) return null;
  return { start, end };
}
