/**
 * Numerical gradients as numpy's `np.gradient` and torch's `torch.gradient` compute them with the
 * default `edge_order=1`: second-order central differences inside, one-sided differences at the ends.
 * The LR-finder suggestion rules of pytorch-lr-finder (unit spacing) and Lightning (lr coordinates)
 * are defined through these functions, so they are reproduced formula for formula.
 */

/**
 * `np.gradient(values)`: unit spacing. Needs at least 2 values.
 *
 * @example
 * gradientUnit([1, 2, 4, 8]); // [1, 1.5, 3, 4]
 */
export function gradientUnit(values: readonly number[]): number[] {
  const n = values.length;
  if (n < 2) throw new RangeError(`gradient needs at least 2 values, got ${n}`);
  const f = values as number[];
  const out = new Array<number>(n);
  out[0] = (f[1] as number) - (f[0] as number);
  out[n - 1] = (f[n - 1] as number) - (f[n - 2] as number);
  for (let i = 1; i < n - 1; i++) out[i] = ((f[i + 1] as number) - (f[i - 1] as number)) / 2;
  return out;
}

/**
 * `np.gradient(values, coords)` / `torch.gradient(values, spacing=[coords])`: non-uniform spacing given by
 * coordinates. Inside: `a·f[i-1] + b·f[i] + c·f[i+1]` with `a = -h2/(h1(h1+h2))`, `b = (h2-h1)/(h1·h2)`,
 * `c = h1/(h2(h1+h2))` (h1, h2 the spacings left and right of i). Needs at least 2 values.
 *
 * @example
 * gradientAt([0, 1, 4], [0, 1, 2]); // [1, 2, 3]
 */
export function gradientAt(values: readonly number[], coords: readonly number[]): number[] {
  const n = values.length;
  if (n < 2) throw new RangeError(`gradient needs at least 2 values, got ${n}`);
  if (coords.length !== n) throw new RangeError(`gradient needs one coordinate per value (${n}), got ${coords.length}`);
  const f = values as number[];
  const x = coords as number[];
  const out = new Array<number>(n);
  out[0] = ((f[1] as number) - (f[0] as number)) / ((x[1] as number) - (x[0] as number));
  out[n - 1] = ((f[n - 1] as number) - (f[n - 2] as number)) / ((x[n - 1] as number) - (x[n - 2] as number));
  for (let i = 1; i < n - 1; i++) {
    const h1 = (x[i] as number) - (x[i - 1] as number);
    const h2 = (x[i + 1] as number) - (x[i] as number);
    const a = -h2 / (h1 * (h1 + h2));
    const b = (h2 - h1) / (h1 * h2);
    const c = h1 / (h2 * (h1 + h2));
    out[i] = a * (f[i - 1] as number) + b * (f[i] as number) + c * (f[i + 1] as number);
  }
  return out;
}

/** Index of the first smallest value (`np.argmin` / `torch.argmin` on finite input); -1 when empty. */
export function argmin(values: readonly number[]): number {
  let best = -1;
  for (let i = 0; i < values.length; i++) {
    if (best === -1 || (values[i] as number) < (values[best] as number)) best = i;
  }
  return best;
}
