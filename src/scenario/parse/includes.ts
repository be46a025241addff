/**
 * Where `#include "spec"` may go: relative to the including file, and only inside the
 * scenario's root directory tree (DESIGN.md §8), checked on the path as written and again after
 * symbolic links are resolved.
 */
import { dirname, isAbsolute, join, normalize, relative, resolve } from "node:path";
import type { SourceHost } from "./source-host.js";

export type IncludeTarget =
  | { readonly ok: true; readonly display: string; readonly path: string }
  | { readonly ok: false; readonly message: string };

export interface Includer {
  /** The name places are printed with (as the user gave it). */
  readonly display: string;
  /** Absolute path, symbolic links resolved. */
  readonly path: string;
}

/** True if `path` is `root` or inside it. */
export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
}

export function resolveInclude(spec: string, includer: Includer, root: string, host: SourceHost): IncludeTarget {
  if (spec.trim() === "") return { ok: false, message: "empty file name in #include" };
  const outside = {
    ok: false,
    message: `#include "${spec}" leaves the scenario directory tree (${root}); includes must stay inside it`,
  } as const;
  if (isAbsolute(spec)) return outside;
  const written = resolve(dirname(includer.path), spec);
  if (!isInside(root, written)) return outside;
  const real = host.realPath(written);
  if (real !== null && !isInside(root, real)) return outside;
  return { ok: true, display: normalize(join(dirname(includer.display), spec)), path: real ?? written };
}
