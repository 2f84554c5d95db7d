/**
 * The "masked" CRC-32C TFRecord files store: TensorFlow rotates and offsets the CRC so that a CRC
 * of data that itself contains CRCs is not degenerate.
 */
import { crc32c } from '../../../plugin-api/crc32.js';

export function maskedCrc32c(data: Uint8Array): number {
  const crc = crc32c(data);
  return ((((crc >>> 15) | (crc << 17)) >>> 0) + 0xa282ead8) >>> 0;
}
