/**
 * The part of TensorFlow's Event / Summary / TensorProto messages that carries scalars, read with
 * protobufjs from a schema parsed at start-up (field numbers as in tensorflow/core/util/event.proto,
 * framework/summary.proto, tensor.proto, tensor_shape.proto). Scalars come from `simple_value`
 * (PyTorch's SummaryWriter, TF1) and from one-element numeric tensors (TF2 `tf.summary.scalar`).
 */
import protobuf from 'protobufjs';

const SCHEMA = `
syntax = "proto3";
package tensorboard;

message Event {
  double wall_time = 1;
  int64 step = 2;
  oneof what {
    string file_version = 3;
    bytes graph_def = 4;
    Summary summary = 5;
  }
}

message Summary {
  message Value {
    string node_name = 7;
    string tag = 1;
    SummaryMetadata metadata = 9;
    oneof value {
      float simple_value = 2;
      bytes obsolete_old_style_histogram = 3;
      bytes image = 4;
      bytes histo = 5;
      bytes audio = 6;
      TensorProto tensor = 8;
    }
  }
  repeated Value value = 1;
}

message SummaryMetadata {
  message PluginData {
    string plugin_name = 1;
    bytes content = 2;
  }
  PluginData plugin_data = 1;
  string display_name = 2;
  string summary_description = 3;
  int32 data_class = 4;
}

message TensorShapeProto {
  message Dim {
    int64 size = 1;
    string name = 2;
  }
  repeated Dim dim = 2;
  bool unknown_rank = 3;
}

message TensorProto {
  int32 dtype = 1;
  TensorShapeProto tensor_shape = 2;
  int32 version_number = 3;
  bytes tensor_content = 4;
  repeated int32 half_val = 13;
  repeated float float_val = 5;
  repeated double double_val = 6;
  repeated int32 int_val = 7;
  repeated bytes string_val = 8;
  repeated int64 int64_val = 10;
  repeated bool bool_val = 11;
  repeated uint32 uint32_val = 16;
  repeated uint64 uint64_val = 17;
}
`;

const root = protobuf.parse(SCHEMA, { keepCase: true }).root;
/** The Event message type, exported so that tests write event files with the same schema. */
export const EventMessage = root.lookupType('tensorboard.Event');

/** tensorflow/core/framework/types.proto */
const DT = {
  FLOAT: 1,
  DOUBLE: 2,
  INT32: 3,
  UINT8: 4,
  INT16: 5,
  INT8: 6,
  INT64: 9,
  BFLOAT16: 14,
  UINT16: 17,
  HALF: 19,
  UINT32: 22,
  UINT64: 23,
};

interface TensorObject {
  dtype?: number;
  tensor_shape?: { dim?: Array<{ size?: number }> };
  tensor_content?: Uint8Array;
  half_val?: number[];
  float_val?: number[];
  double_val?: number[];
  int_val?: number[];
  int64_val?: number[];
  uint32_val?: number[];
  uint64_val?: number[];
}

interface EventObject {
  step?: number;
  summary?: { value?: Array<{ tag?: string; simple_value?: number; tensor?: TensorObject }> };
}

export interface Scalar {
  tag: string;
  step: number;
  value: number;
}

/** The scalars of one serialized Event; throws when the bytes are not an Event. */
export function scalarsOfEvent(data: Uint8Array): Scalar[] {
  const message = EventMessage.decode(data);
  const event = EventMessage.toObject(message, { longs: Number, oneofs: false }) as EventObject;
  const step = event.step ?? 0;
  const scalars: Scalar[] = [];
  for (const value of event.summary?.value ?? []) {
    if (!value.tag) continue;
    const number = value.simple_value ?? (value.tensor ? scalarOfTensor(value.tensor) : undefined);
    if (number !== undefined) scalars.push({ tag: value.tag, step, value: number });
  }
  return scalars;
}

/** The value of a numeric tensor with exactly one element; undefined for anything else. */
function scalarOfTensor(tensor: TensorObject): number | undefined {
  const size = (tensor.tensor_shape?.dim ?? []).reduce((n, dim) => n * (dim.size ?? 0), 1);
  if (size !== 1) return undefined;
  const dtype = tensor.dtype ?? 0;
  const listed =
    tensor.float_val?.[0] ??
    tensor.double_val?.[0] ??
    tensor.int_val?.[0] ??
    tensor.int64_val?.[0] ??
    tensor.uint32_val?.[0] ??
    tensor.uint64_val?.[0];
  if (listed !== undefined && dtype !== DT.HALF && dtype !== DT.BFLOAT16) return listed;
  const half = tensor.half_val?.[0];
  if (half !== undefined) return dtype === DT.BFLOAT16 ? bfloat16(half) : float16(half);
  const content = tensor.tensor_content;
  if (!content || content.length === 0) return undefined;
  const bytes = Buffer.from(content.buffer, content.byteOffset, content.byteLength);
  switch (dtype) {
    case DT.FLOAT:
      return bytes.length >= 4 ? bytes.readFloatLE(0) : undefined;
    case DT.DOUBLE:
      return bytes.length >= 8 ? bytes.readDoubleLE(0) : undefined;
    case DT.INT32:
      return bytes.length >= 4 ? bytes.readInt32LE(0) : undefined;
    case DT.INT64:
      return bytes.length >= 8 ? Number(bytes.readBigInt64LE(0)) : undefined;
    case DT.HALF:
      return bytes.length >= 2 ? float16(bytes.readUInt16LE(0)) : undefined;
    case DT.BFLOAT16:
      return bytes.length >= 2 ? bfloat16(bytes.readUInt16LE(0)) : undefined;
    default:
      return undefined;
  }
}

function float16(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 0x1f) return fraction ? NaN : sign * Infinity;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}

function bfloat16(bits: number): number {
  const buffer = Buffer.alloc(4);
  buffer.writeUInt32LE(((bits & 0xffff) << 16) >>> 0);
  return buffer.readFloatLE(0);
}
