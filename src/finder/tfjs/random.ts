/**
 * mulberry32: a tiny seeded PRNG, so the finder's batch order and the MNIST split are reproducible
 * (tfjs' own shuffling uses Math.random).
 *
 * @example
 * const random = mulberry32(0); random(); // in [0, 1)
 */
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

/**
 * Fisher–Yates shuffle in place, drawing from `random`.
 *
 * @example
 * shuffleInPlace([1, 2, 3], mulberry32(7));
 */
export function shuffleInPlace<T>(items: T[], random: () => number): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
}
