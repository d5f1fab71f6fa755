import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LrkitError, ScheduleError, StateError } from '../../src/errors.js';
import type { ParamGroup } from '../../src/optim/Optimizer.js';
import { buildScheduler } from '../../src/spec/buildScheduler.js';
import { buildOptimizer } from '../../src/spec/trace.js';
import type { Scheduler } from '../../src/torch/LRScheduler.js';
import { ReduceLROnPlateau } from '../../src/torch/ReduceLROnPlateau.js';
import { setWarningSink, type WarningSink } from '../../src/warnings.js';
import { relativeError } from '../conformance/fixtures.js';

/** Scenarios recorded from PyTorch 2.13 by scripts/gen_torch_fixtures.py that the trace spec cannot express. */
interface AddGroupCase {
  optimizer: { type: 'sgd' | 'adam'; lr: number; momentum?: number; groups: Array<Record<string, unknown>> };
  scheduler: Record<string, unknown> & { type: string };
  addGroupAfter: number;
  newGroup: { lr: number; initialLr?: number };
  steps: number;
  metrics?: number[];
  lr: number[][];
  error?: { type: string; message: string; at: number };
}
interface StateCase {
  type: string;
  saved: Record<string, unknown>;
  loadedInto: Record<string, unknown>;
  option: string;
  stateKeys: string[];
  resumedRows: number[];
  uninterruptedRowsSaved: number[];
  rowsLoadedInto: number[];
}
const fixture = JSON.parse(readFileSync(new URL('../fixtures/torch-scenarios.json', import.meta.url), 'utf8')) as {
  torch: string;
  addParamGroup: AddGroupCase[];
  stateOptions: StateCase[];
};

let previousSink: WarningSink;
beforeAll(() => {
  previousSink = setWarningSink(() => {});
});
afterAll(() => {
  setWarningSink(previousSink);
});

function step(s: Scheduler, metric?: number): void {
  if (s instanceof ReduceLROnPlateau) s.step(metric as number);
  else (s as unknown as { step(): void }).step();
}

describe(`param groups added mid-run, against PyTorch ${fixture.torch}`, () => {
  it.each(fixture.addParamGroup.map((c, i) => [`${c.scheduler.type} #${i}${c.error ? ` (PyTorch: ${c.error.type} at step ${c.error.at})` : ''}`, c] as const))('%s', (_name, c) => {
    const optimizer = buildOptimizer(c.optimizer);
    const scheduler = buildScheduler(optimizer, c.scheduler);
    const rows: number[][] = [optimizer.paramGroups.map((g) => g.lr)];
    let error: unknown;
    let errorAt = 0;
    for (let i = 1; i <= c.steps; i++) {
      if (i === c.addGroupAfter + 1) {
        // PyTorch's add_param_group: the new group gets the optimizer's defaults and no initial_lr unless given.
        const group: ParamGroup = { lr: c.newGroup.lr, momentum: c.optimizer.momentum ?? 0 };
        if (c.newGroup.initialLr !== undefined) group.initialLr = c.newGroup.initialLr;
        optimizer.paramGroups.push(group);
      }
      optimizer.step();
      try {
        step(scheduler, c.metrics?.[i - 1]);
      } catch (e) {
        error = e;
        errorAt = i;
        break;
      }
      rows.push(optimizer.paramGroups.map((g) => g.lr));
    }
    if (c.error) {
      expect(error, `PyTorch raised ${c.error.type}: ${c.error.message}`).toBeInstanceOf(LrkitError);
      expect(errorAt).toBe(c.error.at);
    } else {
      expect(error).toBeUndefined();
    }
    expect(rows.length).toBe(c.lr.length);
    c.lr.forEach((row, r) => row.forEach((want, g) => expect(relativeError(rows[r]![g]!, want), `row ${r} group ${g}`).toBeLessThanOrEqual(1e-12)));
  });

  it('upstream test_add_param_group_does_not_break_reduce_lr_on_plateau: a single minLr covers the new group', () => {
    const optimizer = buildOptimizer({ type: 'sgd', lr: 1, groups: [{}] });
    const scheduler = new ReduceLROnPlateau(optimizer, { patience: 0, factor: 0.5, minLr: 0.1 });
    optimizer.paramGroups.push({ lr: 1 });
    for (let i = 0; i < 6; i++) scheduler.step(1);
    expect(scheduler.minLrs).toEqual([0.1, 0.1]);
    expect(optimizer.paramGroups.map((g) => g.lr)).toEqual([0.1, 0.1]);
  });

  it('upstream test_add_param_group_errors_reduce_lr_on_plateau: per-group minLr must be extended, via the writable minLrs', () => {
    const optimizer = buildOptimizer({ type: 'sgd', lr: 1, groups: [{}, {}] });
    const scheduler = new ReduceLROnPlateau(optimizer, { patience: 0, factor: 0.5, minLr: [1e-5, 1e-4] });
    optimizer.paramGroups.push({ lr: 1 });
    scheduler.step(1); // the first metric is an improvement: no reduction needed yet
    expect(() => scheduler.step(1)).toThrow(ScheduleError);
    expect(() => scheduler.step(1)).toThrow(/minLrs has 2.*assign scheduler.minLrs one value per group/);
    scheduler.minLrs = [1e-5, 1e-4, 1e-3];
    scheduler.step(1);
    expect(optimizer.paramGroups.map((g) => g.lr)).toEqual([0.5, 0.5, 0.5]);
    expect(() => (scheduler.minLrs = [1e-5, -1, 0])).toThrow('ReduceLROnPlateau.minLrs[1]: expected a number in [0, inf), got -1');
  });
});

describe('option fields are immutable (minLrs is writable on purpose, validated)', () => {
  it('assigning an option field or mutating an option array throws', () => {
    const optimizer = buildOptimizer({ type: 'sgd', lr: 0.1, momentum: 0.9, groups: [{}] });
    const step = buildScheduler(optimizer, { type: 'StepLR', stepSize: 3 }) as unknown as Record<string, unknown>;
    expect(() => (step.gamma = 0.5)).toThrow(TypeError);
    const multi = buildScheduler(buildOptimizer({ type: 'sgd', lr: 0.1, groups: [{}] }), { type: 'MultiStepLR', milestones: [2, 4] }) as unknown as { milestones: number[] };
    expect(() => multi.milestones.push(6)).toThrow(TypeError);
    const plateau = new ReduceLROnPlateau(buildOptimizer({ type: 'sgd', lr: 0.1, groups: [{}] }), { minLr: 0.01 });
    expect(() => ((plateau as unknown as Record<string, unknown>).factor = 0.5)).toThrow(TypeError);
    expect(() => (plateau.minLrs as number[]).push(1)).toThrow(TypeError);
  });
});

/** PyTorch state_dict keys that are options, and the lrkit option field that carries each. */
const OPTION_KEY: Record<string, string> = {
  step_size: 'stepSize', gamma: 'gamma', milestones: 'milestones', factor: 'factor', total_iters: 'totalIters',
  start_factor: 'startFactor', end_factor: 'endFactor', power: 'power', T_max: 'tMax', eta_min: 'etaMin', T_0: 't0',
  T_mult: 'tMult', max_lrs: 'maxLrs', base_momentums: 'baseMomentums', max_momentums: 'maxMomentums', mode: 'mode',
  scale_mode: 'scaleMode', step_ratio: 'stepRatio', total_size: 'totalSize', cycle_momentum: 'cycleMomentum',
  total_steps: 'totalSteps', _anneal_func_type: 'annealStrategy', _schedule_phases: 'phases', anneal_epochs: 'annealEpochs',
  cooldown: 'cooldown', eps: 'eps', min_lrs: 'minLr', patience: 'patience', threshold: 'threshold', threshold_mode: 'thresholdMode',
};
/** Counters and values derived from the optimizer or from other options: state, not options. */
const NOT_OPTIONS = new Set(['base_lrs', 'last_epoch', 'T_cur', 'T_i', 'use_beta1', 'best', 'cooldown_counter', 'num_bad_epochs', 'default_min_lr', 'mode_worse']);

describe(`a state saved with other options, against PyTorch ${fixture.torch}`, () => {
  it.each(fixture.stateOptions.map((c) => [c.type, c] as const))('%s: lrkit rejects what PyTorch silently overrides', (_name, c) => {
    // PyTorch: load_state_dict replaces the live options with the saved ones.
    expect(c.resumedRows).toEqual(c.uninterruptedRowsSaved);
    expect(c.rowsLoadedInto).not.toEqual(c.uninterruptedRowsSaved);
    // lrkit's state carries every option PyTorch's state_dict carries.
    const build = (options: Record<string, unknown>) => {
      const optimizer = buildOptimizer({ type: 'sgd', lr: 0.1, momentum: 0.9, groups: [{}] });
      return { optimizer, scheduler: buildScheduler(optimizer, { type: c.type, ...options }) };
    };
    const a = build(c.saved);
    const metrics = [1.0, 0.9, 0.9, 0.9, 0.9, 0.8];
    for (let i = 0; i < 6; i++) {
      a.optimizer.step();
      step(a.scheduler, metrics[i]);
    }
    const state = JSON.parse(JSON.stringify(a.scheduler.stateDict())) as { options: Record<string, unknown> };
    for (const key of c.stateKeys.filter((k) => !NOT_OPTIONS.has(k))) {
      expect(OPTION_KEY[key], `PyTorch state key ${key}`).toBeDefined();
      expect(Object.keys(state.options), `PyTorch state key ${key}`).toContain(OPTION_KEY[key]);
    }
    // ... and refuses to load it into a scheduler built with other options, naming the option.
    const b = build(c.loadedInto);
    const optionName = Object.keys(state.options).find((k) => JSON.stringify(state.options[k]) !== JSON.stringify((b.scheduler.stateDict() as unknown as { options: Record<string, unknown> }).options[k]));
    expect(optionName).toBeDefined();
    expect(() => b.scheduler.loadStateDict(state)).toThrow(StateError);
    expect(() => b.scheduler.loadStateDict(state)).toThrow(new RegExp(`^state\\.options\\.${optionName}: the state was saved with ${optionName} = `));
    // With the same options the state loads and the run continues as PyTorch's.
    const same = build(c.saved);
    same.scheduler.loadStateDict(state);
    for (const g of same.optimizer.paramGroups) g.lr = a.optimizer.paramGroups[0]!.lr;
    expect(same.scheduler.getLastLr()).toEqual(a.scheduler.getLastLr());
    expect(a.scheduler.getLastLr()[0]).toBeCloseTo(c.uninterruptedRowsSaved[6]!, 15);
  });
});
