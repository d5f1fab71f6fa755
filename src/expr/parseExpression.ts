import { LrkitError, OptionError, type Where } from '../errors.js';

/**
 * A safe arithmetic expression language for lambdas that must live in JSON (specs, URLs, state):
 * numbers, the allowed variables, `+ - * / // % **`, parentheses, unary minus, `pi`, and the
 * functions min, max, abs, floor, ceil, sqrt, exp, log, cos, sin, tan. It follows Python's precedence and
 * arithmetic (`**` is right-associative and binds tighter than unary minus; `//` and `%` floor), so the
 * same string means the same thing in a PyTorch script. Never uses `eval` or `Function`.
 */
export type CompiledExpression = (vars: Readonly<Record<string, number>>) => number;

/** Raised when evaluating an expression fails where Python would raise (division by zero, domain errors, overflow). */
export class ExpressionError extends LrkitError {
  override name = 'ExpressionError';
}

type Node = (vars: Readonly<Record<string, number>>) => number;

interface Token {
  kind: 'num' | 'name' | 'op' | 'end';
  text: string;
  pos: number;
}

const MAX_LENGTH = 2000;
const MAX_DEPTH = 100;

const FUNCTIONS: Record<string, { min: number; max: number; fn: (...args: number[]) => number }> = {
  min: { min: 2, max: 64, fn: (...a) => a.reduce((m, v) => (v < m ? v : m)) },
  max: { min: 2, max: 64, fn: (...a) => a.reduce((m, v) => (v > m ? v : m)) },
  abs: { min: 1, max: 1, fn: Math.abs },
  floor: { min: 1, max: 1, fn: Math.floor },
  ceil: { min: 1, max: 1, fn: Math.ceil },
  sqrt: { min: 1, max: 1, fn: (x) => domain(x >= 0, 'sqrt', Math.sqrt(x)) },
  exp: { min: 1, max: 1, fn: Math.exp },
  log: { min: 1, max: 2, fn: (x, base) => domain(x > 0 && (base === undefined || (base > 0 && base !== 1)), 'log', base === undefined ? Math.log(x) : Math.log(x) / Math.log(base)) },
  cos: { min: 1, max: 1, fn: Math.cos },
  sin: { min: 1, max: 1, fn: Math.sin },
  tan: { min: 1, max: 1, fn: Math.tan },
};

function domain(ok: boolean, name: string, value: number): number {
  if (!ok) throw new ExpressionError(`math domain error in ${name}()`);
  return value;
}

function tokenize(source: string, option: Where): Token[] {
  const tokens: Token[] = [];
  const re = /\s*(?:(\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)|([A-Za-z_][A-Za-z_0-9]*)|(\*\*|\/\/|[-+*/%(),]))/y;
  let pos = 0;
  while (pos < source.length) {
    if (/^\s*$/.test(source.slice(pos))) break;
    re.lastIndex = pos;
    const m = re.exec(source);
    if (m === null) throw new OptionError(option, source, `a valid expression (unexpected character at position ${pos + (source.slice(pos).length - source.slice(pos).trimStart().length)})`);
    const start = m.index + (m[0].length - m[0].trimStart().length);
    if (m[1] !== undefined) tokens.push({ kind: 'num', text: m[1], pos: start });
    else if (m[2] !== undefined) tokens.push({ kind: 'name', text: m[2], pos: start });
    else tokens.push({ kind: 'op', text: m[3] as string, pos: start });
    pos = re.lastIndex;
  }
  tokens.push({ kind: 'end', text: '', pos: source.length });
  return tokens;
}

/** Python's float floor division and modulo (sign of the divisor). */
function pyMod(a: number, b: number): number {
  if (b === 0) throw new ExpressionError('integer division or modulo by zero');
  let mod = a % b;
  if (mod !== 0 && b < 0 !== mod < 0) mod += b;
  return mod;
}

function pyFloorDiv(a: number, b: number): number {
  if (b === 0) throw new ExpressionError('integer division or modulo by zero');
  const mod = a % b;
  let div = (a - mod) / b;
  if (mod !== 0 && b < 0 !== mod < 0) div -= 1;
  let floorDiv = Math.floor(div);
  if (div - floorDiv > 0.5) floorDiv += 1;
  return floorDiv;
}

function pyPow(a: number, b: number): number {
  if (a === 0 && b < 0) throw new ExpressionError('0.0 cannot be raised to a negative power');
  if (a < 0 && !Number.isInteger(b)) throw new ExpressionError('negative number cannot be raised to a fractional power');
  return a ** b;
}

/**
 * Compiles `source` into a function of the allowed variables; throws OptionError (naming `option`) on
 * syntax errors or unknown names.
 *
 * @example
 * const f = compileExpression('0.95 ** epoch', ['epoch'], 'LambdaLR.lrLambda');
 * f({ epoch: 2 }); // 0.9025
 */
export function compileExpression(source: string, variables: readonly string[], option: Where): CompiledExpression {
  if (typeof source !== 'string') throw new OptionError(option, source, 'an expression string');
  if (source.length > MAX_LENGTH) throw new OptionError(option, source, `an expression of at most ${MAX_LENGTH} characters`);
  const tokens = tokenize(source, option);
  let i = 0;
  let depth = 0;
  const peek = (): Token => tokens[i] as Token;
  const fail = (message: string): never => {
    throw new OptionError(option, source, `a valid expression (${message} at position ${peek().pos})`);
  };
  const eat = (text: string): boolean => {
    if (peek().kind === 'op' && peek().text === text) {
      i++;
      return true;
    }
    return false;
  };
  const nested = <T>(f: () => T): T => {
    if (++depth > MAX_DEPTH) fail('expression nested too deeply');
    try {
      return f();
    } finally {
      depth--;
    }
  };

  const additive = (): Node =>
    nested(() => {
      let left = multiplicative();
      for (;;) {
        if (eat('+')) {
          const l = left, r = multiplicative();
          left = (v) => l(v) + r(v);
        } else if (eat('-')) {
          const l = left, r = multiplicative();
          left = (v) => l(v) - r(v);
        } else return left;
      }
    });

  const multiplicative = (): Node => {
    let left = unary();
    for (;;) {
      const l = left;
      if (eat('*')) {
        const r = unary();
        left = (v) => l(v) * r(v);
      } else if (eat('/')) {
        const r = unary();
        left = (v) => {
          const d = r(v);
          if (d === 0) throw new ExpressionError('float division by zero');
          return l(v) / d;
        };
      } else if (eat('//')) {
        const r = unary();
        left = (v) => pyFloorDiv(l(v), r(v));
      } else if (eat('%')) {
        const r = unary();
        left = (v) => pyMod(l(v), r(v));
      } else return left;
    }
  };

  const unary = (): Node =>
    nested(() => {
      if (eat('-')) {
        const operand = unary();
        return (v) => -operand(v);
      }
      if (eat('+')) return unary();
      return power();
    });

  const power = (): Node => {
    const base = primary();
    if (eat('**')) {
      const exponent = unary();
      return (v) => pyPow(base(v), exponent(v));
    }
    return base;
  };

  const primary = (): Node => {
    const token = peek();
    if (token.kind === 'num') {
      i++;
      const value = Number(token.text);
      return () => value;
    }
    if (token.kind === 'name') {
      i++;
      if (eat('(')) {
        const spec = FUNCTIONS[token.text];
        if (spec === undefined || !Object.prototype.hasOwnProperty.call(FUNCTIONS, token.text)) {
          return fail(`unknown function ${JSON.stringify(token.text)}; known: ${Object.keys(FUNCTIONS).join(', ')}`);
        }
        const args: Node[] = [];
        if (!eat(')')) {
          do args.push(additive());
          while (eat(','));
          if (!eat(')')) fail('expected ")"');
        }
        if (args.length < spec.min || args.length > spec.max) fail(`${token.text}() takes ${spec.min === spec.max ? spec.min : `${spec.min}..${spec.max}`} arguments, got ${args.length}`);
        const fn = spec.fn;
        return (v) => fn(...args.map((a) => a(v)));
      }
      if (token.text === 'pi') return () => Math.PI;
      if (variables.includes(token.text)) {
        const name = token.text;
        return (v) => v[name] as number;
      }
      return fail(`unknown name ${JSON.stringify(token.text)}; allowed: ${[...variables, 'pi'].join(', ')}`);
    }
    if (eat('(')) {
      const inner = additive();
      if (!eat(')')) fail('expected ")"');
      return inner;
    }
    return fail(token.kind === 'end' ? 'unexpected end of expression' : `unexpected ${JSON.stringify(token.text)}`);
  };

  const root = additive();
  if (peek().kind !== 'end') fail(`unexpected ${JSON.stringify(peek().text)}`);
  return (vars) => {
    const value = root(vars);
    if (!Number.isFinite(value)) throw new ExpressionError(`expression ${JSON.stringify(source)} evaluated to ${value} for ${JSON.stringify(vars)}`);
    return value;
  };
}
