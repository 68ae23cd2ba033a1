import { createHash } from 'node:crypto';
import type { SandboxRequest } from '../types.js';
import { CHECKSUM_ALGORITHMS, type ChecksumName, checksumOf, isChecksumName } from './s3-checksums.js';
import { S3Error } from './s3-xml.js';

/** What an upload carried: the object's bytes and the flexible checksum sent with them, checked. */
export interface Upload {
  body: Buffer;
  checksum?: { name: ChecksumName; value: string };
}

// The payload modes of SigV4 for S3 that frame the body as aws-chunked.
const STREAMING_MODES = new Set([
  'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
  'STREAMING-AWS4-HMAC-SHA256-PAYLOAD',
  'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER',
  'STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD',
  'STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER',
]);
const CHECKSUM_HEADER = 'x-amz-checksum-';
// x-amz-checksum-mode / -type / -algorithm are settings, not checksum values.
const CHECKSUM_SETTINGS = new Set(['mode', 'type', 'algorithm']);

/**
 * The body of an upload as S3 reads it: aws-chunked framing decoded (what the SDK sends for a
 * stream, with the checksum in a trailer), then every integrity claim verified as S3 does:
 * `x-amz-content-sha256`, `x-amz-decoded-content-length`, `Content-MD5` and `x-amz-checksum-*`.
 */
export function uploadedBody(request: SandboxRequest): Upload {
  const { headers } = request;
  const mode = headers['x-amz-content-sha256'];
  if (mode === undefined && headers.authorization) {
    throw invalidRequest('Missing required header for this request: x-amz-content-sha256');
  }
  let body = request.body;
  let trailers: Record<string, string> = {};
  if (mode?.startsWith('STREAMING-')) {
    if (!STREAMING_MODES.has(mode)) throw invalidContentSha256();
    ({ body, trailers } = decodeAwsChunked(request.body));
    const declared = headers['x-amz-decoded-content-length'];
    if (declared === undefined) {
      throw new S3Error('MissingContentLength', 'You must provide the Content-Length HTTP header.', 411);
    }
    if (Number(declared) !== body.length) {
      throw new S3Error(
        'IncompleteBody',
        'You did not provide the number of bytes specified by the Content-Length HTTP header',
        400,
      );
    }
  } else if (mode !== undefined && mode !== 'UNSIGNED-PAYLOAD') {
    if (!/^[0-9a-f]{64}$/.test(mode)) throw invalidContentSha256();
    const computed = createHash('sha256').update(body).digest('hex');
    if (computed !== mode) {
      throw new S3Error(
        'XAmzContentSHA256Mismatch',
        "The provided 'x-amz-content-sha256' header does not match what was computed.",
        400,
        { ClientComputedContentSHA256: mode, S3ComputedContentSHA256: computed },
      );
    }
  }
  verifyContentMd5(headers['content-md5'], body);
  const checksum = declaredChecksum(headers, trailers);
  if (checksum && checksumOf(checksum.name, body) !== checksum.value) {
    throw new S3Error(
      'BadDigest',
      `The ${CHECKSUM_ALGORITHMS[checksum.name]} you specified did not match the calculated checksum.`,
      400,
    );
  }
  return checksum ? { body, checksum } : { body };
}

/**
 * Decodes aws-chunked framing: `hex-size[;chunk-signature=…]\r\n bytes \r\n` until a zero-size
 * chunk, then trailer lines (`x-amz-checksum-crc32:…`) up to an empty line. Chunk signatures are
 * not verified: the sandbox checks no signature.
 */
function decodeAwsChunked(framed: Buffer): { body: Buffer; trailers: Record<string, string> } {
  const chunks: Buffer[] = [];
  let offset = 0;
  for (;;) {
    const lineEnd = framed.indexOf('\r\n', offset);
    if (lineEnd < 0) throw incompleteBody();
    const size = framed.toString('latin1', offset, lineEnd).split(';')[0]!.trim();
    if (!/^[0-9a-fA-F]+$/.test(size)) throw incompleteBody();
    const length = Number.parseInt(size, 16);
    offset = lineEnd + 2;
    if (length === 0) break;
    const end = offset + length;
    if (end + 2 > framed.length || framed.toString('latin1', end, end + 2) !== '\r\n') throw incompleteBody();
    chunks.push(framed.subarray(offset, end));
    offset = end + 2;
  }
  const trailers: Record<string, string> = {};
  while (offset < framed.length) {
    const lineEnd = framed.indexOf('\r\n', offset);
    if (lineEnd < 0) throw malformedTrailer();
    const line = framed.toString('utf8', offset, lineEnd);
    offset = lineEnd + 2;
    if (line === '') break;
    const colon = line.indexOf(':');
    if (colon <= 0) throw malformedTrailer();
    trailers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { body: Buffer.concat(chunks), trailers };
}

function declaredChecksum(
  headers: Record<string, string>,
  trailers: Record<string, string>,
): Upload['checksum'] | undefined {
  const announced = headers['x-amz-trailer']?.toLowerCase();
  if (announced !== undefined && trailers[announced] === undefined) throw malformedTrailer();
  const claims = Object.entries({ ...headers, ...trailers })
    .filter(([name]) => name.startsWith(CHECKSUM_HEADER))
    .map(([name, value]) => ({ name: name.slice(CHECKSUM_HEADER.length), value }))
    .filter(({ name }) => !CHECKSUM_SETTINGS.has(name));
  if (claims.length > 1) {
    throw invalidRequest(
      'Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.',
    );
  }
  const claim = claims[0];
  const algorithm = headers['x-amz-sdk-checksum-algorithm']?.toLowerCase();
  if (algorithm !== undefined && claim?.name !== algorithm) {
    throw invalidRequest(
      claim
        ? 'Value for x-amz-sdk-checksum-algorithm header is invalid.'
        : 'x-amz-sdk-checksum-algorithm specified, but no corresponding x-amz-checksum-* or x-amz-trailer headers were found.',
    );
  }
  if (!claim) return undefined;
  if (!isChecksumName(claim.name)) {
    throw new S3Error(
      'NotImplemented',
      `The sandbox cannot verify x-amz-checksum-${claim.name}; send CRC32, CRC32C, CRC64NVME, SHA1 or SHA256.`,
      501,
    );
  }
  return { name: claim.name, value: claim.value };
}

function verifyContentMd5(contentMd5: string | undefined, body: Buffer): void {
  if (contentMd5 === undefined) return;
  if (Buffer.from(contentMd5, 'base64').length !== 16) {
    throw new S3Error('InvalidDigest', 'The Content-MD5 you specified was invalid.', 400, {
      'Content-MD5': contentMd5,
    });
  }
  if (createHash('md5').update(body).digest('base64') !== contentMd5) {
    throw new S3Error('BadDigest', 'The Content-MD5 you specified did not match what we received.', 400, {
      ExpectedDigest: contentMd5,
    });
  }
}

function invalidRequest(message: string): S3Error {
  return new S3Error('InvalidRequest', message, 400);
}

function invalidContentSha256(): S3Error {
  return new S3Error(
    'InvalidArgument',
    'x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER, ' +
      'STREAMING-AWS4-HMAC-SHA256-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER or a valid sha256 value.',
    400,
  );
}

function incompleteBody(): S3Error {
  return new S3Error('IncompleteBody', 'The request body terminated unexpectedly', 400);
}

function malformedTrailer(): S3Error {
  return new S3Error(
    'MalformedTrailerError',
    'The request contained trailing data that was not well-formed or did not conform to our published schema.',
    400,
  );
}
