/**
 * Lock classes as SCENARIO-LANGUAGE.md defines them: the lock expression's text with white space
 * removed (`&c->lock`), bare for static locks (`dev_list_lock`), one class per (struct, field)
 * where the scenario declares the struct and the pointer's type (`&o->lock`, `&next->lock` with
 * both `struct obj *`), named by the `*_init` text if there is one; a parameter bound to a lock
 * stands for the caller's lock.
 */
import type { Expression, TypeRef } from "../ast.js";
import type { Program } from "./program.js";
import type { LockRef, Value } from "./values.js";

const compact = (text: string): string => text.replace(/\s+/g, "");

export interface LockScope {
  readonly program: Program;
  /** Value of a local or parameter, if bound. */
  readonly local: (name: string) => Value | undefined;
  /** Declared type of a local or parameter. */
  readonly localType: (name: string) => TypeRef | undefined;
  /** Display names chosen by `*_init(&x->field)` calls, by class key. */
  readonly initNames: Map<string, string>;
  /** First text seen per class key. */
  readonly firstNames: Map<string, string>;
}

/** The lock an argument names, or undefined when it is not a lock expression at all. */
export function lockOf(expr: Expression, scope: LockScope): LockRef | undefined {
  if (expr.kind === "identifier") {
    const bound = scope.local(expr.name);
    if (bound?.kind === "lock") return bound.lock;
    const g = scope.program.globals.get(expr.name);
    if (g) return named(g.className ?? expr.name, expr.name, g.kind);
    return plain(expr.text, scope);
  }
  if (expr.kind === "cast") return lockOf(expr.operand, scope);
  if (expr.kind === "unary" && expr.operator === "&") {
    const inner = expr.operand;
    if (inner.kind === "identifier") {
      const bound = scope.local(inner.name);
      if (bound?.kind === "lock") return bound.lock;
      const g = scope.program.globals.get(inner.name);
      if (g) return named(g.className ?? inner.name, inner.name, g.kind);
      if (scope.program.globalTypes.has(inner.name)) return named(inner.name, inner.name);
    }
    if (inner.kind === "field") return fieldLock(expr, inner, scope);
  }
  if (expr.kind === "field") return fieldLock(expr, expr, scope);
  return plain(expr.text, scope);
}

function named(name: string, instance: string, declared?: LockRef["declared"]): LockRef {
  return declared ? { classKey: name, name, instance, declared } : { classKey: name, name, instance };
}

function plain(text: string, scope: LockScope): LockRef {
  const name = compact(text);
  if (!scope.firstNames.has(name)) scope.firstNames.set(name, name);
  return { classKey: name, name, instance: name };
}

/**
 * `&o->lock`: by (struct, field) when o's struct type is declared, else by text. A lock in a
 * static object (`port0.lock`, or `p->lock` with `p = &port0`) is named as lockdep names static
 * locks, without the `&`; if its struct is declared it is still the (struct, field) class.
 */
function fieldLock(whole: Expression, field: Extract<Expression, { kind: "field" }>, scope: LockScope): LockRef {
  const text = compact(whole.text);
  const stat = staticRoot(field, scope);
  const structType = stat ? (scope.program.structs.has(stat.type) ? stat.type : undefined) : structTypeOf(field.object, scope);
  if (stat && !structType) {
    // A field of a static object whose struct is not declared: lockdep's bare static name.
    return { classKey: stat.name, name: stat.name, instance: stat.name };
  }
  if (structType) {
    const key = `${structType}.${field.field}`;
    if (!scope.firstNames.has(key)) scope.firstNames.set(key, stat?.name ?? text);
    const name = scope.initNames.get(key) ?? scope.firstNames.get(key)!;
    const instance = stat?.name ?? text;
    const declared = scope.program.fieldKind(structType, field.field);
    return declared ? { classKey: key, name, instance, declared } : { classKey: key, name, instance };
  }
  return plain(text, scope);
}

/** The static object a field expression is rooted at (`port0.lock`; `p->lock` with p = &port0). */
function staticRoot(field: Extract<Expression, { kind: "field" }>, scope: LockScope): { name: string; type: string } | undefined {
  const obj = field.object;
  if (obj.kind === "identifier") {
    const bound = scope.local(obj.name);
    if (bound?.kind === "object" && bound.static) return { name: `${bound.text}.${field.field}`, type: bound.type };
  }
  const root = rootIdentifier(field);
  if (!root || scope.local(root) || scope.localType(root)) return undefined;
  const type = scope.program.globalTypes.get(root);
  if (!type) return undefined;
  return { name: compact(field.text).replace(/^&/, ""), type: type.base };
}

function rootIdentifier(e: Expression): string | undefined {
  if (e.kind === "identifier") return e.name;
  if (e.kind === "field" && e.operator === ".") return rootIdentifier(e.object);
  return undefined;
}

/** The declared struct type an expression points to or is, when the scenario says so. */
export function structTypeOf(e: Expression, scope: LockScope): string | undefined {
  if (e.kind === "identifier") {
    const bound = scope.local(e.name);
    if (bound?.kind === "object") return scope.program.structs.has(bound.type) ? bound.type : undefined;
    const type = scope.localType(e.name) ?? scope.program.globalTypes.get(e.name);
    return type && scope.program.structs.has(type.base) ? type.base : undefined;
  }
  if (e.kind === "field") {
    const outer = structTypeOf(e.object, scope);
    const t = outer ? scope.program.fieldType(outer, e.field) : undefined;
    return t && scope.program.structs.has(t.base) ? t.base : undefined;
  }
  if (e.kind === "unary" && e.operator === "*") return structTypeOf(e.operand, scope);
  if (e.kind === "cast") return scope.program.structs.has(e.type.base) ? e.type.base : structTypeOf(e.operand, scope);
  return undefined;
}

/** `mutex_init(&o->lock)` names the class of `struct obj.lock` after its init text. */
export function noteInitName(expr: Expression, scope: LockScope): void {
  const lock = lockOf(expr, scope);
  if (lock && lock.classKey.includes(".") && !scope.initNames.has(lock.classKey) && lock.classKey.startsWith("struct ")) {
    scope.initNames.set(lock.classKey, compact(expr.text));
  }
}
