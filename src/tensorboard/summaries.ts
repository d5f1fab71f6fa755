/**
 * Encoders for the TensorBoard protocol buffers lrkit writes, field numbers from tensorflow's
 * `event.proto` / `summary.proto` / `tensor.proto` and tensorboard's `plugins/hparams/plugin_data.proto`.
 * Fields are written in ascending field-number order and proto3 defaults are left out, as protobuf does.
 */
import { ProtoWriter, isDefaultNumber } from './protoWriter.js';

/**
 * Event fields: wall_time = 1 (double), step = 2 (int64), file_version = 3, summary = 5,
 * source_metadata = 10 { writer = 1 } (names the program that wrote the file).
 */
export function encodeEvent(event: { wallTime: number; step?: number; fileVersion?: string; summary?: Uint8Array; sourceWriter?: string }): Uint8Array {
  const w = new ProtoWriter();
  if (!isDefaultNumber(event.wallTime)) w.double(1, event.wallTime);
  if (event.step !== undefined && event.step !== 0) w.varint(2, event.step);
  if (event.fileVersion !== undefined) w.string(3, event.fileVersion);
  if (event.summary !== undefined) w.message(5, event.summary);
  if (event.sourceWriter !== undefined && event.sourceWriter !== '') w.message(10, new ProtoWriter().string(1, event.sourceWriter).finish());
  return w.finish();
}

/** One Summary.Value: tag = 1, simple_value = 2 (float), histo = 5, tensor = 8, metadata = 9. */
export type SummaryValue =
  | { tag: string; simpleValue: number }
  | { tag: string; histogram: HistogramData }
  | { tag: string; tensor: Uint8Array; metadata: Uint8Array };

/** A Summary holding `values` (Summary.value = 1, repeated). */
export function encodeSummary(values: SummaryValue[]): Uint8Array {
  const w = new ProtoWriter();
  for (const value of values) {
    const v = new ProtoWriter().string(1, value.tag);
    if ('simpleValue' in value) v.float(2, value.simpleValue);
    else if ('histogram' in value) v.message(5, encodeHistogram(value.histogram));
    else v.message(8, value.tensor).message(9, value.metadata);
    w.message(1, v.finish());
  }
  return w.finish();
}

/** HistogramProto contents; `bucketLimit[i]` is the right edge of bucket i. */
export interface HistogramData {
  min: number;
  max: number;
  num: number;
  sum: number;
  sumSquares: number;
  bucketLimit: number[];
  bucket: number[];
}

/** HistogramProto: min 1, max 2, num 3, sum 4, sum_squares 5 (doubles), bucket_limit 6, bucket 7 (packed doubles). */
export function encodeHistogram(h: HistogramData): Uint8Array {
  const w = new ProtoWriter();
  if (!isDefaultNumber(h.min)) w.double(1, h.min);
  if (!isDefaultNumber(h.max)) w.double(2, h.max);
  if (!isDefaultNumber(h.num)) w.double(3, h.num);
  if (!isDefaultNumber(h.sum)) w.double(4, h.sum);
  if (!isDefaultNumber(h.sumSquares)) w.double(5, h.sumSquares);
  if (h.bucketLimit.length > 0) w.packedDoubles(6, h.bucketLimit);
  if (h.bucket.length > 0) w.packedDoubles(7, h.bucket);
  return w.finish();
}

/** SummaryMetadata { plugin_data = 1 { plugin_name = 1, content = 2 } }. */
export function encodePluginMetadata(pluginName: string, content: Uint8Array): Uint8Array {
  const plugin = new ProtoWriter().string(1, pluginName);
  if (content.length > 0) plugin.bytes(2, content);
  return new ProtoWriter().message(1, plugin.finish()).finish();
}

const DT_FLOAT = 1;
const DT_STRING = 7;

/** TensorShapeProto { dim = 2 { size = 1 } } for a rank-1 shape. */
function vectorShape(size: number): Uint8Array {
  const dim = new ProtoWriter();
  if (size !== 0) dim.varint(1, size);
  return new ProtoWriter().message(2, dim.finish()).finish();
}

/** A string tensor of shape [1] (TensorProto: dtype 1, tensor_shape 2, string_val 8), as the text plugin reads. */
export function encodeStringTensor(text: string): Uint8Array {
  return new ProtoWriter().varint(1, DT_STRING).message(2, vectorShape(1)).string(8, text).finish();
}

/** The hparams plugin's placeholder tensor: an empty float vector (its summaries carry data in the metadata). */
export const NULL_TENSOR = new ProtoWriter().varint(1, DT_FLOAT).message(2, vectorShape(0)).finish();

/** A hyperparameter value as google.protobuf.Value: number_value 2, string_value 3, bool_value 4. */
export type HparamValue = number | string | boolean;

function encodeProtobufValue(value: HparamValue): Uint8Array {
  const w = new ProtoWriter();
  // Value's kind is a oneof, so even 0, "" and false are written.
  if (typeof value === 'number') w.double(2, value);
  else if (typeof value === 'string') w.string(3, value);
  else w.varint(4, value ? 1 : 0);
  return w.finish();
}

const UTF8 = new TextEncoder();

/**
 * HParamsPluginData { version = 1 (0, left out), session_start_info = 3 { hparams = 1 (map), group_name = 4,
 * start_time_secs = 5 } }. Map entries are written in key byte order, as protobuf's deterministic mode does.
 */
export function encodeSessionStartInfo(hparams: Record<string, HparamValue>, groupName: string, startTimeSecs: number): Uint8Array {
  const info = new ProtoWriter();
  const keys = Object.keys(hparams).sort((a, b) => Buffer.compare(UTF8.encode(a), UTF8.encode(b)));
  for (const key of keys) {
    info.message(1, new ProtoWriter().string(1, key).message(2, encodeProtobufValue(hparams[key] as HparamValue)).finish());
  }
  if (groupName !== '') info.string(4, groupName);
  if (!isDefaultNumber(startTimeSecs)) info.double(5, startTimeSecs);
  return new ProtoWriter().message(3, info.finish()).finish();
}

/** HParamsPluginData { session_end_info = 4 { status = 1 (SUCCESS = 1), end_time_secs = 2 } }. */
export function encodeSessionEndInfo(status: 'success' | 'failure' | 'running', endTimeSecs: number): Uint8Array {
  const code = { success: 1, failure: 2, running: 3 }[status];
  const info = new ProtoWriter().varint(1, code);
  if (!isDefaultNumber(endTimeSecs)) info.double(2, endTimeSecs);
  return new ProtoWriter().message(4, info.finish()).finish();
}
