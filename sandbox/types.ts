import type { SandboxState } from './state.js';

/** One HTTP request as the sandbox sees it, with what SigV4 says about it. */
export interface SandboxRequest {
  method: string;
  /** The path without the query string, percent-decoded per segment by the router when needed. */
  path: string;
  query: URLSearchParams;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  body: Buffer;
  /** From the SigV4 credential scope (`Credential=AKID/date/REGION/SERVICE/aws4_request`). */
  region: string;
  /** The signing name: kinesis, kinesisanalytics, firehose, kms, cloudtrail, logs, iam, sts, sns, ec2, s3, organizations. */
  service: string;
}

/** One HTTP response. */
export interface SandboxResponse {
  status: number;
  headers: Record<string, string>;
  body: string | Buffer;
}

/** What every operation gets besides its input. */
export interface OperationContext {
  region: string;
  state: SandboxState;
  request: SandboxRequest;
}

/**
 * An error in AWS's own terms: the protocol layer renders it as the service would (JSON
 * `__type`, query `<ErrorResponse>`, S3 `<Error>`), with this HTTP status.
 */
export class AwsServiceError extends Error {
  readonly code: string;
  readonly status: number;
  constructor(code: string, message: string, status = 400) {
    super(message);
    this.name = 'AwsServiceError';
    this.code = code;
    this.status = status;
  }
}

/** An awsJson1_1 operation: the parsed JSON input in, the JSON output out. */
export type JsonOperation = (input: Record<string, unknown>, context: OperationContext) => unknown;

/** An awsJson1_1 service: its X-Amz-Target prefix(es) and operations by name. */
export interface JsonService {
  signingName: string;
  /** E.g. `Kinesis_20131202`; CloudTrail also accepts `com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101`. */
  targetPrefixes: readonly string[];
  operations: Readonly<Record<string, JsonOperation>>;
}

/** An awsQuery / ec2Query operation: form parameters in, the result element's content out. */
export type QueryOperation = (params: URLSearchParams, context: OperationContext) => XmlContent;

/** An awsQuery (IAM, STS, SNS) or ec2Query (EC2) service. */
export interface QueryService {
  signingName: string;
  /** `query`: `<XResponse><XResult>…</XResult><ResponseMetadata>`; `ec2`: `<XResponse>…<requestId>`. */
  flavour: 'query' | 'ec2';
  xmlNamespace: string;
  operations: Readonly<Record<string, QueryOperation>>;
}

/**
 * XML content as data: an object becomes child elements in key order; an array becomes repeated
 * list items (`<member>` for query, `<item>` for ec2); a Map becomes awsQuery map entries
 * (`<entry><key/><value/></entry>`); null/undefined are left out; Dates ISO 8601.
 */
export type XmlContent =
  | string
  | number
  | boolean
  | Date
  | null
  | undefined
  | XmlContent[]
  | ReadonlyMap<string, XmlContent>
  | { [element: string]: XmlContent };

/** A REST service (S3, S3 Control): full control over the HTTP exchange. */
export interface RestService {
  signingName: string;
  handle(request: SandboxRequest, context: OperationContext): SandboxResponse;
}
