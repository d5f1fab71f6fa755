import { describe, expect, it } from 'vitest';
import { runCustomLoop } from '../../examples/tfjs-custom-loop.js';
import { runFitExample } from '../../examples/tfjs-fit.js';

describe('tfjs examples (small data)', () => {
  it('custom loop: OneCycleLR trains, cycles momentum against lr, and survives a checkpoint/resume', async () => {
    const r = await runCustomLoop({ samples: 128, epochs: 6, batchSize: 32 });
    expect(r.backend).toBe('wasm');
    expect(r.lrs).toHaveLength(6 * 4);
    const peak = r.lrs.indexOf(Math.max(...r.lrs));
    expect(Math.max(...r.lrs)).toBeGreaterThan(0.45); // reaches ~maxLr 0.5 at 30% of the run
    expect(r.momenta[peak]).toBe(Math.min(...r.momenta)); // momentum is lowest where lr is highest
    expect(r.lrs.at(-1)!).toBeLessThan(1e-3);
    expect(r.resumedAfterEpoch).toBe(2);
    expect(r.losses.at(-1)!).toBeLessThan(r.losses[0]! / 2);
    expect(r.accuracy).toBeGreaterThan(0.85);
  });

  it('model.fit: plateau lowers the lr, History records it, early stopping restores the best epoch', async () => {
    const r = await runFitExample({ samples: 240, epochs: 40 });
    const lr = r.history.lr!;
    expect(lr).toHaveLength(r.history.loss!.length);
    expect(lr[0]).toBe(0.05);
    lr.slice(1).forEach((v, i) => expect(v).toBeLessThanOrEqual(lr[i]!));
    expect(lr.at(-1)!).toBeCloseTo(0.015, 12); // one plateau reduction (factor 0.3) on this data
    expect(r.stoppedEpoch).toBe(lr.length - 1); // early stopping ended the run before 40 epochs
    expect(r.history.beta1!.every((b) => b === 0.9)).toBe(true);
    const best = Math.min(...r.history.val_loss!);
    expect(r.history.val_loss!.indexOf(best)).toBe(r.bestEpoch);
    expect(r.finalValLoss).toBeCloseTo(best, 4);
  });
});
