import { describe, expect, it } from 'vitest';
import { createOptimizer } from '../../src/optim/createOptimizer.js';
import { buildScheduler } from '../../src/spec/buildScheduler.js';
import { SCHEDULER_TYPE_DEFINITIONS } from '../../src/spec/schedulerDefinitions.js';
import { PlateauSequentialLR } from '../../src/stateful/PlateauSequentialLR.js';
import { ExponentialLR } from '../../src/torch/ExponentialLR.js';
import { LinearLR } from '../../src/torch/LinearLR.js';
import { Sequence } from '../../src/torch/Sequence.js';
import { SequentialLR } from '../../src/torch/SequentialLR.js';
import { setWarningSink } from '../../src/warnings.js';

setWarningSink(() => {});

describe('repeats removed', () => {
  it('repeats: every scheduler type writes the one state header { format, version 1, type } first', () => {
    for (const d of SCHEDULER_TYPE_DEFINITIONS) {
      const state = buildScheduler(createOptimizer({ lr: 0.1, momentum: 0.9 }), { type: d.type, ...d.example }).stateDict();
      expect(Object.entries(state).slice(0, 3)).toEqual([['format', 'lrkit.scheduler'], ['version', 1], ['type', d.type]]);
    }
  });

  it('repeats: PlateauSequentialLR is a layer over the sequencing core of SequentialLR, with the same state fields', () => {
    const make = (Seq: typeof SequentialLR | typeof PlateauSequentialLR) => {
      const optimizer = createOptimizer({ lr: 0.1 });
      const s = new Seq(optimizer, { schedulers: [new LinearLR(optimizer, { startFactor: 0.1, totalIters: 3 }), new ExponentialLR(optimizer, { gamma: 0.8 })], milestones: [3] } as never);
      for (let i = 0; i < 6; i++) {
        optimizer.step();
        s.step();
      }
      return s;
    };
    const seq = make(SequentialLR);
    const plateau = make(PlateauSequentialLR);
    expect(seq).toBeInstanceOf(Sequence);
    expect(plateau).toBeInstanceOf(Sequence);
    expect({ ...plateau.stateDict(), type: 'SequentialLR' }).toEqual(seq.stateDict());
  });
});
