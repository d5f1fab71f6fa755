import { maskedCrc32c } from './crc32c.js';

/**
 * One TFRecord: uint64 length (little-endian), masked CRC-32C of those 8 bytes, the data, masked CRC-32C of the
 * data. A reader that meets a short or bad-CRC record stops there, so appending whole records keeps every earlier
 * record readable even if the process dies in the middle of a write.
 */
export function frameRecord(data: Uint8Array): Buffer {
  const out = Buffer.allocUnsafe(data.length + 16);
  out.writeBigUInt64LE(BigInt(data.length), 0);
  out.writeUInt32LE(maskedCrc32c(out.subarray(0, 8)), 8);
  out.set(data, 12);
  out.writeUInt32LE(maskedCrc32c(data), 12 + data.length);
  return out;
}

/** Result of {@link readRecords}: the complete, checksum-valid records and where reading stopped. */
export interface RecordScan {
  records: Buffer[];
  /** Byte offset just past the last good record. */
  end: number;
  /** Why reading stopped before the end of the buffer ('truncated' or 'bad-crc'), or null at a clean end. */
  stop: 'truncated' | 'bad-crc' | null;
}

/** Reads TFRecords from a buffer, verifying both CRCs of each, stopping at the first short or corrupt one. */
export function readRecords(buffer: Buffer): RecordScan {
  const records: Buffer[] = [];
  let offset = 0;
  while (offset < buffer.length) {
    if (offset + 12 > buffer.length) return { records, end: offset, stop: 'truncated' };
    const header = buffer.subarray(offset, offset + 8);
    if (buffer.readUInt32LE(offset + 8) !== maskedCrc32c(header)) return { records, end: offset, stop: 'bad-crc' };
    const length = Number(buffer.readBigUInt64LE(offset));
    if (offset + 16 + length > buffer.length) return { records, end: offset, stop: 'truncated' };
    const data = buffer.subarray(offset + 12, offset + 12 + length);
    if (buffer.readUInt32LE(offset + 12 + length) !== maskedCrc32c(data)) return { records, end: offset, stop: 'bad-crc' };
    records.push(data);
    offset += 16 + length;
  }
  return { records, end: offset, stop: null };
}
