/**
 * One op of the selftest notation (`verb ARG... [=> RESULT]`) parsed into what it does. Pure:
 * which class and instance ids the names get is translate.ts's business.
 */
import type { AcquireMode, LockKind } from "../../../src/ir/index.js";
import { parseLockName, type LockName } from "./names.js";
import { isGfpName, takesGfp, type GfpName, type ReclaimOp } from "./reclaim.js";
import { VERBS, type ContextStep, type VerbSpec } from "./vocabulary.js";

export type WwOutcome = "edeadlk" | "ealready";

export interface AcquireOp {
  readonly type: "acquire";
  /** null: `might_lock`, whose kind is the class's (set by the ops that really take it). */
  readonly kind: LockKind | null;
  readonly lock: LockName;
  readonly mode: AcquireMode;
  readonly trylock: boolean;
  /** A trylock marked `=> fails`: lockdep never hears of it. */
  readonly fails: boolean;
  readonly momentary: boolean;
  readonly subclass?: number;
  readonly nestLock?: LockName;
  readonly ww?: { readonly ctx: LockName; readonly slow: boolean; readonly outcome?: WwOutcome };
}

export type ParsedOp =
  | AcquireOp
  | { readonly type: "release" | "reset"; readonly kind: LockKind; readonly lock: LockName }
  | { readonly type: "ww-context"; readonly op: "init" | "done" | "fini"; readonly ctx: LockName }
  | { readonly type: "context"; readonly steps: readonly ContextStep[] }
  | { readonly type: "reclaim"; readonly op: ReclaimOp; readonly gfp?: GfpName }
  | { readonly type: "nothing"; readonly why: string };

/**
 * Plain-word ops for state the kernel test fakes by writing struct fields, where lockdep's view
 * is unchanged (lib/locking-selftest.c, ww_test_edeadlk_* and ww_test_fail_acquire).
 */
const LOCKDEP_INVISIBLE: readonly { readonly pattern: RegExp; readonly why: string }[] = [
  {
    pattern: /^\w+(, \w+)* held by older ctx \w+ \(simulated\)$/,
    why: "mutex_lock(&o2.base) then mutex_release() of its map at once: nothing stays held for lockdep",
  },
  {
    pattern: /^release \w+ by \w+$/,
    why: "mutex_acquire(trylock) + mutex_unlock of the faked holder: a trylock released at once leaves no trace",
  },
  {
    pattern: /^copy \w+ to \w+ with a younger stamp$/,
    why: "t2 = t copies the context struct; lockdep sees t2 only when it is passed as a nest lock",
  },
];

const WW_RESULTS: Readonly<Record<string, WwOutcome>> = { "-EDEADLK": "edeadlk", "-EALREADY": "ealready" };

type Parsed = ParsedOp | { readonly error: string };

function lockArg(text: string | undefined): LockName | string {
  if (text === undefined) return "missing lock name";
  return parseLockName(text) ?? `"${text}" is not a lock name`;
}

function subclassArg(text: string | undefined): number | string {
  return text !== undefined && /^\d+$/.test(text) ? Number(text) : `expected a subclass number, got "${text ?? ""}"`;
}

function arity(args: readonly string[], min: number, max = min): string | undefined {
  if (args.length >= min && args.length <= max) return undefined;
  return min === max ? `expected ${min} argument(s), got ${args.length}` : `expected ${min} to ${max} arguments, got ${args.length}`;
}

function parseVerb(spec: VerbSpec, args: readonly string[], result: string | undefined): Parsed {
  const fail = (error: string): Parsed => ({ error });
  const onlyTrylockFails = (trylock: boolean): string | undefined =>
    result === undefined || (result === "fails" && trylock) ? undefined : `unexpected result "=> ${result}"`;
  switch (spec.action) {
    case "acquire":
    case "might-lock": {
      const twoArgs = spec.form !== "plain";
      const bad = arity(args, twoArgs ? 2 : 1);
      const lock = lockArg(args[0]);
      if (bad !== undefined || typeof lock === "string") return fail(bad ?? (lock as string));
      const trylock = spec.action === "acquire" && spec.trylock;
      const badResult = onlyTrylockFails(trylock);
      if (badResult !== undefined) return fail(badResult);
      const base = { type: "acquire", lock, mode: spec.mode, trylock, fails: result === "fails" } as const;
      const kind = spec.action === "acquire" ? spec.kind : null;
      const momentary = spec.action === "might-lock";
      if (spec.form === "nested") {
        const subclass = subclassArg(args[1]);
        return typeof subclass === "string" ? fail(subclass) : { ...base, kind, momentary, subclass };
      }
      if (spec.form === "nest_lock") {
        const nestLock = lockArg(args[1]);
        return typeof nestLock === "string" ? fail(nestLock) : { ...base, kind, momentary, nestLock };
      }
      return { ...base, kind, momentary };
    }
    case "ww-lock": {
      const bad = arity(args, spec.slow ? 2 : 1, 2);
      const lock = lockArg(args[0]);
      if (bad !== undefined || typeof lock === "string") return fail(bad ?? (lock as string));
      const base = { type: "acquire", kind: "ww_mutex", lock, mode: "write", trylock: false, fails: false, momentary: false } as const;
      if (args[1] === undefined) return result === undefined ? base : fail(`"=> ${result}" needs an acquire context`);
      const ctx = lockArg(args[1]);
      if (typeof ctx === "string") return fail(ctx);
      const outcome = result === undefined ? undefined : WW_RESULTS[result];
      if (result !== undefined && outcome === undefined) return fail(`unexpected result "=> ${result}"`);
      // ww_mutex_lock passes &ctx->dep_map as nest_lock (kernel/locking/mutex.c __ww_mutex_lock).
      return { ...base, nestLock: ctx, ww: { ctx, slow: spec.slow, ...(outcome === undefined ? {} : { outcome }) } };
    }
    case "release":
    case "reset":
    case "ww-context": {
      const bad = arity(args, 1) ?? onlyTrylockFails(false);
      const lock = lockArg(args[0]);
      if (bad !== undefined || typeof lock === "string") return fail(bad ?? (lock as string));
      return spec.action === "ww-context" ? { type: "ww-context", op: spec.op, ctx: lock } : { type: spec.action, kind: spec.kind, lock };
    }
    case "rcu-acquire":
    case "rcu-release": {
      const bad = arity(args, 0) ?? onlyTrylockFails(false);
      if (bad !== undefined) return fail(bad);
      const lock: LockName = { instance: spec.className, className: spec.className, wwBase: false };
      if (spec.action === "rcu-release") return { type: "release", kind: spec.kind, lock };
      return { type: "acquire", kind: spec.kind, lock, mode: "recursive-read", trylock: false, fails: false, momentary: false };
    }
    case "context": {
      const bad = arity(args, 0) ?? onlyTrylockFails(false);
      return bad === undefined ? { type: "context", steps: spec.steps } : fail(bad);
    }
    case "reclaim": {
      if (!takesGfp(spec.op)) {
        const bad = arity(args, 0) ?? onlyTrylockFails(false);
        return bad === undefined ? { type: "reclaim", op: spec.op } : fail(bad);
      }
      const bad = arity(args, 1) ?? onlyTrylockFails(false);
      const [gfp = ""] = args;
      if (bad !== undefined) return fail(bad);
      return isGfpName(gfp) ? { type: "reclaim", op: spec.op, gfp } : fail(`unknown gfp mask "${gfp}"`);
    }
  }
}

/** Parses one op; an op outside the notation is an error message. */
export function parseOp(text: string): Parsed {
  const invisible = LOCKDEP_INVISIBLE.find((p) => p.pattern.test(text));
  if (invisible !== undefined) return { type: "nothing", why: invisible.why };
  const [call = "", result, ...extra] = text.split(" => ");
  if (extra.length > 0) return { error: "more than one result" };
  const [verb = "", ...args] = call.trim().split(/\s+/);
  const spec = VERBS.get(verb);
  if (spec === undefined) return { error: `unknown op "${verb}"` };
  return parseVerb(spec, args, result?.trim());
}
