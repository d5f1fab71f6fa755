/**
 * A tiny protobuf reader for tests: decodes the Event fields lrkit writes (wall_time, step, file_version, and each
 * summary value's tag and simple_value), enough to check what a writer produced without Python.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readRecords } from '../../src/tensorboard/tfrecord.js';

export interface DecodedEvent {
  wallTime: number;
  step: number;
  fileVersion?: string;
  values: Array<{ tag: string; simpleValue?: number; kind: 'scalar' | 'histogram' | 'tensor' }>;
}

type Field = { field: number; wire: number; value: bigint | Buffer };

function fields(buf: Buffer): Field[] {
  const out: Field[] = [];
  let i = 0;
  const varint = (): bigint => {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      const byte = buf[i++] as number;
      result |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return result;
      shift += 7n;
    }
  };
  while (i < buf.length) {
    const key = Number(varint());
    const field = key >>> 3;
    const wire = key & 7;
    if (wire === 0) out.push({ field, wire, value: varint() });
    else if (wire === 1) out.push({ field, wire, value: buf.subarray(i, (i += 8)) });
    else if (wire === 5) out.push({ field, wire, value: buf.subarray(i, (i += 4)) });
    else if (wire === 2) {
      const n = Number(varint());
      out.push({ field, wire, value: buf.subarray(i, (i += n)) });
    } else throw new Error(`wire type ${wire}`);
  }
  return out;
}

export function decodeEvent(record: Buffer): DecodedEvent {
  const event: DecodedEvent = { wallTime: 0, step: 0, values: [] };
  for (const f of fields(record)) {
    if (f.field === 1) event.wallTime = (f.value as Buffer).readDoubleLE(0);
    if (f.field === 2) event.step = Number(BigInt.asIntN(64, f.value as bigint));
    if (f.field === 3) event.fileVersion = (f.value as Buffer).toString('utf8');
    if (f.field === 5) {
      for (const v of fields(f.value as Buffer)) {
        const parts = fields(v.value as Buffer);
        const tag = (parts.find((p) => p.field === 1)?.value as Buffer).toString('utf8');
        const simple = parts.find((p) => p.field === 2);
        if (simple !== undefined) event.values.push({ tag, simpleValue: (simple.value as Buffer).readFloatLE(0), kind: 'scalar' });
        else event.values.push({ tag, kind: parts.some((p) => p.field === 5) ? 'histogram' : 'tensor' });
      }
    }
  }
  return event;
}

/** Every event of the single event file in `dir`. */
export function readEventDir(dir: string): DecodedEvent[] {
  const names = readdirSync(dir).filter((n) => n.startsWith('events.out.tfevents.'));
  if (names.length !== 1) throw new Error(`${dir}: ${names.length} event files`);
  const scan = readRecords(readFileSync(join(dir, names[0] as string)));
  if (scan.stop !== null) throw new Error(`${dir}: ${scan.stop}`);
  return scan.records.map(decodeEvent);
}
