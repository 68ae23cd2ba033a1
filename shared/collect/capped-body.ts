/**
 * The body's bytes, or 'too-large' as soon as more than `maxBytes` arrived: the object may have
 * grown since HeadObject, and a body is never trusted to be as small as announced.
 */
export async function readCapped(body: unknown, maxBytes: number): Promise<Uint8Array | 'too-large'> {
  if (!isByteStream(body)) throw new TypeError('S3 GetObject returned no readable body');
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of body) {
    total += chunk.byteLength;
    if (total > maxBytes) {
      destroy(body);
      return 'too-large';
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, total);
}

function isByteStream(body: unknown): body is AsyncIterable<Uint8Array> {
  return typeof body === 'object' && body !== null && Symbol.asyncIterator in body;
}

function destroy(body: object): void {
  if ('destroy' in body && typeof body.destroy === 'function') body.destroy();
}
