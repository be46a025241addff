/**
 * Parsing a scenario: read and decode the file, preprocess (includes loaded in place, so their
 * macros count after the `#include`), parse with tree-sitter-c, lower to our AST. Problems in the
 * scenario come back as diagnostics beside the unit; a main file that cannot be read at all is
 * an error value instead. Nothing here throws for bad input.
 */
import { dirname, resolve } from "node:path";
import type { Parser } from "web-tree-sitter";
import type { Expectation, MacroDefinition, TopLevelItem, TranslationUnit } from "../ast.js";
import { loadCParser } from "./c-parser.js";
import { decodeScenario } from "./decode.js";
import { hasPosition, type Diagnostic } from "./diagnostic.js";
import { collectExpectations } from "./expect.js";
import { resolveInclude, type Includer } from "./includes.js";
import { lineIndex } from "./line-index.js";
import { lowerFile, parseExpressionAt, type LoweredFile } from "./lower/index.js";
import { preprocessFile, type PreprocessorState } from "./preprocess/index.js";
import { describeReadFailure, nodeSourceHost, type SourceHost } from "./source-host.js";

export interface ParseOptions {
  /** Kconfig options that are set (`PREEMPT_RT` or `CONFIG_PREEMPT_RT`), from `--config`. */
  readonly config?: ReadonlySet<string>;
  /** Directory tree includes must stay in; default: the main file's directory. */
  readonly root?: string;
  /** Directory relative paths are resolved against; default: the process's. */
  readonly cwd?: string;
  readonly host?: SourceHost;
}

export type ParseResult =
  | {
      readonly ok: true;
      readonly unit: TranslationUnit;
      /** Problems in the scenario (each is bad input, exit status 2), in file and line order. */
      readonly diagnostics: readonly Diagnostic[];
      /** Text of every file read, by its printed name, for {@link formatDiagnostic}. */
      readonly sources: Readonly<Record<string, string>>;
    }
  | { readonly ok: false; readonly error: Diagnostic };

export async function parseScenarioFile(path: string, options: ParseOptions = {}): Promise<ParseResult> {
  const host = options.host ?? nodeSourceHost;
  const outcome = host.readFile(resolve(options.cwd ?? process.cwd(), path));
  if (outcome.kind !== "file") return { ok: false, error: { loc: { file: path }, message: describeReadFailure(outcome) } };
  const decoded = decodeScenario(path, outcome.bytes);
  if (!decoded.ok) return { ok: false, error: { loc: decoded.loc, message: decoded.message } };
  return parseScenarioSource(decoded.text, path, options);
}

export async function parseScenarioSource(text: string, fileName: string, options: ParseOptions = {}): Promise<ParseResult> {
  const parser = await loadCParser();
  const host = options.host ?? nodeSourceHost;
  const absolute = resolve(options.cwd ?? process.cwd(), fileName);
  const rootPath = resolve(options.cwd ?? process.cwd(), options.root ?? dirname(absolute));
  const builder = new UnitBuilder(parser, host, host.realPath(rootPath) ?? rootPath, options.config ?? new Set());
  const main: Includer = { display: fileName, path: host.realPath(absolute) ?? absolute };
  const items = builder.parseFile(main, text);
  return builder.finish(fileName, items);
}

class UnitBuilder {
  private readonly state: PreprocessorState;
  private readonly files: string[] = [];
  // No prototype: file names are user input (a file named `__proto__` is a file like any other).
  private readonly sources: Record<string, string> = Object.create(null) as Record<string, string>;
  private readonly diagnostics: Diagnostic[] = [];
  private readonly expectations: Expectation[] = [];
  private readonly includeStack: Includer[] = [];
  private readonly loaded = new Set<string>();

  constructor(
    private readonly parser: Parser,
    private readonly host: SourceHost,
    private readonly root: string,
    config: ReadonlySet<string>,
  ) {
    this.state = { config, macros: new Map<string, MacroDefinition>() };
  }

  parseFile(file: Includer, text: string): TopLevelItem[] {
    this.files.push(file.display);
    this.sources[file.display] = text;
    this.loaded.add(file.path);
    this.includeStack.push(file);
    const index = lineIndex(file.display, text);
    const included: { line: number; items: TopLevelItem[] }[] = [];
    const preprocessed = preprocessFile(text, index, this.state, {
      include: (spec, loc) => included.push({ line: loc.line, items: this.include(spec, loc, file) }),
      constant: (value, offset) => {
        const loc = index.locAt(offset);
        const origin = { row: loc.line - 1, column: loc.column - 1 };
        return withinStack(() => parseExpressionAt(this.parser, file.display, value, origin), () => null);
      },
    });
    const expect = collectExpectations(preprocessed.lineComments, index);
    const lowered = withinStack(
      () => lowerFile(this.parser, file.display, preprocessed.code, preprocessed.annotations, index.locAt),
      (): LoweredFile => ({ items: [], diagnostics: [{ loc: { file: file.display }, message: TOO_DEEP }] }),
    );
    this.diagnostics.push(...preprocessed.diagnostics, ...expect.diagnostics, ...lowered.diagnostics);
    this.expectations.push(...expect.expectations);
    this.includeStack.pop();
    return spliceIncludes(lowered.items, included);
  }

  private include(spec: string, loc: Diagnostic["loc"], includer: Includer): TopLevelItem[] {
    const fail = (message: string): TopLevelItem[] => {
      this.diagnostics.push({ loc, message });
      return [];
    };
    const target = resolveInclude(spec, includer, this.root, this.host);
    if (!target.ok) return fail(target.message);
    const cycle = this.includeStack.findIndex((open) => open.path === target.path);
    if (cycle !== -1) {
      const chain = [...this.includeStack.slice(cycle).map((open) => open.display), target.display].join(" → ");
      return fail(`#include cycle: ${chain}`);
    }
    if (this.loaded.has(target.path)) return []; // each file is read once per unit, like #pragma once
    if (this.includeStack.length > MAX_INCLUDE_DEPTH) return fail(`#include nested more than ${MAX_INCLUDE_DEPTH} levels deep`);
    const outcome = this.host.readFile(target.path);
    if (outcome.kind !== "file") return fail(`cannot include "${spec}": ${describeReadFailure(outcome)}`);
    const decoded = decodeScenario(target.display, outcome.bytes);
    if (!decoded.ok) {
      return fail(`cannot include "${spec}": ${decoded.message} (${target.display}:${decoded.loc.line}:${decoded.loc.column})`);
    }
    return this.parseFile({ display: target.display, path: target.path }, decoded.text);
  }

  finish(file: string, items: readonly TopLevelItem[]): ParseResult {
    const order = new Map(this.files.map((name, i) => [name, i]));
    const position = (d: Diagnostic): [number, number, number] =>
      [order.get(d.loc.file) ?? 0, hasPosition(d.loc) ? d.loc.line : Infinity, hasPosition(d.loc) ? d.loc.column : 0];
    const diagnostics = this.diagnostics
      .map((d, i) => ({ d, i, p: position(d) }))
      .sort((a, b) => a.p[0] - b.p[0] || compare(a.p[1], b.p[1]) || a.p[2] - b.p[2] || a.i - b.i)
      .map(({ d }) => d);
    const unit: TranslationUnit = {
      file,
      files: this.files,
      items,
      macros: [...this.state.macros.values()],
      expectations: this.expectations,
    };
    return { ok: true, unit, diagnostics, sources: this.sources };
  }
}

/** Deeper include chains are bad input (cpp's own limit is 200; no scenario needs this many). */
const MAX_INCLUDE_DEPTH = 64;

const TOO_DEEP = "nested too deeply to parse (expressions or blocks thousands of levels deep)";

/**
 * Lowering recurses along the tree; input nested tens of thousands of levels deep
 * (`((((...))))`, `a+a+a+...`) exhausts the stack. That is bad input, reported as such.
 */
function withinStack<T>(work: () => T, onOverflow: () => T): T {
  try {
    return work();
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return onOverflow();
  }
}

/** Numeric order where Infinity (a diagnostic about a whole file) sorts last. */
function compare(a: number, b: number): number {
  return a === b ? 0 : a < b ? -1 : 1;
}

/** Inserts each included file's items before the first item that follows its `#include` line. */
function spliceIncludes(items: readonly TopLevelItem[], included: readonly { line: number; items: TopLevelItem[] }[]): TopLevelItem[] {
  if (included.length === 0) return [...items];
  const result: TopLevelItem[] = [];
  let next = 0;
  for (const item of items) {
    while (next < included.length && (included[next]?.line ?? 0) < item.loc.line) result.push(...(included[next++]?.items ?? []));
    result.push(item);
  }
  while (next < included.length) result.push(...(included[next++]?.items ?? []));
  return result;
}
