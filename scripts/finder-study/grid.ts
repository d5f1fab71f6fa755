/** The study's grid over OneCycleLR's maxLr: points 2^k, read from the cache, averaged over seeds, interpolated. */
import type { CaseRecord } from './cache.js';

export interface GridPoint {
  lr: number;
  accuracy: number;
}

const isGridLr = (lr: number) => Number.isInteger(Math.log2(lr));

/** One seed's grid: its full-length runs at lr = 2^k, by lr. */
export function gridOf(record: CaseRecord): GridPoint[] {
  return Object.values(record.runs)
    .filter((r) => r.budget === undefined && isGridLr(r.lr))
    .map((r) => ({ lr: r.lr, accuracy: r.accuracy }))
    .sort((a, b) => a.lr - b.lr);
}

/** The seeds' mean at every grid point all of them trained, with each seed's accuracy. */
export function seedMeanGrid(grids: GridPoint[][]): Array<GridPoint & { accuracies: number[] }> {
  return (grids[0] ?? [])
    .map(({ lr }) => ({ lr, accuracies: grids.map((g) => g.find((p) => p.lr === lr)?.accuracy) }))
    .filter((g): g is { lr: number; accuracies: number[] } => g.accuracies.every((a) => a !== undefined))
    .map(({ lr, accuracies }) => ({ lr, accuracy: accuracies.reduce((a, b) => a + b, 0) / accuracies.length, accuracies }));
}

/** Accuracy at `lr`, linear in log2(lr) between the grid points around it; the end value outside the grid. */
export function interpolated(grid: readonly GridPoint[], lr: number): number {
  const first = grid[0] as GridPoint;
  const last = grid[grid.length - 1] as GridPoint;
  if (lr <= first.lr) return first.accuracy;
  if (lr >= last.lr) return last.accuracy;
  const i = grid.findIndex((p) => p.lr >= lr);
  const a = grid[i - 1] as GridPoint;
  const b = grid[i] as GridPoint;
  return a.accuracy + (Math.log2(lr / a.lr) / Math.log2(b.lr / a.lr)) * (b.accuracy - a.accuracy);
}

/** `lr` lies strictly between two grid points (not on one, not outside). */
export function betweenGridPoints(grid: readonly GridPoint[], lr: number): boolean {
  return grid.length > 1 && lr > (grid[0] as GridPoint).lr && lr < (grid[grid.length - 1] as GridPoint).lr && !grid.some((p) => p.lr === lr);
}
