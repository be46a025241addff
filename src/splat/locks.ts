/**
 * Lock lines (`print_lock`, `print_lock_name` in kernel/locking/lockdep.c):
 *   ffff9b76c7ca9ae0 (&mm->mmap_lock#2){++++}-{3:3}, at: __access_remote_vm+0x4d/0x200   5.7+
 *   000000007777a663 (sb_internal){.+.+}, at: start_transaction+0x3a8/0x500              4.15–5.6
 *    (&pipe->mutex/1){+.+.+.}, at: [<ffffffff8126ca7d>] pipe_lock+0x1d/0x20              pre-4.14
 *    (free_vmap_area_lock){+.+.}-{2:2}                                                     class only
 * Class names may themselves contain parentheses (`&(&tables_lock)->rlock`), so the name runs
 * to the last `){` before the usage characters.
 */
import { parseFrame } from "./frames.js";
import type { LockRef } from "./report.js";

const LOCK = /^(?:#\d+:\s+)?(?:([0-9a-fA-F]{8,16})\s+)?\((.*)\)\{([-+.?]{4,6})\}(?:-\{(\d+):(\d+)\})?(.*)$/;
// Older kernels and held-lock entries without usage: ` (rcu_read_lock), at: ...` is not printed
// by lockdep, so a lock line always has the usage braces; names alone come from `nameOnly`.

export function parseLockLine(text: string): LockRef | null {
  const m = LOCK.exec(text.trim());
  if (!m) return null;
  const [, instance, name, usage, outer, inner, rest] = m;
  if (name === undefined || usage === undefined) return null;
  let at = null;
  const atIndex = (rest ?? "").indexOf(", at:");
  if (atIndex >= 0) at = parseFrame((rest ?? "").slice(atIndex + 5));
  return {
    instance: instance ?? null,
    name,
    usage,
    waitTypes: outer !== undefined && inner !== undefined ? { outer: Number(outer), inner: Number(inner) } : null,
    at,
  };
}

/** A lock named without usage, as `print_lockdep_cache` prints it (bad unlock, nest lock). */
export function nameOnly(name: string): LockRef {
  return { instance: null, name, usage: null, waitTypes: null, at: null };
}

/**
 * Reads a lock line at `lines[i]`, joining the next line when a pasted copy wrapped after
 * `, at:` or inside the `[<addr>]` of an old-style place. Returns the index after it.
 */
export function readLockLine(lines: readonly string[], i: number): { lock: LockRef | null; next: number } {
  const first = (lines[i] ?? "").trim();
  const following = (lines[i + 1] ?? "").trim();
  if (/(?:, at:|, at: \[<)$/.test(first) && following.length > 0) {
    const joined = parseLockLine(`${first} ${following}`.replace(/\[< /, "[<"));
    if (joined) return { lock: joined, next: i + 2 };
  }
  return { lock: parseLockLine(first), next: i + 1 };
}
