import { describe, expect, it } from 'vitest';
import { OptionError } from '../errors.js';
import { constant } from './constant.js';

describe('constant', () => {
  it('returns the value at every step and carries its spec', () => {
    const s = constant({ value: 0.1 });
    expect([s(0), s(7), s(1e9)]).toEqual([0.1, 0.1, 0.1]);
    expect(s.spec).toEqual({ type: 'constant', value: 0.1 });
  });
  it('validates when built', () => {
    expect(() => constant({ value: '0.1' as never })).toThrow(new OptionError(['constant', 'value'], '0.1', 'a finite number'));
    expect(() => constant({ value: 1, extra: 2 } as never)).toThrow(/constant\.extra: expected no such option/);
    expect(() => constant({} as never)).toThrow(/constant\.value: expected a finite number \(required\), got undefined/);
  });
});
