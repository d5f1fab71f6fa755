/**
 * A minimal protocol-buffer *encoder* for the handful of TensorBoard messages lrkit writes (Event, Summary,
 * HistogramProto, TensorProto, the HParams plugin data). Callers emit fields in ascending field-number order and
 * skip proto3 defaults themselves, which is what makes the output byte-identical to protobuf's own serializer
 * (checked against files written by PyTorch). Kept in-house so the `lrkit` package stays free of runtime
 * dependencies; only three wire types are needed.
 */

const WIRE_VARINT = 0;
const WIRE_FIXED64 = 1;
const WIRE_BYTES = 2;
const WIRE_FIXED32 = 5;
const UTF8 = new TextEncoder();

export class ProtoWriter {
  private chunks: Uint8Array[] = [];
  private length = 0;

  private push(bytes: Uint8Array): this {
    this.chunks.push(bytes);
    this.length += bytes.length;
    return this;
  }

  private tag(field: number, wire: number): this {
    return this.rawVarint(field * 8 + wire);
  }

  /** Unsigned LEB128; negative int64 values are encoded as their 64-bit two's complement (ten bytes). */
  private rawVarint(value: number | bigint): this {
    if (typeof value === 'number' && value >= 0 && value <= 0x7fffffff) {
      // Fast path for tags, lengths and ordinary steps: plain 32-bit arithmetic.
      const bytes: number[] = [];
      let v = value;
      while (v > 0x7f) {
        bytes.push((v & 0x7f) | 0x80);
        v >>>= 7;
      }
      bytes.push(v);
      return this.push(Uint8Array.from(bytes));
    }
    let v = BigInt.asUintN(64, BigInt(value));
    const bytes: number[] = [];
    do {
      let byte = Number(v & 0x7fn);
      v >>= 7n;
      if (v !== 0n) byte |= 0x80;
      bytes.push(byte);
    } while (v !== 0n);
    return this.push(Uint8Array.from(bytes));
  }

  /** int32 / int64 / enum / bool field (negative values take ten bytes, as protobuf encodes them). */
  varint(field: number, value: number | bigint): this {
    return this.tag(field, WIRE_VARINT).rawVarint(value);
  }

  double(field: number, value: number): this {
    const bytes = new Uint8Array(8);
    new DataView(bytes.buffer).setFloat64(0, value, true);
    return this.tag(field, WIRE_FIXED64).push(bytes);
  }

  /** float field: the value is rounded to float32, as TensorBoard's `simple_value` stores it. */
  float(field: number, value: number): this {
    const bytes = new Uint8Array(4);
    new DataView(bytes.buffer).setFloat32(0, value, true);
    return this.tag(field, WIRE_FIXED32).push(bytes);
  }

  bytes(field: number, value: Uint8Array): this {
    return this.tag(field, WIRE_BYTES).rawVarint(value.length).push(value);
  }

  string(field: number, value: string): this {
    return this.bytes(field, UTF8.encode(value));
  }

  /** An embedded message: its encoded bytes, length-prefixed. */
  message(field: number, encoded: Uint8Array): this {
    return this.bytes(field, encoded);
  }

  /** `repeated double` in proto3's default packed form. */
  packedDoubles(field: number, values: ArrayLike<number>): this {
    const bytes = new Uint8Array(values.length * 8);
    const view = new DataView(bytes.buffer);
    for (let i = 0; i < values.length; i++) view.setFloat64(i * 8, values[i] as number, true);
    return this.bytes(field, bytes);
  }

  finish(): Uint8Array {
    const out = new Uint8Array(this.length);
    let offset = 0;
    for (const chunk of this.chunks) {
      out.set(chunk, offset);
      offset += chunk.length;
    }
    return out;
  }
}

/** proto3 leaves a scalar field out when it holds its default; protobuf tests the bits, so -0.0 is written. */
export function isDefaultNumber(value: number): boolean {
  return Object.is(value, 0);
}
