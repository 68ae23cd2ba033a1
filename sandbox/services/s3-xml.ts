import { randomBytes } from 'node:crypto';
import { escapeXml } from '../protocols/xml.js';
import { AwsServiceError, type SandboxResponse, type XmlContent } from '../types.js';

/** The namespace of every S3 response document. */
export const S3_NAMESPACE = 'http://s3.amazonaws.com/doc/2006-03-01/';

/** The namespace of S3 Control response documents. */
export const S3_CONTROL_NAMESPACE = 'http://awss3control.amazonaws.com/doc/2018-08-20/';

/**
 * An S3 error with what S3 sends beside Code and Message: elements such as BucketName or Key,
 * and headers such as `x-amz-bucket-region` on a redirect.
 */
export class S3Error extends AwsServiceError {
  readonly details: Readonly<Record<string, string>>;
  readonly headers: Readonly<Record<string, string>>;
  constructor(
    code: string,
    message: string,
    status: number,
    details: Record<string, string> = {},
    headers: Record<string, string> = {},
  ) {
    super(code, message, status);
    this.name = 'S3Error';
    this.details = details;
    this.headers = headers;
  }
}

/** The request id headers S3 puts on every response (16 upper-case hex digits, base64 host id). */
export function requestIdHeaders(): Record<string, string> {
  return {
    'x-amz-request-id': randomBytes(8).toString('hex').toUpperCase(),
    'x-amz-id-2': randomBytes(48).toString('base64'),
  };
}

/**
 * An S3 XML document. Unlike awsQuery, S3 lists are flattened: an array repeats its element
 * (`{ Rule: [a, b] }` → `<Rule>a</Rule><Rule>b</Rule>`); a wrapped list is written as such
 * (`{ Buckets: { Bucket: [...] } }`).
 */
export function s3Document(root: string, content: XmlContent, namespace = S3_NAMESPACE): string {
  const inner = children(content);
  const open = `${root} xmlns="${namespace}"`;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${inner ? `<${open}>${inner}</${root}>` : `<${open}/>`}`;
}

function element(name: string, content: XmlContent): string {
  if (content === null || content === undefined) return '';
  if (Array.isArray(content)) return content.map((item) => element(name, item)).join('');
  return `<${name}>${children(content)}</${name}>`;
}

function children(content: XmlContent): string {
  if (content === null || content === undefined) return '';
  if (content instanceof Date) return content.toISOString();
  if (Array.isArray(content)) return content.map((item) => children(item)).join('');
  if (content instanceof Map) {
    return [...content.entries()].map(([name, value]) => element(name, value)).join('');
  }
  if (typeof content === 'object') {
    return Object.entries(content)
      .map(([name, value]) => element(name, value))
      .join('');
  }
  return escapeXml(String(content));
}

/** A 200 response carrying an XML document. */
export function xmlResponse(body: string, headers: Record<string, string> = {}): SandboxResponse {
  return {
    status: 200,
    headers: { 'content-type': 'application/xml', ...requestIdHeaders(), ...headers },
    body,
  };
}

/**
 * An error as S3 sends it: `<Error><Code/><Message/>…details…<RequestId/><HostId/></Error>`,
 * with no body at all when the request was a HEAD (S3 says it with the status alone).
 */
export function s3ErrorResponse(error: AwsServiceError, method: string): SandboxResponse {
  const ids = requestIdHeaders();
  const extra = error instanceof S3Error ? error : undefined;
  const headers = { ...ids, ...extra?.headers };
  if (method === 'HEAD') return { status: error.status, headers, body: '' };
  const details = Object.entries(extra?.details ?? {})
    .map(([name, value]) => element(name, value))
    .join('');
  const body =
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<Error><Code>${escapeXml(error.code)}</Code><Message>${escapeXml(error.message)}</Message>${details}` +
    `<RequestId>${ids['x-amz-request-id']}</RequestId><HostId>${escapeXml(ids['x-amz-id-2']!)}</HostId></Error>`;
  return { status: error.status, headers: { 'content-type': 'application/xml', ...headers }, body };
}

/**
 * An error as S3 Control sends it: wrapped in `<ErrorResponse>`, the account id inside `<Error>`,
 * the request ids beside it.
 */
export function s3ControlErrorResponse(
  error: AwsServiceError,
  accountId: string | undefined,
): SandboxResponse {
  const ids = requestIdHeaders();
  const extra = error instanceof S3Error ? error.details : {};
  const details = Object.entries({ ...extra, ...(accountId ? { AccountId: accountId } : {}) })
    .map(([name, value]) => element(name, value))
    .join('');
  const body =
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<ErrorResponse><Error><Code>${escapeXml(error.code)}</Code><Message>${escapeXml(error.message)}</Message>${details}</Error>` +
    `<RequestId>${ids['x-amz-request-id']}</RequestId><HostId>${escapeXml(ids['x-amz-id-2']!)}</HostId></ErrorResponse>`;
  return { status: error.status, headers: { 'content-type': 'application/xml', ...ids }, body };
}
