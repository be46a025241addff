/** Growth of the engine's typed-array tables. */
type Growable = Int32Array<ArrayBuffer> | Uint32Array<ArrayBuffer> | Uint8Array<ArrayBuffer> | Int8Array<ArrayBuffer> | Float64Array<ArrayBuffer>;

/**
 * Whether an id (of a class key or a task) is small and non-negative enough to index a dense
 * table directly; other ids are looked up in maps.
 */
export const isDenseId = (id: number): boolean => Number.isInteger(id) && id >= 0 && id < 1 << 20;

/** `table` with `value` stored at dense id `id`, doubled as often as needed to hold it. */
export function storedAt(table: Int32Array<ArrayBuffer>, id: number, value: number): Int32Array<ArrayBuffer> {
  while (id >= table.length) table = doubled(table);
  table[id] = value;
  return table;
}

/** A typed array twice as long with the same contents (tables that grow together call this on each). */
export function doubled<T extends Growable>(a: T): T {
  const grown = new (a.constructor as new (n: number) => T)(a.length * 2);
  grown.set(a);
  return grown;
}
