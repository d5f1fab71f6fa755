/**
 * A small seeded pseudo-random generator (mulberry32) and a float-to-seed hash, so noise can be a
 * pure function of (seed, t). Not cryptographic; fast and reproducible across platforms.
 */

const scratch = new DataView(new ArrayBuffer(8));

/** Mixes any float64 (e.g. `seed + t`) into a 32-bit seed; integers and non-integers alike. */
export function hashNumber(x: number): number {
  scratch.setFloat64(0, x === 0 ? 0 : x); // -0 and 0 hash alike
  let h = scratch.getUint32(0) ^ 0x9e3779b9;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h ^= scratch.getUint32(4);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** mulberry32: returns a generator of uniforms in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A standard normal draw (Box-Muller) from a uniform generator. */
export function normal(uniform: () => number): number {
  const u1 = 1 - uniform(); // (0, 1]
  const u2 = uniform();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/**
 * Fisher–Yates shuffle in place, drawing from `random`; returns the same array.
 *
 * @example
 * shuffleInPlace([1, 2, 3], mulberry32(7));
 */
export function shuffleInPlace<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}
