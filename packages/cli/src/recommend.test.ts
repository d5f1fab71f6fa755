import { describe, expect, it } from 'vitest';
import { runTrace } from 'lrkit';
import { recommend, TASKS } from './recommend.js';

describe('recommend', () => {
  it('follows the guide table', () => {
    expect(recommend({ task: 'beginner' }).spec.scheduler).toEqual({ type: 'MultiStepLR', milestones: [30, 60], gamma: 0.1 });
    expect(recommend({ task: 'classification', goal: 'accuracy', epochs: 200 }).spec.scheduler).toEqual({ type: 'CosineAnnealingLR', tMax: 200, etaMin: 1e-6 });
    expect(recommend({ task: 'classification', goal: 'accuracy', restarts: true }).spec.scheduler.type).toBe('CosineAnnealingWarmRestarts');
    const ssl = recommend({ task: 'contrastive', epochs: 70 });
    expect(ssl.spec.scheduler).toEqual({ type: 'CosineAnnealingWarmRestarts', t0: 10, tMult: 2, etaMin: 1e-6 });
    expect(ssl.reasons.join(' ')).toContain('avoid ReduceLROnPlateau');
    expect(recommend({ task: 'classification', validation: false }).spec.scheduler.type).toBe('CosineAnnealingWarmRestarts');
    const fast = recommend({ task: 'prototype', epochs: 5, stepsPerEpoch: 469, maxLr: 0.3 });
    expect(fast.spec).toMatchObject({ scheduler: { type: 'OneCycleLR', maxLr: 0.3, totalSteps: 2345 }, steps: 2345 });
    expect(fast.stepPer).toBe('batch');
    expect(recommend({ task: 'prototype' }).warnings.join(' ')).toContain('lrkit find');
    for (const epochs of [5, 50, 100, 400]) {
      const gamma = recommend({ task: 'vae', epochs }).spec.scheduler.gamma as number;
      expect(gamma).toBeGreaterThanOrEqual(0.9);
      expect(gamma).toBeLessThanOrEqual(0.98);
    }
    expect(recommend({ task: 'nlp', epochs: 10, stepsPerEpoch: 100 }).spec.scheduler).toMatchObject({ type: 'SequentialLR', milestones: [50] });
    expect(recommend({ task: 'detection' }).spec.scheduler).toEqual({ type: 'MultiStepLR', milestones: [8, 11], gamma: 0.1 });
  });

  it.each(TASKS.flatMap((task) => (['baseline', 'accuracy', 'fast'] as const).map((goal) => [task, goal] as const)))('%s / %s gives a spec that runs', (task, goal) => {
    const r = recommend({ task, goal, epochs: 6, stepsPerEpoch: 7 });
    expect(r.reasons.length).toBeGreaterThan(0);
    expect(runTrace(r.spec).lr).toHaveLength(r.spec.steps + 1);
  });

  it('names bad answers', () => {
    expect(() => recommend({ task: 'chess' })).toThrow('task: expected one of classification');
    expect(() => recommend({ task: 'gan', epochs: 0 })).toThrow('epochs: expected a positive integer');
    expect(() => recommend({ task: 'gan', lr: -1 })).toThrow('lr: expected');
  });
});
