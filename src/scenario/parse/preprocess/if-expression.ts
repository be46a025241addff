/**
 * Evaluates the condition of `#if` / `#elif` as the kernel's headers write them:
 * `IS_ENABLED(CONFIG_X)`, `defined(CONFIG_X)`, `!defined X`, `&&`, `||`, comparisons and integer
 * arithmetic. `IS_ENABLED`, `IS_BUILTIN`, `IS_REACHABLE`, `IS_MODULE` follow
 * include/linux/kconfig.h (options given to `--config` are built in, never modules). An
 * identifier that is not a macro is 0, as in C (C11 §6.10.1p4).
 */

export interface IfEnvironment {
  /** `defined(NAME)`, `#ifdef NAME`. */
  isDefined(name: string): boolean;
  /** Whether Kconfig option `CONFIG_…` is set (`y`). */
  isConfigEnabled(name: string): boolean;
  /** Replacement text of an object-like macro, or undefined. */
  objectMacro(name: string): string | undefined;
}

export type IfOutcome = { readonly ok: true; readonly value: boolean } | { readonly ok: false; readonly message: string };

type Token = { readonly kind: "number"; readonly value: number } | { readonly kind: "name"; readonly name: string } | { readonly kind: "op"; readonly op: string };

/** kconfig.h's tests: whether the option counts as enabled for each. */
const KCONFIG_TESTS: Readonly<Record<string, (enabled: boolean) => boolean>> = {
  IS_ENABLED: (enabled) => enabled,
  IS_BUILTIN: (enabled) => enabled,
  IS_REACHABLE: (enabled) => enabled,
  IS_MODULE: () => false,
};

const BINARY_PRECEDENCE: Readonly<Record<string, number>> = {
  "*": 10, "/": 10, "%": 10, "+": 9, "-": 9, "<<": 8, ">>": 8, "<": 7, ">": 7, "<=": 7, ">=": 7,
  "==": 6, "!=": 6, "&": 5, "^": 4, "|": 3, "&&": 2, "||": 1,
};

const TOKEN = /\s*(?:(0[xX][0-9a-fA-F]+|0[bB][01]+|\d+)[uUlL]*|([A-Za-z_]\w*)|(<<|>>|<=|>=|==|!=|&&|\|\||[-+*/%<>&^|!~?:(),])|(\S))/y;

/** Macro expansion depth at which a self-referencing macro is reported instead of followed. */
const MAX_DEPTH = 32;

class IfError extends Error {}

export function evaluateIf(text: string, env: IfEnvironment): IfOutcome {
  try {
    return { ok: true, value: evaluate(text, env, 0) !== 0 };
  } catch (error) {
    if (error instanceof IfError) return { ok: false, message: error.message };
    if (error instanceof RangeError) return { ok: false, message: "#if expression nested too deeply" };
    throw error;
  }
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    const match = TOKEN.exec(text);
    if (match === null) break; // only white space left
    const [, number, name, op, other] = match;
    if (number !== undefined) tokens.push({ kind: "number", value: parseInteger(number) });
    else if (name !== undefined) tokens.push({ kind: "name", name });
    else if (op !== undefined) tokens.push({ kind: "op", op });
    else if (other !== undefined) throw new IfError(`unexpected '${other}' in #if expression`);
  }
  return tokens;
}

function parseInteger(text: string): number {
  if (/^0[xX]/.test(text)) return parseInt(text.slice(2), 16);
  if (/^0[bB]/.test(text)) return parseInt(text.slice(2), 2);
  if (text.length > 1 && text.startsWith("0")) return parseInt(text, 8);
  return parseInt(text, 10);
}

function evaluate(text: string, env: IfEnvironment, depth: number): number {
  if (depth > MAX_DEPTH) throw new IfError("macro expansion too deep in #if expression (a macro refers to itself?)");
  const tokens = tokenize(text);
  if (tokens.length === 0) throw new IfError("expected an expression after #if");
  let position = 0;
  const peek = (): Token | undefined => tokens[position];
  const isOp = (op: string): boolean => {
    const token = peek();
    return token?.kind === "op" && token.op === op;
  };
  const expectOp = (op: string, after: string): void => {
    if (!isOp(op)) throw new IfError(`expected '${op}' ${after} in #if expression`);
    position++;
  };
  const expectName = (after: string): string => {
    const token = peek();
    if (token?.kind !== "name") throw new IfError(`expected a macro name after ${after} in #if expression`);
    position++;
    return token.name;
  };

  const primary = (): number => {
    const token = peek();
    if (token === undefined) throw new IfError("unexpected end of #if expression");
    position++;
    if (token.kind === "number") return token.value;
    if (token.kind === "op") {
      if (token.op === "(") {
        const value = conditional();
        expectOp(")", "to close '('");
        return value;
      }
      if (token.op === "!") return primary() === 0 ? 1 : 0;
      if (token.op === "~") return ~primary();
      if (token.op === "-") return -primary();
      if (token.op === "+") return primary();
      throw new IfError(`unexpected '${token.op}' in #if expression`);
    }
    if (token.name === "defined") {
      const parenthesized = isOp("(");
      if (parenthesized) position++;
      const name = expectName("'defined'");
      if (parenthesized) expectOp(")", "after the name in defined(...)");
      return env.isDefined(name) ? 1 : 0;
    }
    if (isOp("(")) {
      const test = Object.hasOwn(KCONFIG_TESTS, token.name) ? KCONFIG_TESTS[token.name] : undefined;
      if (test === undefined) {
        throw new IfError(
          `cannot evaluate '${token.name}(...)' in #if: only defined(), IS_ENABLED(), IS_BUILTIN(), IS_MODULE() and IS_REACHABLE() are known`,
        );
      }
      position++;
      const option = expectName(`${token.name}(`);
      expectOp(")", `after ${token.name}(${option}`);
      return test(env.isConfigEnabled(option)) ? 1 : 0;
    }
    if (token.name.startsWith("CONFIG_") && env.objectMacro(token.name) === undefined) {
      return env.isConfigEnabled(token.name) ? 1 : 0;
    }
    const replacement = env.objectMacro(token.name);
    return replacement === undefined || replacement.trim() === "" ? 0 : evaluate(replacement, env, depth + 1);
  };

  const binary = (minPrecedence: number): number => {
    let left = primary();
    for (;;) {
      const token = peek();
      const precedence = token?.kind === "op" ? BINARY_PRECEDENCE[token.op] : undefined;
      if (token?.kind !== "op" || precedence === undefined || precedence < minPrecedence) return left;
      position++;
      const right = binary(precedence + 1);
      left = apply(token.op, left, right);
    }
  };

  const conditional = (): number => {
    const test = binary(1);
    if (!isOp("?")) return test;
    position++;
    const whenTrue = conditional();
    expectOp(":", "in '?:'");
    const whenFalse = conditional();
    return test !== 0 ? whenTrue : whenFalse;
  };

  const value = conditional();
  const rest = peek();
  if (rest !== undefined) {
    throw new IfError(`unexpected '${rest.kind === "op" ? rest.op : rest.kind === "name" ? rest.name : rest.value}' in #if expression`);
  }
  return value;
}

function apply(op: string, left: number, right: number): number {
  switch (op) {
    case "*": return left * right;
    case "/":
    case "%":
      if (right === 0) throw new IfError("division by zero in #if expression");
      return op === "/" ? Math.trunc(left / right) : left % right;
    case "+": return left + right;
    case "-": return left - right;
    case "<<": return left << right;
    case ">>": return left >> right;
    case "<": return Number(left < right);
    case ">": return Number(left > right);
    case "<=": return Number(left <= right);
    case ">=": return Number(left >= right);
    case "==": return Number(left === right);
    case "!=": return Number(left !== right);
    case "&": return left & right;
    case "^": return left ^ right;
    case "|": return left | right;
    case "&&": return Number(left !== 0 && right !== 0);
    case "||": return Number(left !== 0 || right !== 0);
    default: throw new IfError(`unexpected '${op}' in #if expression`);
  }
}
