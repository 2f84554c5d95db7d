/**
 * CRC-32 (IEEE, as zlib and Python's binascii.crc32 compute it) of a string's UTF-8 bytes.
 * Hyperband hashes trial ids with it exactly as Optuna does, so brackets can be reproduced.
 * Written out because zlib.crc32 only exists from Node 20.15.
 */
const TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(text: string): number {
  let crc = 0xffffffff;
  for (const byte of new TextEncoder().encode(text)) {
    crc = TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  }
  return (crc ^ 0xffffffff) >>> 0;
}
