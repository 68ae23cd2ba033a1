import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';

/** The flexible checksums S3 accepts on upload, by their `x-amz-checksum-*` header suffix. */
export const CHECKSUM_ALGORITHMS = {
  crc32: 'CRC32',
  crc32c: 'CRC32C',
  crc64nvme: 'CRC64NVME',
  sha1: 'SHA1',
  sha256: 'SHA256',
} as const;

/** A header suffix of a flexible checksum: `crc32` for `x-amz-checksum-crc32`. */
export type ChecksumName = keyof typeof CHECKSUM_ALGORITHMS;

/** Whether a header suffix names a checksum S3 knows. */
export function isChecksumName(name: string): name is ChecksumName {
  return Object.hasOwn(CHECKSUM_ALGORITHMS, name);
}

/** The checksum of a body as S3 writes it in `x-amz-checksum-*`: the digest's bytes, base64. */
export function checksumOf(name: ChecksumName, body: Buffer): string {
  switch (name) {
    case 'crc32':
      return uint32Base64(crc32(body));
    case 'crc32c':
      return uint32Base64(crc32c(body));
    case 'crc64nvme':
      return uint64Base64(crc64nvme(body));
    case 'sha1':
    case 'sha256':
      return createHash(name).update(body).digest('base64');
  }
}

// Castagnoli CRC-32 (reflected polynomial 0x82F63B78); zlib only has the IEEE one.
const CRC32C_TABLE = Uint32Array.from({ length: 256 }, (_, index) => {
  let crc = index;
  for (let bit = 0; bit < 8; bit += 1) crc = crc & 1 ? (crc >>> 1) ^ 0x82f63b78 : crc >>> 1;
  return crc >>> 0;
});

function crc32c(body: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of body) crc = CRC32C_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

// CRC-64/NVME (reflected polynomial 0x9A6C9329AC4BC9B5), S3's default checksum since 2024.
const CRC64_POLYNOMIAL = 0x9a6c9329ac4bc9b5n;
const CRC64_MASK = 0xffffffffffffffffn;
const CRC64_TABLE = Array.from({ length: 256 }, (_, index) => {
  let crc = BigInt(index);
  for (let bit = 0; bit < 8; bit += 1) crc = crc & 1n ? (crc >> 1n) ^ CRC64_POLYNOMIAL : crc >> 1n;
  return crc;
});

function crc64nvme(body: Buffer): bigint {
  let crc = CRC64_MASK;
  for (const byte of body) crc = CRC64_TABLE[Number((crc ^ BigInt(byte)) & 0xffn)]! ^ (crc >> 8n);
  return crc ^ CRC64_MASK;
}

function uint32Base64(value: number): string {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(value >>> 0);
  return bytes.toString('base64');
}

function uint64Base64(value: bigint): string {
  const bytes = Buffer.alloc(8);
  bytes.writeBigUInt64BE(value);
  return bytes.toString('base64');
}
