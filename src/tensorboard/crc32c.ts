/**
 * CRC-32C (Castagnoli, reflected polynomial 0x82F63B78) and the "masked" form TFRecord stores, so a file that
 * itself contains CRCs does not checksum to trivial values. Written here rather than imported: the npm options are
 * a native addon (fast-crc32c, @node-rs/crc32) or pull in an SDK (@aws-crypto/crc32c -> @aws-sdk/types, tslib), and
 * Node 20's zlib has no CRC-32C. TensorBoard's own Python fallback is the same table-driven loop.
 */

const TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32C of `bytes`, as an unsigned 32-bit integer. */
export function crc32c(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) crc = (TABLE[(crc ^ (bytes[i] as number)) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** TFRecord's masked CRC: rotate right by 15 bits and add 0xa282ead8 (mod 2^32). */
export function maskedCrc32c(bytes: Uint8Array): number {
  const crc = crc32c(bytes);
  return ((((crc >>> 15) | (crc << 17)) >>> 0) + 0xa282ead8) >>> 0;
}
