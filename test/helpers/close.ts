import { expect } from 'vitest';

/**
 * Asserts |actual - expected| <= rel * scale, with scale = max(|expected|, floorScale). The floor keeps
 * values that legitimately approach 0 (end of a decay) from demanding impossible relative precision.
 */
export function expectClose(actual: number, expected: number, rel = 1e-12, floorScale = 0): void {
  const scale = Math.max(Math.abs(expected), floorScale);
  const ok = Math.abs(actual - expected) <= rel * scale || actual === expected;
  if (!ok) expect.fail(`expected ${actual} to be within ${rel} (relative) of ${expected}`);
}

/** Element-wise {@link expectClose} with an informative index. */
export function expectAllClose(actual: readonly number[], expected: readonly number[], rel = 1e-12, floorScale = 0): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((a, i) => {
    const e = expected[i] as number;
    const scale = Math.max(Math.abs(e), floorScale);
    if (!(Math.abs(a - e) <= rel * scale || a === e)) expect.fail(`index ${i}: expected ${a} to be within ${rel} (relative) of ${e}`);
  });
}
