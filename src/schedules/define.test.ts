import { describe, expect, it } from 'vitest';
import { checkOption, describeType } from './define.js';
import { PRIMITIVES } from './registry.js';

describe('option definitions', () => {
  it('describe their types for messages', () => {
    expect(describeType({ kind: 'number', min: 0, max: 1, minExclusive: true })).toBe('a number in (0, 1]');
    expect(describeType({ kind: 'enum', values: ['a', 'b'] })).toBe('one of "a", "b"');
  });
  it('validate list entries with their index', () => {
    expect(() => checkOption('x.m', [1, 'two'], { kind: 'numberList' })).toThrow('x.m[1]: expected a finite number, got "two"');
  });
  it('every primitive documents every option and has a unique type', () => {
    for (const [type, def] of Object.entries(PRIMITIVES)) {
      expect(def.type).toBe(type);
      expect(def.doc.length).toBeGreaterThan(10);
      for (const option of Object.values(def.options)) expect(option.doc.length).toBeGreaterThan(3);
    }
  });
});
