/**
 * Abstract values the interpreter computes. Anything it cannot know is `unknown`, and a condition
 * on an unknown value is explored both ways.
 */
import type { LockKind } from "../../ir/index.js";

/** A lock as the scenario names it: its class and the object (instance) it is. */
export interface LockRef {
  /** Class key: lockdep name, or `struct obj.lock` where the scenario declares the types. */
  readonly classKey: string;
  /** Printed class name (the expression's text, white space removed, or the init text). */
  readonly name: string;
  /** Identity of the object: expressions naming the same object get the same text. */
  readonly instance: string;
  /** Kind declared by a DEFINE_* or a typed field (`struct mutex lock;`), if any. */
  readonly declared?: LockKind;
}

export type Value =
  | { readonly kind: "int"; readonly value: number }
  | { readonly kind: "lock"; readonly lock: LockRef }
  | { readonly kind: "function"; readonly name: string }
  /** A pointer to a declared struct type: `&o->lock` reaches field `lock` of `struct obj`. */
  | { readonly kind: "object"; readonly type: string; readonly text: string; readonly static?: true }
  /** A struct shrink_control / mmu_notifier_range built by the model: named fields. */
  | { readonly kind: "record"; readonly fields: Readonly<Record<string, Value>> }
  | { readonly kind: "string"; readonly value: string }
  | { readonly kind: "unknown" };

export const UNKNOWN: Value = { kind: "unknown" };
export const int = (value: number): Value => ({ kind: "int", value });
export const TRUE = int(1);
export const FALSE = int(0);

/** Record values are immutable: their keys are computed once. */
const recordKeys = new WeakMap<object, string>();

/** A compact, stable text for state keys and memo keys. */
export function valueKey(v: Value): string {
  switch (v.kind) {
    case "int":
      return `i${v.value}`;
    case "lock":
      return `l${v.lock.classKey}@${v.lock.instance}`;
    case "function":
      return `f${v.name}`;
    case "object":
      return `o${v.type}@${v.text}${v.static ? "!" : ""}`;
    case "record": {
      let k = recordKeys.get(v);
      if (k === undefined) {
        k = `r{${Object.entries(v.fields)
          .map(([name, x]) => `${name}:${valueKey(x)}`)
          .join(",")}}`;
        recordKeys.set(v, k);
      }
      return k;
    }
    case "string":
      return `s${JSON.stringify(v.value)}`;
    case "unknown":
      return "?";
  }
}

/**
 * Whether two values have the same valueKey, without building the keys (state merging compares
 * locals far more often than it needs them as text).
 */
export function sameValue(a: Value, b: Value): boolean {
  if (a === b) return true;
  switch (a.kind) {
    case "int":
      return b.kind === "int" && a.value === b.value;
    case "lock":
      return b.kind === "lock" && a.lock.classKey === b.lock.classKey && a.lock.instance === b.lock.instance;
    case "function":
      return b.kind === "function" && a.name === b.name;
    case "object":
      return b.kind === "object" && a.type === b.type && a.text === b.text && a.static === b.static;
    case "record":
      return b.kind === "record" && sameFields(a.fields, b.fields);
    case "string":
      return b.kind === "string" && a.value === b.value;
    case "unknown":
      return b.kind === "unknown";
  }
}

/**
 * Record fields as valueKey writes them: the same names in the same order, with the same values.
 * Compared field by field: an assignment to a field makes a new record, and building its key only
 * to compare it with the old one was most of what such an assignment cost.
 */
function sameFields(a: Readonly<Record<string, Value>>, b: Readonly<Record<string, Value>>): boolean {
  const names = Object.keys(a);
  const others = Object.keys(b);
  if (names.length !== others.length) return false;
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!;
    if (name !== others[i] || !sameValue(a[name]!, b[name]!)) return false;
  }
  return true;
}

/** Truth of a value: true, false, or unknown (both). */
export function truth(v: Value): boolean | undefined {
  if (v.kind === "int") return v.value !== 0;
  if (v.kind === "lock" || v.kind === "function" || v.kind === "object" || v.kind === "string" || v.kind === "record") return true;
  return undefined;
}
