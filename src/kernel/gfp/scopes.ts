/**
 * The allocation-scope helpers of include/linux/sched/mm.h as pure functions on task flags.
 *
 * Semantics of v6.9+ (bcachefs's `memalloc_flags_save`, now the base of every helper): save
 * returns the bits of the mask that were NOT already set and sets them all; restore clears
 * exactly the returned bits. So an inner save of a flag already set returns 0 and its restore
 * clears nothing: properly nested scopes restore correctly. (Before v6.9 each helper saved
 * `flags & PF_X` and restore wrote that bit back; same result for properly nested pairs, differs
 * only for out-of-order restores. kernel-facts.md §2.2.)
 */
import { TASK_FLAGS, type TaskFlagName, type TaskFlags } from "./task-flags.js";

/** New task flags, and the cookie the matching restore takes. */
export interface ScopeSave {
  readonly flags: TaskFlags;
  readonly saved: TaskFlags;
}

/** `memalloc_flags_save(mask)`. */
export function memallocFlagsSave(flags: TaskFlags, mask: TaskFlags): ScopeSave {
  return { flags: ((flags | mask) >>> 0) as TaskFlags, saved: ((~flags & mask) >>> 0) as TaskFlags };
}

/** `memalloc_flags_restore(saved)`. */
export function memallocFlagsRestore(flags: TaskFlags, saved: TaskFlags): TaskFlags {
  return ((flags & ~saved) >>> 0) as TaskFlags;
}

/** Each named scope and the flag it sets (`memalloc_<scope>_save/restore`). */
export const MEMALLOC_SCOPES = {
  nofs: "PF_MEMALLOC_NOFS",
  noio: "PF_MEMALLOC_NOIO",
  noreclaim: "PF_MEMALLOC",
  pin: "PF_MEMALLOC_PIN",
} as const satisfies Record<string, TaskFlagName>;
export type MemallocScope = keyof typeof MEMALLOC_SCOPES;

export function memallocSave(flags: TaskFlags, scope: MemallocScope): ScopeSave {
  return memallocFlagsSave(flags, TASK_FLAGS[MEMALLOC_SCOPES[scope]] as TaskFlags);
}

/** Every `memalloc_*_restore(saved)` is `memalloc_flags_restore(saved)` since v6.9. */
export function memallocRestore(flags: TaskFlags, saved: TaskFlags): TaskFlags {
  return memallocFlagsRestore(flags, saved);
}

export const memallocNofsSave = (flags: TaskFlags): ScopeSave => memallocSave(flags, "nofs");
export const memallocNofsRestore = memallocRestore;
export const memallocNoioSave = (flags: TaskFlags): ScopeSave => memallocSave(flags, "noio");
export const memallocNoioRestore = memallocRestore;
export const memallocNoreclaimSave = (flags: TaskFlags): ScopeSave => memallocSave(flags, "noreclaim");
export const memallocNoreclaimRestore = memallocRestore;
export const memallocPinSave = (flags: TaskFlags): ScopeSave => memallocSave(flags, "pin");
export const memallocPinRestore = memallocRestore;

/**
 * The helpers by their kernel names, for front-ends that meet them in C or in a trace.
 * `memalloc_flags_save` takes its mask as an argument (`scope: null`).
 */
export const MEMALLOC_HELPERS = {
  memalloc_nofs_save: { op: "save", scope: "nofs" },
  memalloc_nofs_restore: { op: "restore", scope: "nofs" },
  memalloc_noio_save: { op: "save", scope: "noio" },
  memalloc_noio_restore: { op: "restore", scope: "noio" },
  memalloc_noreclaim_save: { op: "save", scope: "noreclaim" },
  memalloc_noreclaim_restore: { op: "restore", scope: "noreclaim" },
  memalloc_pin_save: { op: "save", scope: "pin" },
  memalloc_pin_restore: { op: "restore", scope: "pin" },
  memalloc_flags_save: { op: "save", scope: null },
  memalloc_flags_restore: { op: "restore", scope: null },
} as const satisfies Record<string, { op: "save" | "restore"; scope: MemallocScope | null }>;
export type MemallocHelperName = keyof typeof MEMALLOC_HELPERS;
