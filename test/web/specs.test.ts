import { describe, expect, it } from 'vitest';
import { SCHEDULER_CATALOG } from '../../src/plot/catalog.js';
import { fromTraceSpec } from '../../src/plot/fromTraceSpec.js';
import { runTrace } from '../../src/spec/trace.js';
import { cardSpec } from '../../web/src/specs.js';
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

  it.each(SCHEDULER_CATALOG.map((s) => [s.type]))('the default %s card builds a valid spec', (type) => {
    const state = defaultState();
    const spec = cardSpec(state, defaultCard(type));
    expect(() => fromTraceSpec(spec)).not.toThrow();
    expect(runTrace(spec).lr).toHaveLength(101);
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
});
