/**
 * Allocation and reclaim ops of the table, lowered here because the engine knows no GFP
 * (src/ir/README.md): fs_reclaim is a bare lockdep map, and an allocation is a momentary
 * acquisition of it plus a might_sleep. Semantics from mm/page_alloc.c (`__need_reclaim`,
 * `fs_reclaim_acquire/release`), include/linux/sched/mm.h (`might_alloc`, `current_gfp_context`,
 * the `memalloc_*_save` scopes) and mm/vmscan.c (kswapd holds fs_reclaim with PF_MEMALLOC set);
 * see lockdep-notes.md §11b.
 */

/** The gfp bits these ops look at (include/linux/gfp_types.h). */
type GfpFlag = "__GFP_IO" | "__GFP_FS" | "__GFP_DIRECT_RECLAIM" | "__GFP_KSWAPD_RECLAIM" | "__GFP_HIGH" | "__GFP_NOWARN";

/** The masks the table names, as include/linux/gfp_types.h defines them (v6.8+). */
export const GFP_MASKS = {
  GFP_KERNEL: ["__GFP_DIRECT_RECLAIM", "__GFP_KSWAPD_RECLAIM", "__GFP_IO", "__GFP_FS"],
  GFP_NOFS: ["__GFP_DIRECT_RECLAIM", "__GFP_KSWAPD_RECLAIM", "__GFP_IO"],
  GFP_NOIO: ["__GFP_DIRECT_RECLAIM", "__GFP_KSWAPD_RECLAIM"],
  GFP_ATOMIC: ["__GFP_HIGH", "__GFP_KSWAPD_RECLAIM"],
  GFP_NOWAIT: ["__GFP_KSWAPD_RECLAIM", "__GFP_NOWARN"],
} as const satisfies Record<string, readonly GfpFlag[]>;
export type GfpName = keyof typeof GFP_MASKS;

export const isGfpName = (text: string): text is GfpName => Object.hasOwn(GFP_MASKS, text);

export const RECLAIM_OPS = [
  "fs_reclaim_acquire",
  "fs_reclaim_release",
  "might_alloc",
  "kswapd_reclaim_begin",
  "kswapd_reclaim_end",
  "memalloc_nofs_save",
  "memalloc_nofs_restore",
  "memalloc_noio_save",
  "memalloc_noio_restore",
  "memalloc_noreclaim_save",
  "memalloc_noreclaim_restore",
] as const;
export type ReclaimOp = (typeof RECLAIM_OPS)[number];

/** The ops that take a gfp argument; the others take none. */
export const takesGfp = (op: ReclaimOp): boolean => op === "fs_reclaim_acquire" || op === "fs_reclaim_release" || op === "might_alloc";

/** What an op amounts to for lockdep, in order. */
export type ReclaimEffect =
  | { readonly kind: "acquire-fs-reclaim"; readonly momentary: boolean }
  | { readonly kind: "release-fs-reclaim" }
  | { readonly kind: "might-sleep" };

type Scope = "nofs" | "noio" | "memalloc";
const SCOPE_OF: Readonly<Partial<Record<ReclaimOp, readonly [Scope, 1 | -1]>>> = {
  memalloc_nofs_save: ["nofs", 1],
  memalloc_nofs_restore: ["nofs", -1],
  memalloc_noio_save: ["noio", 1],
  memalloc_noio_restore: ["noio", -1],
  memalloc_noreclaim_save: ["memalloc", 1],
  memalloc_noreclaim_restore: ["memalloc", -1],
};

/** One task's allocation scopes (PF_MEMALLOC_NOFS, PF_MEMALLOC_NOIO, PF_MEMALLOC) as depths. */
export class ReclaimScopes {
  private readonly depth: Record<Scope, number> = { nofs: 0, noio: 0, memalloc: 0 };

  /** `current_gfp_context`: NOIO clears __GFP_IO and __GFP_FS, else NOFS clears __GFP_FS. */
  private effective(gfp: GfpName): ReadonlySet<GfpFlag> {
    const flags = new Set<GfpFlag>(GFP_MASKS[gfp]);
    if (this.depth.noio > 0) flags.delete("__GFP_IO");
    if (this.depth.noio > 0 || this.depth.nofs > 0) flags.delete("__GFP_FS");
    return flags;
  }

  /** `__need_reclaim(gfp) && (gfp & __GFP_FS)`: the case where fs_reclaim is taken. */
  private takesFsReclaim(gfp: GfpName): boolean {
    const flags = this.effective(gfp);
    return flags.has("__GFP_DIRECT_RECLAIM") && this.depth.memalloc === 0 && flags.has("__GFP_FS");
  }

  /** Applies one op; an unbalanced restore or end is an error message. */
  apply(op: ReclaimOp, gfp: GfpName | undefined): readonly ReclaimEffect[] | string {
    const scope = SCOPE_OF[op];
    if (scope !== undefined) {
      const [name, step] = scope;
      if (this.depth[name] + step < 0) return `${op} without a matching save`;
      this.depth[name] += step;
      return [];
    }
    switch (op) {
      case "kswapd_reclaim_begin":
        this.depth.memalloc += 1;
        return [{ kind: "acquire-fs-reclaim", momentary: false }];
      case "kswapd_reclaim_end":
        if (this.depth.memalloc === 0) return "kswapd_reclaim_end without kswapd_reclaim_begin";
        this.depth.memalloc -= 1;
        return [{ kind: "release-fs-reclaim" }];
    }
    if (gfp === undefined) return `${op} needs a gfp mask`;
    const taken = this.takesFsReclaim(gfp);
    switch (op) {
      case "fs_reclaim_acquire":
        return taken ? [{ kind: "acquire-fs-reclaim", momentary: false }] : [];
      case "fs_reclaim_release":
        return taken ? [{ kind: "release-fs-reclaim" }] : [];
      default: {
        // might_alloc: acquire+release, then might_sleep_if(gfpflags_allow_blocking(gfp)) on
        // the gfp as passed (not the scoped one).
        const blocks = (GFP_MASKS[gfp] as readonly GfpFlag[]).includes("__GFP_DIRECT_RECLAIM");
        return [...(taken ? [{ kind: "acquire-fs-reclaim", momentary: true } as const] : []), ...(blocks ? [{ kind: "might-sleep" } as const] : [])];
      }
    }
  }
}
