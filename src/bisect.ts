// Python's bisect module for sorted number arrays (milestones, boundaries).

/** Number of sorted entries <= x (Python's bisect_right). */
export function bisectRight(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (x < (sorted[mid] as number)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Number of sorted entries < x (Python's bisect_left). */
export function bisectLeft(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
