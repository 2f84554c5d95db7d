/**
 * Table-driven CRC-32 for any reflected polynomial: IEEE (zlib, Python's binascii.crc32, and so
 * Optuna's trial hashing) and Castagnoli (CRC-32C, TFRecord framing) differ only in it.
 * Written out because zlib.crc32 only exists from Node 20.15, and sweeptop supports Node 20.
 */
export function reflectedCrc32(polynomial: number): (bytes: Uint8Array) => number {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? polynomial ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return (bytes) => {
    let crc = 0xffffffff;
    for (let i = 0; i < bytes.length; i++) crc = table[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
    return (crc ^ 0xffffffff) >>> 0;
  };
}

/** CRC-32 (IEEE), bit-identical to zlib's and Python's `binascii.crc32`. */
export const crc32 = reflectedCrc32(0xedb88320);

/** CRC-32C (Castagnoli). */
export const crc32c = reflectedCrc32(0x82f63b78);
