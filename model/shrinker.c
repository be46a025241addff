/*
 * reclaimdep kernel model: slab shrinkers (mm/shrinker.c; mm/vmscan.c before v6.7) and the
 * superblock shrinker (fs/super.c).
 *
 * shrink_slab() follows v6.7+ (kernel-facts.md §4.7): the shrinker list is walked under RCU with a
 * reference on each shrinker, and no lock is held across the callbacks.  Up to v6.6 the walk
 * held shrinker_rwsem, taken by down_read_trylock(); a trylock adds no dependency into it, but
 * every lock a shrinker took was recorded after it (shrinker_rwsem → X).  That older form is not
 * modelled.
 *
 * The superblock shrinker follows v6.6+ (§4.8).
 */

/*
 * shrink_slab() (v6.7+).  Each registered shrinker gets a struct shrink_control carrying the
 * reclaim's gfp mask, node and memcg; do_shrink_slab() calls ->count_objects, then
 * ->scan_objects in batches until done or SHRINK_STOP.  The memcg walk (shrink_slab_memcg)
 * calls a subset of the same shrinkers in the same way, so it is not written separately.
 *
 * shrinkers_call(&sc) is the interpreter's builtin for "every registered shrinker, count then
 * scan, with this shrink_control" (MODEL-CONVENTIONS.md): the scenario's SHRINKER() and
 * register_shrinker() hooks and super_cache_count/super_cache_scan below.
 */
unsigned long shrink_slab(gfp_t gfp_mask, int nid, struct mem_cgroup *memcg, int priority)
{
	struct shrink_control sc;

	/* the kernel's designated initializer, as assignments the interpreter follows */
	sc.gfp_mask = gfp_mask;
	sc.nid = nid;
	sc.memcg = memcg;

	return shrinkers_call(&sc);
}

/* ------------------------------------------------------------------------------------------ */
/* The superblock shrinker (fs/super.c)                                                        */

/*
 * super_cache_count() (v6.6+): takes no lock at all — taking s_umount here would make every
 * reclaimer in the system wait for one umount.  Counts the FS's private objects, the dentry LRU
 * and the inode LRU, scaled by vfs_cache_pressure.
 */
static unsigned long super_cache_count(struct shrinker *shrink, struct shrink_control *sc)
{
	struct super_block *sb = shrink->private_data;
	long total_objects = 0;

	if (!(sb->s_flags & SB_BORN))
		return 0;

	if (sb->s_op && sb->s_op->nr_cached_objects)
		total_objects = sb->s_op->nr_cached_objects(sb, sc);
	total_objects += list_lru_shrink_count(&sb->s_dentry_lru, sc);
	total_objects += list_lru_shrink_count(&sb->s_inode_lru, sc);

	return vfs_pressure_ratio(total_objects);
}

/*
 * super_cache_scan() (v6.6+):
 *  1. without __GFP_FS it stops at once: the allocating task may hold filesystem locks;
 *  2. s_umount is taken for read *by trylock* (super_trylock_shared(): down_read_trylock of
 *     sb->s_umount, then the superblock must be born, have a root and not be dying); lockdep's
 *     class for sb->s_umount is the file system type's key, printed &type->s_umount_key#N, and
 *     that is the expression written here;
 *  3. dentries, then inodes, then the FS's own objects are pruned: prune_dcache_sb() and
 *     prune_icache_sb() end in iput()/evict() → the filesystem's ->evict_inode and
 *     ->dirty_inode (jbd2 handles, sb_internal: kernel-facts.md §4.8).  A scenario may define
 *     prune_dcache_sb() or prune_icache_sb() to model its filesystem there;
 *  4. s_umount is released.
 * Because of the trylock, reclaim records no dependency on s_umount itself, but whatever the
 * pruning takes is recorded after it, as in the real reports
 * (fs_reclaim → &type->s_umount_key → jbd2_handle).
 */
static unsigned long super_cache_scan(struct shrinker *shrink, struct shrink_control *sc)
{
	struct super_block *sb = shrink->private_data;
	struct file_system_type *type = sb->s_type;
	long freed;

	if (!(sc->gfp_mask & __GFP_FS))
		return SHRINK_STOP;

	/* super_trylock_shared(sb) */
	if (!down_read_trylock(&type->s_umount_key))
		return SHRINK_STOP;

	if (!sb->s_root || !(sb->s_flags & SB_BORN) || (sb->s_flags & SB_DYING)) {
		up_read(&type->s_umount_key);
		return SHRINK_STOP;
	}

	freed = prune_dcache_sb(sb, sc);
	freed += prune_icache_sb(sb, sc);
	if (sb->s_op->free_cached_objects)
		freed += sb->s_op->free_cached_objects(sb, sc);

	/* super_unlock_shared(sb) */
	up_read(&type->s_umount_key);
	return freed;
}

/*
 * alloc_super() registers one such shrinker per superblock (shrinker_alloc() and
 * shrinker_register() in v6.7+, register_shrinker() before); the model registers it once.
 */
SHRINKER(super_cache_count, super_cache_scan);
