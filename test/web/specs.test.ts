import { describe, expect, it } from 'vitest';
import { SCHEDULER_CATALOG } from '../../src/spec/catalog.js';
import { fromTraceSpec } from '../../src/plot/fromTraceSpec.js';
import { runTrace } from '../../src/spec/trace.js';
import { sampleCurves } from '../../src/plot/sampleCurves.js';
import { cardSpec, takesMetric } from '../../web/src/specs.js';
import { decodeState, defaultCard, defaultState, encodeState } from '../../web/src/state.js';

describe('playground state and specs', () => {
  it('round-trips a state through the URL hash, raw text included', () => {
    const state = defaultState();
    state.cards[1]!.options.gamma = '0.5x & #?';
    state.log = true;
    expect(decodeState(encodeState(state))).toEqual({ state, error: null });
    expect(decodeState('').state).toBeNull();
    expect(decodeState('#s=%7Bbroken').error).toContain('could not be read');
  });

  it('reads links shared with the upstream type names of 0.1 (aliases) as the JavaScript names', () => {
    const state = defaultState();
    const old = { ...state, cards: [{ type: 'hf.cosine_with_restarts', options: {} }, { type: 'keras.CosineDecay', options: {} }] };
    const decoded = decodeState(`#s=${encodeURIComponent(JSON.stringify(old))}`).state!;
    expect(decoded.cards.map((c) => c.type)).toEqual(['hf.cosineWithRestarts', 'keras.cosineDecay']);
  });

  it.each(SCHEDULER_CATALOG.map((s) => [s.type]))('the default %s card builds a valid spec', (type) => {
    const state = defaultState();
    const spec = cardSpec(state, defaultCard(type));
    const traced = runTrace(spec);
    expect(traced.lr).toHaveLength(101);
    // The playground draws fromTraceSpec's curve: it must be runTrace's rows (metric-driven types included).
    const source = fromTraceSpec(spec);
    const read = source.open();
    const lr = new Array<number>(source.groups);
    const momentum = new Array<number>(source.groups);
    const rows: number[][] = [];
    for (let step = 0; step <= source.steps; step++) {
      read(step, lr, momentum);
      rows.push([...lr]);
    }
    expect(rows).toEqual(traced.lr);
  });

  it('passes bad text through so the library names it', () => {
    const state = defaultState();
    const card = defaultCard('StepLR');
    card.options.gamma = 'abc';
    expect(() => fromTraceSpec(cardSpec(state, card))).toThrow('scheduler.gamma: expected a number in (0, inf), got "abc"');
    state.optimizer.groupLrs = '0.1, 0.01';
    card.options.gamma = '';
    expect(runTrace(cardSpec(state, card)).lr[0]).toEqual([0.1, 0.01]);
    const plateau = defaultCard('ReduceLROnPlateau');
    plateau.metric = 'eval(1)';
    expect(() => cardSpec(state, plateau)).toThrow(/metric/);
  });

  it('gives recipes working forms: numbers, integers, enums and booleans parse into a spec that runs', () => {
    const state = defaultState();
    const card = defaultCard('hf.warmupStableDecay');
    expect(Object.keys(card.options)).toContain('decayType');
    card.options.decayType = '1-sqrt';
    card.options.numWarmupSteps = '5';
    card.options.minLrRatio = '0.05';
    const spec = cardSpec(state, card) as { scheduler: Record<string, unknown> };
    expect(spec.scheduler).toMatchObject({ type: 'hf.warmupStableDecay', decayType: '1-sqrt', numWarmupSteps: 5, minLrRatio: 0.05 });
    expect(runTrace(spec).lr).toHaveLength(101);
    const timm = defaultCard('timm.cosine');
    timm.options.tInEpochs = 'false';
    expect((cardSpec(state, timm) as { scheduler: Record<string, unknown> }).scheduler.tInEpochs).toBe(false);
    card.options.numWarmupSteps = '2.5';
    expect(() => runTrace(cardSpec(state, card))).toThrow('scheduler.numWarmupSteps: expected a non-negative integer, got 2.5');
  });

  it('edits nested schedules as JSON text, validated by the library', () => {
    const state = defaultState();
    const card = defaultCard('warmup');
    expect(JSON.parse(card.options.schedule!)).toEqual({ type: 'cosine', from: 0.1, steps: 90 });
    card.options.schedule = JSON.stringify({ type: 'hf.constant', lr: 0.05 });
    expect(runTrace(cardSpec(state, card)).lr.at(-1)).toEqual([0.05]);
    card.options.schedule = '{"type": "cosine", "from": 0.1';
    expect(() => runTrace(cardSpec(state, card))).toThrow(/^scheduler\.schedule: expected/);
    card.options.schedule = JSON.stringify({ type: 'cosine', from: 'x', steps: 5 });
    expect(() => runTrace(cardSpec(state, card))).toThrow('scheduler.schedule.from: expected a finite number, got "x"');
  });

  it('restores recipe cards from a shared URL', () => {
    const state = defaultState();
    state.cards.push(defaultCard('optax.sgdr'), defaultCard('PlateauSequentialLR'));
    const restored = decodeState(encodeState(state)).state!;
    expect(restored).toEqual(state);
    expect(runTrace(cardSpec(restored, restored.cards[2]!))).toEqual(runTrace(cardSpec(state, state.cards[2]!)));
  });

  it('protocol: a WarmupLR card over ReduceLROnPlateau and a PlateauSequentialLR card get metrics and draw runTrace rows', () => {
    const state = defaultState();
    const warm = defaultCard('WarmupLR');
    expect(takesMetric(warm)).toBe(false); // its example wraps CosineAnnealingLR
    expect(cardSpec(state, warm).metrics).toBeUndefined();
    warm.options.scheduler = '{"type": "ReduceLROnPlateau", "patience": 2, "factor": 0.5}';
    const plateauSeq = defaultCard('PlateauSequentialLR');
    for (const card of [warm, plateauSeq]) {
      expect(takesMetric(card)).toBe(true);
      const spec = cardSpec(state, card);
      expect(spec.metrics).toHaveLength(100);
      const traced = runTrace(spec);
      const [curve] = sampleCurves([fromTraceSpec(spec)], { columns: 1000 });
      expect(curve!.lr[0]!.values).toEqual(traced.lr.map((r) => r[0]));
      expect(new Set(traced.lr.slice(20).map((r) => r[0])).size).toBeGreaterThan(1); // the plateau reduced the lr
    }
  });
});
