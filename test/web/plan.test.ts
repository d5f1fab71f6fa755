import { describe, expect, it } from 'vitest';
import { OptionError } from '../../src/errors.js';
import { defaultCard, defaultState } from '../../web/src/state.js';
import { cardScheduler, defaultTrainSettings, evalSteps, fitLengths, runLength, stepsPerEpoch, trainConfig } from '../../web/src/train/plan.js';
import { decodeTrainPage, encodeTrainPage } from '../../web/src/train/trainState.js';

describe('Train view settings', () => {
  it('checks the form and names the field and value of a bad input', () => {
    const ok = trainConfig({ ...defaultTrainSettings(), hidden: '256, 64', trainDigits: '2000', batchSize: '32', epochs: '3' });
    expect(ok).toMatchObject({ hidden: [256, 64], optimizer: 'momentum', lr: 0.05, momentum: 0.9, batchSize: 32, epochs: 3, trainDigits: 2000, seed: 1 });
    const bad = (patch: Record<string, string>) => () => trainConfig({ ...defaultTrainSettings(), ...patch });
    expect(bad({ hidden: '128, x' })).toThrow('train.hidden[1]: expected a positive integer, got "x"');
    expect(bad({ hidden: '' })).toThrow(OptionError);
    expect(bad({ batchSize: '0' })).toThrow('train.batchSize');
    expect(bad({ trainDigits: '7000' })).toThrow('train.trainDigits: expected at most 6000 (the digits shipped with the page), got 7000');
    expect(bad({ trainDigits: '100', batchSize: '200' })).toThrow('train.batchSize: expected at most the number of training digits (100), got 200');
    expect(bad({ lr: '-1' })).toThrow('train.lr');
    expect(bad({ momentum: '1' })).toThrow('train.momentum');
    // Momentum is only read for momentum SGD.
    expect(trainConfig({ ...defaultTrainSettings(), optimizer: 'adam', momentum: 'ignored' }).optimizer).toBe('adam');
  });

  it('counts steps as model.fit does (last batch smaller) and spreads validation passes over each epoch', () => {
    const config = trainConfig({ ...defaultTrainSettings(), trainDigits: '2000', batchSize: '32', epochs: '2' });
    expect(stepsPerEpoch(config)).toBe(63);
    expect(runLength(config)).toBe(126);
    expect(evalSteps(config)).toEqual([16, 32, 47, 63, 79, 95, 110, 126]);
  });

  it('fits the length options drawn over the playground steps to the run length', () => {
    const card = defaultCard('OneCycleLR');
    expect(card.options.totalSteps).toBe('100');
    expect(fitLengths(card, 100, 126)).toEqual(['totalSteps']);
    expect(card.options.totalSteps).toBe('126');
    expect(card.options.maxLr).toBe('0.1'); // not a length
    const step = defaultCard('StepLR'); // stepSize 30: not the playground length, left alone
    expect(fitLengths(step, 100, 126)).toEqual([]);
    expect(fitLengths(defaultCard('hf.cosine'), 100, 50)).toEqual(['numTrainingSteps']);
  });

  it('builds the scheduler spec of a card and reports its errors by JSON path', () => {
    const card = defaultCard('StepLR');
    expect(cardScheduler(card, { lr: 0.1 })).toEqual({ type: 'StepLR', stepSize: 30, gamma: 0.1 });
    card.options.gamma = '-2';
    expect(() => cardScheduler(card, { lr: 0.1 })).toThrow('scheduler.gamma: expected a number in (0, inf), got -2');
    expect(cardScheduler(defaultCard('hf.cosine'), { lr: 0.1 })).toMatchObject({ type: 'hf.cosine', numTrainingSteps: 100 });
  });

  it('keeps cards and training form in the URL; a playground link gets the default form', () => {
    const playground = defaultState();
    const train = { ...defaultTrainSettings(), epochs: '5', backend: 'wasm' as const, picked: [1] };
    const back = decodeTrainPage(encodeTrainPage({ playground, train }));
    expect(back.state).toEqual({ playground, train });
    expect(back.fromPlayground).toBe(false);
    const fromPlayground = decodeTrainPage(encodeTrainPage({ playground, train }).split('&t=')[0]!);
    expect(fromPlayground.fromPlayground).toBe(true);
    expect(fromPlayground.state.train).toEqual(defaultTrainSettings());
    const broken = decodeTrainPage(`${encodeTrainPage({ playground, train }).split('&t=')[0]}&t=%7Bnot json`);
    expect(broken.error).toMatch(/^The training settings in the link could not be read/);
    // Picks of cards that do not exist are dropped.
    expect(decodeTrainPage(encodeTrainPage({ playground, train: { ...train, picked: [0, 7] } })).state.train.picked).toEqual([0]);
  });
});
