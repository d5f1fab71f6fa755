/**
 * PyTorch's `ReduceLROnPlateau.is_better` (also transformers' GreedyLR): whether `current` beats `best` by more
 * than `threshold`, relatively (`best * (1 ± threshold)`) or absolutely (`best ± threshold`), in the direction
 * of `mode`. The operations are PyTorch's, so ties and thresholds fall exactly where they do there.
 */
export function improves(mode: 'min' | 'max', thresholdMode: 'rel' | 'abs', threshold: number, current: number, best: number): boolean {
  if (mode === 'min') return thresholdMode === 'rel' ? current < best * (1.0 - threshold) : current < best - threshold;
  return thresholdMode === 'rel' ? current > best * (threshold + 1.0) : current > best + threshold;
}
