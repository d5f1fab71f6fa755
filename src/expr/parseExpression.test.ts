import { describe, expect, it } from 'vitest';
import { OptionError } from '../errors.js';
import { compileExpression, ExpressionError } from './parseExpression.js';

const evalAt = (src: string, epoch = 0) => compileExpression(src, ['epoch'], 'lambda')({ epoch });

describe('compileExpression (Python semantics, no eval)', () => {
  it.each([
    ['0.95 ** epoch', 2, 0.95 ** 2],
    ['-2 ** 2', 0, -4],
    ['2 ** 3 ** 2', 0, 512],
    ['2 ** -1', 0, 0.5],
    ['epoch // 30', 65, 2],
    ['-7 // 2', 0, -4],
    ['-7 % 3', 0, 2],
    ['7.5 % -2', 0, -0.5],
    ['min(1.0, (epoch + 1) / 5)', 2, 0.6],
    ['max(0.1, 1 - epoch / 10, 0.2)', 20, 0.2],
    ['0.5 * (1 + cos(pi * epoch / 20))', 10, 0.5 * (1 + Math.cos((Math.PI * 10) / 20))],
    ['log(8, 2) + sqrt(16) + abs(-1) + floor(2.7) + exp(0)', 0, 3 + 4 + 1 + 2 + 1],
    ['1e-3 * .5 + 2.', 0, 2.0005],
  ])('%s at epoch %d', (src, epoch, want) => {
    expect(evalAt(src, epoch)).toBeCloseTo(want, 14);
  });

  it.each([
    ['epoh', /unknown name "epoh"/],
    ['constructor', /unknown name "constructor"/],
    ['__proto__(1)', /unknown function "__proto__"/],
    ['toString(1)', /unknown function "toString"/],
    ['(1 + 2', /expected "\)"/],
    ['1 +', /unexpected end/],
    ['2 $ 3', /unexpected character/],
    ['min(1)', /min\(\) takes 2\.\.64 arguments/],
    ['', /unexpected end/],
  ])('rejects %j with an OptionError', (src, message) => {
    expect(() => compileExpression(src, ['epoch'], 'LambdaLR.lrLambda')).toThrow(OptionError);
    expect(() => compileExpression(src, ['epoch'], 'LambdaLR.lrLambda')).toThrow(message);
  });

  it.each([
    ['1 / epoch', /division by zero/],
    ['epoch // 0', /division or modulo by zero/],
    ['sqrt(epoch - 1)', /math domain error/],
    ['(epoch - 1) ** 0.5', /fractional power/],
    ['10 ** 400', /evaluated to Infinity/],
  ])('raises where Python raises: %s', (src, message) => {
    expect(() => evalAt(src, 0)).toThrow(ExpressionError);
    expect(() => evalAt(src, 0)).toThrow(message);
  });

  it('refuses absurdly long or deeply nested input instead of hanging', () => {
    expect(() => compileExpression('1+'.repeat(2000) + '1', ['x'], 'f')).toThrow(OptionError);
    expect(() => compileExpression('('.repeat(150) + '1' + ')'.repeat(150), ['x'], 'f')).toThrow(/nested too deeply/);
  });
});
