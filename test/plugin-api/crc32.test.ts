import * as zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32, crc32c } from '../../src/plugin-api/crc32.js';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('crc32', () => {
  it('matches zlib / Python binascii.crc32 (Hyperband hashes trial ids with it as Optuna does)', () => {
    // python3 -c "import binascii; print(binascii.crc32(b'abc'), binascii.crc32(b'study_7'))"
    expect(crc32(bytes('abc'))).toBe(891568578);
    expect(crc32(bytes('study_7'))).toBe(2341987007);
    expect(crc32(bytes(''))).toBe(0);
    // UTF-8 bytes: python3 -c "import binascii; print(binascii.crc32('étude_1'.encode()))"
    expect(crc32(bytes('étude_1'))).toBe(1947992406);
  });

  it('gives each polynomial its standard check value for "123456789"', () => {
    expect(crc32(bytes('123456789'))).toBe(0xcbf43926);
    expect(crc32c(bytes('123456789'))).toBe(0xe3069283);
  });

  // zlib.crc32 exists from Node 20.15 / 22.2; where it does, the two agree on any bytes
  it.skipIf(typeof (zlib as { crc32?: unknown }).crc32 !== 'function')('agrees with zlib.crc32 on arbitrary bytes', () => {
    const zlibCrc32 = (zlib as unknown as { crc32(data: Uint8Array): number }).crc32;
    const data = Uint8Array.from({ length: 4096 }, (_, i) => (i * 2654435761) >>> 24);
    for (const length of [1, 7, 255, 4096]) expect(crc32(data.subarray(0, length))).toBe(zlibCrc32(data.subarray(0, length)));
  });
});
