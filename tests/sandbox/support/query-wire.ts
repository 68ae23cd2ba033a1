/**
 * What the awsQuery / ec2Query sandbox tests share besides json-wire's helpers: a query call made
 * by hand (for actions no SDK client sends), and reading every page of an IAM-style list.
 */
import { REGION } from './json-wire.js';

/** A form-encoded query call with a SigV4-shaped Authorization header; the raw XML comes back. */
export async function rawQueryCall(
  endpoint: string,
  call: { signingName: string; region?: string; params: Record<string, string> },
): Promise<{ status: number; body: string }> {
  const scope = `AKIDSANDBOX/20260101/${call.region ?? REGION}/${call.signingName}/aws4_request`;
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
      authorization: `AWS4-HMAC-SHA256 Credential=${scope}, SignedHeaders=host, Signature=00`,
    },
    body: new URLSearchParams(call.params).toString(),
  });
  return { status: response.status, body: await response.text() };
}

/** Every page of a Marker / IsTruncated list, in order, without the SDK's `$metadata`. */
export async function markerPages<Page extends { IsTruncated?: boolean; Marker?: string }>(
  send: (marker: string | undefined) => Promise<Page>,
): Promise<Omit<Page, '$metadata'>[]> {
  const pages: Omit<Page, '$metadata'>[] = [];
  let marker: string | undefined;
  do {
    const { $metadata: _metadata, ...page } = (await send(marker)) as Page & { $metadata?: unknown };
    pages.push(page);
    marker = page.IsTruncated ? page.Marker : undefined;
  } while (marker && pages.length < 50);
  return pages;
}
