import { describe, expect, it } from 'vitest';
import { COMBINATORS } from '../combinators/registry.js';
import * as root from '../index.js';
import { PRIMITIVES } from './registry.js';
import { schedules } from './namespace.js';

describe('one vocabulary: the schedules namespace', () => {
  it('has one member per primitive and combinator, named as its spec type, building that type', () => {
    const types = [...Object.keys(PRIMITIVES), ...Object.keys(COMBINATORS)].sort();
    expect(Object.keys(schedules).filter((k) => k !== 'preview').sort()).toEqual(types);
    for (const type of Object.keys(PRIMITIVES)) {
      const definition = PRIMITIVES[type]!;
      const build = schedules[type as keyof typeof schedules] as (o: unknown) => { spec: { type: string } };
      expect(build(definition.example).spec.type).toBe(type);
    }
  });

  it('keeps the old root names for one release as the very same functions', () => {
    for (const name of Object.keys(schedules).filter((k) => k !== 'preview')) {
      expect((root as Record<string, unknown>)[name], name).toBe(schedules[name as keyof typeof schedules]);
    }
    // sample is the deprecated name of preview; same values, plain array.
    const s = schedules.linear({ from: 1, to: 0, steps: 4 });
    expect(schedules.preview(s, 5)).toEqual(new Float64Array([1, 0.75, 0.5, 0.25, 0]));
    expect(root.sample(s, 5)).toEqual([1, 0.75, 0.5, 0.25, 0]);
    expect(() => schedules.preview(s, -1)).toThrow('preview(steps): expected a non-negative integer, got -1');
  });
});
