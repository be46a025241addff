/**
 * The task flags (`current->flags`) that constrain allocation, with the kernel's values
 * (include/linux/sched.h, v5.12+ where PF_MEMALLOC_PIN replaced PF_MEMALLOC_NOCMA at the same
 * value). Values matter only to mirror the kernel bit for bit; nothing else here depends on them.
 * The v6.11-only PF_MEMALLOC_NORECLAIM / PF_MEMALLOC_NOWARN (reverted in v6.12-rc3) are left out.
 */

export const TASK_FLAGS = {
  /** Reclaim recursion guard: set while reclaiming (memalloc_noreclaim_save, kswapd). */
  PF_MEMALLOC: 0x0000_0800,
  /** All allocations inherit GFP_NOFS (memalloc_nofs_save). */
  PF_MEMALLOC_NOFS: 0x0004_0000,
  /** All allocations inherit GFP_NOIO (memalloc_noio_save). */
  PF_MEMALLOC_NOIO: 0x0008_0000,
  /** Allocations avoid movable zones, for long-term pinning (memalloc_pin_save). */
  PF_MEMALLOC_PIN: 0x1000_0000,
} as const;
export type TaskFlagName = keyof typeof TASK_FLAGS;

declare const taskFlagsBrand: unique symbol;
/** A `current->flags` value (only the bits above are given meaning). */
export type TaskFlags = number & { readonly [taskFlagsBrand]: true };

export const NO_TASK_FLAGS = 0 as TaskFlags;

/** The flags with the given names set. */
export function taskFlags(...names: readonly TaskFlagName[]): TaskFlags {
  let flags = 0;
  for (const name of names) flags |= TASK_FLAGS[name];
  return (flags >>> 0) as TaskFlags;
}

export function hasTaskFlag(flags: TaskFlags, name: TaskFlagName): boolean {
  return (flags & TASK_FLAGS[name]) !== 0;
}

/** Names of the known flags that are set, in table order (for messages). */
export function taskFlagNames(flags: TaskFlags): TaskFlagName[] {
  return (Object.keys(TASK_FLAGS) as TaskFlagName[]).filter((name) => hasTaskFlag(flags, name));
}
