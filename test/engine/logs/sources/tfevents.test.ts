import { describe, expect, it } from 'vitest';
import { crc32c } from '../../../../src/plugin-api/crc32.js';
import { maskedCrc32c } from '../../../../src/engine/logs/sources/masked-crc32c.js';
import { frameRecord } from '../../../../src/engine/logs/sources/tfrecord.js';
import { EventMessage } from '../../../../src/engine/logs/sources/tensorboard-proto.js';
import { TfEventsParser } from '../../../../src/engine/logs/sources/tfevents.js';

/** Event{wall_time: 1.5, step: 3, summary: {value: [{tag: "loss", simple_value: 0.5}]}}, encoded by hand from the protobuf wire format. */
const HAND_ENCODED_EVENT = Buffer.from([
  0x09,
  0,
  0,
  0,
  0,
  0,
  0,
  0xf8,
  0x3f, // field 1 (double) 1.5
  0x10,
  0x03, // field 2 (varint) 3
  0x2a,
  0x0d, // field 5 (summary), 13 bytes
  0x0a,
  0x0b, // Summary.value, 11 bytes
  0x0a,
  0x04,
  0x6c,
  0x6f,
  0x73,
  0x73, // tag "loss"
  0x15,
  0,
  0,
  0,
  0x3f, // simple_value (float) 0.5
]);

const event = (fields: Record<string, unknown>) => Buffer.from(EventMessage.encode(EventMessage.create(fields)).finish());

function parse(bytes: Buffer, pieces = 1) {
  const problems: string[] = [];
  const parser = new TfEventsParser({ fillSteps: true, onProblem: (m) => problems.push(m) });
  const points = [];
  const size = Math.ceil(bytes.length / pieces);
  for (let at = 0; at < bytes.length; at += size) points.push(...parser.push(bytes.subarray(at, at + size)));
  points.push(...parser.end());
  return { points, problems, offset: parser.offset };
}

describe('CRC-32C', () => {
  it('matches the standard check value and TensorFlow masking', () => {
    expect(crc32c(Buffer.from('123456789'))).toBe(0xe3069283);
    const crc = 0xe3069283;
    expect(maskedCrc32c(Buffer.from('123456789'))).toBe(((((crc >>> 15) | (crc << 17)) >>> 0) + 0xa282ead8) >>> 0);
  });
});

describe('TfEventsParser', () => {
  it('reads a hand-encoded event in TFRecord framing', () => {
    const file = Buffer.concat([frameRecord(event({ wall_time: 1, file_version: 'brain.Event:2' })), frameRecord(HAND_ENCODED_EVENT)]);
    expect(parse(file, 5).points).toEqual([{ name: 'loss', step: 3, value: 0.5 }]);
  });

  it('reads simple_value and one-element float, double, int64, half and tensor_content tensors; skips text and vectors', () => {
    const half = Buffer.alloc(2);
    half.writeUInt16LE(0x3c00); // 1.0 in IEEE half
    const content = Buffer.alloc(4);
    content.writeFloatLE(0.25);
    const file = Buffer.concat(
      [
        event({ step: 1, summary: { value: [{ tag: 'a', simple_value: 2 }] } }),
        event({ step: 2, summary: { value: [{ tag: 'b', tensor: { dtype: 1, tensor_shape: {}, float_val: [0.5] } }] } }),
        event({
          step: 3,
          summary: { value: [{ tag: 'c', tensor: { dtype: 2, tensor_shape: { dim: [{ size: 1 }] }, double_val: [0.125] } }] },
        }),
        event({ step: 4, summary: { value: [{ tag: 'd', tensor: { dtype: 9, tensor_shape: {}, int64_val: [7] } }] } }),
        event({ step: 5, summary: { value: [{ tag: 'e', tensor: { dtype: 19, tensor_shape: {}, half_val: [0x3c00] } }] } }),
        event({ step: 6, summary: { value: [{ tag: 'f', tensor: { dtype: 1, tensor_shape: {}, tensor_content: content } }] } }),
        event({ step: 7, summary: { value: [{ tag: 'text', tensor: { dtype: 7, tensor_shape: {}, string_val: [Buffer.from('hi')] } }] } }),
        event({
          step: 8,
          summary: { value: [{ tag: 'vec', tensor: { dtype: 1, tensor_shape: { dim: [{ size: 2 }] }, float_val: [1, 2] } }] },
        }),
        event({ step: 9000000000, summary: { value: [{ tag: 'g', simple_value: NaN }] } }),
      ].map(frameRecord),
    );
    expect(parse(file, 13).points).toEqual([
      { name: 'a', step: 1, value: 2 },
      { name: 'b', step: 2, value: 0.5 },
      { name: 'c', step: 3, value: 0.125 },
      { name: 'd', step: 4, value: 7 },
      { name: 'e', step: 5, value: 1 },
      { name: 'f', step: 6, value: 0.25 },
      { name: 'g', step: 9000000000, value: NaN },
    ]);
  });

  it('skips a record whose data CRC is wrong and reports it once', () => {
    const good = (step: number) => frameRecord(event({ step, summary: { value: [{ tag: 'x', simple_value: step }] } }));
    const bad = (step: number) => {
      const record = good(step);
      record[14] ^= 0x01; // a data byte: the data CRC no longer matches
      return record;
    };
    const { points, problems } = parse(Buffer.concat([good(1), bad(2), bad(3), good(4)]));
    expect(points.map((p) => p.step)).toEqual([1, 4]);
    expect(problems).toEqual([expect.stringMatching(/^corrupt record at byte \d+ \(data CRC mismatch\); skipped$/)]);
  });

  it('stops at a corrupt length, and reports an incomplete last record, once each', () => {
    const good = frameRecord(event({ step: 1, summary: { value: [{ tag: 'x', simple_value: 1 }] } }));
    const badLength = Buffer.from(good);
    badLength[0] ^= 0x01;
    const first = parse(Buffer.concat([good, badLength, good]));
    expect(first.points).toHaveLength(1);
    expect(first.problems).toEqual([`corrupt record length at byte ${good.length} (CRC mismatch); the rest of the file is not read`]);
    const cut = parse(Buffer.concat([good, good.subarray(0, 20)]));
    expect(cut.points).toHaveLength(1);
    expect(cut.offset).toBe(good.length);
    expect(cut.problems).toEqual(['the last record is incomplete (20 bytes); it may still be being written']);
  });
});
