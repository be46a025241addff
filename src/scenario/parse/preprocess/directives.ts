/**
 * Stage 2 of preprocessing: directive lines and lines in inactive `#if` branches become blanks;
 * `#include "…"` is handed to the caller (which loads the file at once, so its macros count for
 * the rest of this file), `#define` / `#undef` update the macro table. tree-sitter then sees only
 * active C, so conditionals work the same at file scope and inside function bodies, and may even
 * cut through a statement (`#ifdef X` around half an `if`).
 */
import type { Expression, Loc } from "../../ast.js";
import type { Diagnostic } from "../diagnostic.js";
import type { LineIndex } from "../line-index.js";
import { blank } from "./blank.js";
import { ConditionalStack } from "./conditionals.js";
import { ifEnvironment, type PreprocessorState } from "./config.js";
import { evaluateIf } from "./if-expression.js";

export interface DirectiveHooks {
  /** A quoted `#include "spec"` on an active line. */
  include(spec: string, loc: Loc): void;
  /** Parses an object-like macro's replacement; `text` sits at `offset` of this file. */
  constant(text: string, offset: number): Expression | null;
}

export interface DirectiveScan {
  readonly code: string;
  /** Whether 1-based `line` is active (outside excluded `#if` branches). */
  readonly isLineActive: (line: number) => boolean;
  readonly diagnostics: readonly Diagnostic[];
}

/** Directives that change nothing here: diagnostics and compiler hints (C11 §6.10.5-§6.10.9). */
const IGNORED_DIRECTIVES = new Set(["pragma", "line", "ident", "sccs", "warning", "include_next", "assert", "unassert"]);

const DIRECTIVE_NAME = /^\s*#\s*([A-Za-z_]\w*)?/;

export function scanDirectives(code: string, index: LineIndex, state: PreprocessorState, hooks: DirectiveHooks): DirectiveScan {
  const lines = code.split("\n");
  const active = new Uint8Array(lines.length + 1);
  const output: string[] = [];
  const diagnostics: Diagnostic[] = [];
  const conditionals = new ConditionalStack();
  const environment = ifEnvironment(state);
  let offset = 0;

  const condition = (text: string, loc: Loc): boolean => {
    const outcome = evaluateIf(text, environment);
    if (outcome.ok) return outcome.value;
    diagnostics.push({ loc, message: outcome.message });
    return false;
  };
  const macroName = (rest: string, directive: string, loc: Loc): string | null => {
    const name = /^\s*([A-Za-z_]\w*)/.exec(rest)?.[1];
    if (name === undefined) diagnostics.push({ loc, message: `expected a macro name after #${directive}` });
    return name ?? null;
  };

  for (let lineNo = 0; lineNo < lines.length; ) {
    const line = lines[lineNo] ?? "";
    const match = DIRECTIVE_NAME.exec(line);
    if (match === null) {
      active[lineNo + 1] = conditionals.active ? 1 : 0;
      output.push(conditionals.active ? line : blank(line));
      offset += line.length + 1;
      lineNo++;
      continue;
    }
    // A directive continues over lines ending in a backslash (C11 §5.1.1.2 phase 2).
    let last = lineNo;
    while (/\\\r?$/.test(lines[last] ?? "") && last + 1 < lines.length) last++;
    const directiveLines = lines.slice(lineNo, last + 1);
    const text = directiveLines.join("\n");
    const name = match[1] ?? "";
    const restOffset = offset + match[0].length;
    const rest = text.slice(match[0].length).replace(/\\(?=\r?\n)/g, " ");
    const loc = index.locAt(offset + match[0].indexOf("#"));
    const restLoc = index.locAt(restOffset + (rest.length - rest.trimStart().length));
    for (let k = lineNo; k <= last; k++) active[k + 1] = conditionals.active ? 1 : 0;

    switch (name) {
      case "if":
        conditionals.open(name, loc, () => condition(rest, restLoc));
        break;
      case "ifdef":
      case "ifndef": {
        conditionals.open(name, loc, () => {
          const macro = macroName(rest, name, restLoc);
          return macro !== null && environment.isDefined(macro) === (name === "ifdef");
        });
        break;
      }
      case "elif":
      case "elifdef":
      case "elifndef": {
        const test = (): boolean => {
          if (name === "elif") return condition(rest, restLoc);
          const macro = macroName(rest, name, restLoc);
          return macro !== null && environment.isDefined(macro) === (name === "elifdef");
        };
        const error = conditionals.elif(name, test);
        if (error !== null) diagnostics.push({ loc, message: error });
        break;
      }
      case "else":
      case "endif": {
        const error = name === "else" ? conditionals.else() : conditionals.endif();
        if (error !== null) diagnostics.push({ loc, message: error });
        break;
      }
      default:
        if (conditionals.active) activeDirective(name, rest, restOffset, loc, restLoc);
    }
    output.push(...directiveLines.map(blank));
    offset += text.length + 1;
    lineNo = last + 1;
  }

  for (const group of conditionals.unterminated()) {
    diagnostics.push({ loc: group.loc, message: `#${group.directive} without matching #endif` });
  }
  return { code: output.join("\n"), isLineActive: (line) => active[line] === 1, diagnostics };

  function activeDirective(name: string, rest: string, restOffset: number, loc: Loc, restLoc: Loc): void {
    switch (name) {
      case "include": {
        const quoted = /^\s*"([^"\n]*)"\s*$/.exec(rest);
        if (quoted !== null) hooks.include(quoted[1] ?? "", loc);
        else if (!/^\s*<[^>\n]*>\s*$/.test(rest)) {
          diagnostics.push({ loc: restLoc, message: 'expected "FILE" or <FILE> after #include' });
        }
        return;
      }
      case "define":
        defineMacro(rest, restOffset, loc, restLoc);
        return;
      case "undef": {
        const macro = macroName(rest, name, restLoc);
        if (macro !== null) state.macros.delete(macro);
        return;
      }
      case "error":
        diagnostics.push({ loc, message: `#error${rest.trimEnd() === "" ? "" : `: ${rest.trim()}`}` });
        return;
      case "":
        return; // the null directive, a lone '#'
      default:
        if (!IGNORED_DIRECTIVES.has(name)) diagnostics.push({ loc, message: `unknown preprocessor directive '#${name}'` });
    }
  }

  function defineMacro(rest: string, restOffset: number, loc: Loc, restLoc: Loc): void {
    const head = /^(\s*)([A-Za-z_]\w*)/.exec(rest);
    if (head === null) {
      diagnostics.push({ loc: restLoc, message: "expected a macro name after #define" });
      return;
    }
    const name = head[2] ?? "";
    const afterName = head[0].length;
    if (rest[afterName] === "(") {
      // Function-like (no space before '('; C11 §6.10.3p10): recorded, never expanded.
      const close = rest.indexOf(")", afterName);
      if (close === -1) {
        diagnostics.push({ loc: index.locAt(restOffset + afterName), message: `expected ')' to close the parameters of macro '${name}'` });
        return;
      }
      const parameters = rest.slice(afterName + 1, close).split(",").map((p) => p.trim()).filter((p) => p !== "");
      const body = normalize(rest.slice(close + 1));
      state.macros.set(name, { kind: "function", loc, name, parameters, text: body });
      return;
    }
    const valueText = rest.slice(afterName);
    const leading = valueText.length - valueText.trimStart().length;
    const raw = valueText.trim();
    const value = raw === "" ? null : hooks.constant(raw, restOffset + afterName + leading);
    state.macros.set(name, { kind: "object", loc, name, text: normalize(raw), value });
  }
}

function normalize(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
