/**
 * TFRecord framing, the container of TensorBoard's `events.out.tfevents.*` files. Each record:
 *   uint64 length (little-endian) · uint32 masked CRC-32C of those 8 bytes · data · uint32 masked CRC-32C of data
 * A bad length CRC means the framing itself can no longer be trusted: reading stops. A bad data
 * CRC skips that one record.
 */
import { maskedCrc32c } from './masked-crc32c.js';

/** A record this large is a corrupt length, not data (TensorBoard events are kilobytes). */
const MAX_RECORD_BYTES = 256 * 1024 * 1024;

export type FramingProblem = { kind: 'bad-length'; at: number } | { kind: 'bad-data'; at: number };

export class TFRecordReader {
  private pending: Buffer = Buffer.alloc(0);
  private broken = false;
  /** Offset just after the last complete record. */
  offset: number;

  constructor(startOffset = 0) {
    this.offset = startOffset;
  }

  /** The data of each complete record in `chunk` (and bytes held from before). */
  push(chunk: Buffer, onProblem: (problem: FramingProblem) => void): Buffer[] {
    if (this.broken) return [];
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const records: Buffer[] = [];
    let at = 0;
    while (this.pending.length - at >= 12) {
      const header = this.pending.subarray(at, at + 8);
      if (this.pending.readUInt32LE(at + 8) !== maskedCrc32c(header)) {
        this.broken = true;
        onProblem({ kind: 'bad-length', at: this.offset });
        break;
      }
      const length = Number(this.pending.readBigUInt64LE(at));
      if (length > MAX_RECORD_BYTES) {
        this.broken = true;
        onProblem({ kind: 'bad-length', at: this.offset });
        break;
      }
      const end = at + 12 + length + 4;
      if (this.pending.length < end) break;
      const data = this.pending.subarray(at + 12, at + 12 + length);
      if (this.pending.readUInt32LE(at + 12 + length) === maskedCrc32c(data)) records.push(data);
      else onProblem({ kind: 'bad-data', at: this.offset });
      this.offset += end - at;
      at = end;
    }
    this.pending = this.broken ? Buffer.alloc(0) : this.pending.subarray(at);
    return records;
  }

  /** Bytes left over that do not make a whole record (a record still being written, or a cut file). */
  get leftover(): number {
    return this.pending.length;
  }
}

/** One record framed as TFRecord (how TensorBoard writers append to an events file). */
export function frameRecord(data: Uint8Array): Buffer {
  const header = Buffer.alloc(8);
  header.writeBigUInt64LE(BigInt(data.length));
  const out = Buffer.alloc(12 + data.length + 4);
  header.copy(out, 0);
  out.writeUInt32LE(maskedCrc32c(header), 8);
  out.set(data, 12);
  out.writeUInt32LE(maskedCrc32c(data), 12 + data.length);
  return out;
}
