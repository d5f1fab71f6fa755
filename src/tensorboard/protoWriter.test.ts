import { describe, expect, it } from 'vitest';
import { ProtoWriter } from './protoWriter.js';

const hex = (w: ProtoWriter) => Buffer.from(w.finish()).toString('hex');

describe('ProtoWriter', () => {
  it('varints as in the protobuf encoding guide (150 -> 08 96 01)', () => {
    expect(hex(new ProtoWriter().varint(1, 150))).toBe('089601');
    expect(hex(new ProtoWriter().varint(2, 0))).toBe('1000');
    expect(hex(new ProtoWriter().varint(2, 2 ** 40))).toBe('10808080808020');
  });

  it('negative int64 as ten bytes of two\'s complement', () => {
    expect(hex(new ProtoWriter().varint(2, -1))).toBe('10ffffffffffffffffff01');
    expect(hex(new ProtoWriter().varint(2, -3))).toBe('10fdffffffffffffffff01');
  });

  it('fixed64 doubles, fixed32 floats rounded to float32, strings as UTF-8', () => {
    expect(hex(new ProtoWriter().double(1, 1))).toBe('09000000000000f03f');
    expect(hex(new ProtoWriter().float(2, 0.1))).toBe('15cdcccc3d');
    expect(hex(new ProtoWriter().float(2, 1e39))).toBe('150000807f');
    expect(hex(new ProtoWriter().string(1, 'ü'))).toBe('0a02c3bc');
  });

  it('packed doubles and nested messages are length-prefixed; field numbers above 15 take two tag bytes', () => {
    expect(hex(new ProtoWriter().packedDoubles(6, [1, 2]))).toBe('3210000000000000f03f0000000000000040');
    const inner = new ProtoWriter().varint(1, 1).finish();
    expect(hex(new ProtoWriter().message(16, inner))).toBe('82010208 01'.replace(' ', ''));
  });
});
