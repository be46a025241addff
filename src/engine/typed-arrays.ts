/** Growth of the engine's typed-array tables. */
type Growable = Int32Array<ArrayBuffer> | Uint32Array<ArrayBuffer> | Uint8Array<ArrayBuffer> | Int8Array<ArrayBuffer> | Float64Array<ArrayBuffer>;

/** A typed array twice as long with the same contents (tables that grow together call this on each). */
export function doubled<T extends Growable>(a: T): T {
  const grown = new (a.constructor as new (n: number) => T)(a.length * 2);
  grown.set(a);
  return grown;
}
