/** Shared by the parser tests: parse text that must be clean, and dig out the parts under test. */
import { expect } from "vitest";
import type { Expression, FunctionDefinition, Statement, TranslationUnit } from "../../../src/scenario/ast.js";
import { parseScenarioSource, type ParseOptions, type ParseResult } from "../../../src/scenario/parse/index.js";

export const FILE = "/scenarios/t.c";

export async function parseOk(source: string, options: ParseOptions = {}): Promise<TranslationUnit> {
  const result = await parseScenarioSource(source, FILE, options);
  if (!result.ok) throw new Error(`input error: ${result.error.message}`);
  expect(result.diagnostics).toEqual([]);
  return result.unit;
}

export async function parseWithDiagnostics(source: string, options: ParseOptions = {}): Promise<Extract<ParseResult, { ok: true }>> {
  const result = await parseScenarioSource(source, FILE, options);
  if (!result.ok) throw new Error(`input error: ${result.error.message}`);
  return result;
}

export function functionNamed(unit: TranslationUnit, name: string): FunctionDefinition {
  const found = unit.items.find((item): item is FunctionDefinition => item.kind === "function" && item.name === name);
  if (found === undefined) throw new Error(`no function ${name}`);
  return found;
}

/** The statements of `void f(void) { BODY }`, BODY starting on line 2 column 2 (after a tab). */
export async function statementsOf(body: string): Promise<readonly Statement[]> {
  const unit = await parseOk(`void f(void) {\n\t${body}\n}\n`);
  return functionNamed(unit, "f").body.statements;
}

export async function onlyStatement(body: string): Promise<Statement> {
  const statements = await statementsOf(body);
  expect(statements).toHaveLength(1);
  const [statement] = statements;
  if (statement === undefined) throw new Error("no statement");
  return statement;
}

/** The expression of `void f(void) { EXPR; }`, starting at line 2 column 2. */
export async function expressionOf(text: string): Promise<Expression> {
  const statement = await onlyStatement(`${text};`);
  if (statement.kind !== "expression") throw new Error(`not an expression statement: ${statement.kind}`);
  return statement.expression;
}

export function at(line: number, column: number, file = FILE) {
  return { file, line, column };
}
