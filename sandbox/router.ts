import { handleJson, jsonError } from './protocols/json.js';
import { handleQuery, queryError } from './protocols/query.js';
import type { SandboxState } from './state.js';
import {
  AwsServiceError,
  type JsonService,
  type QueryService,
  type RestService,
  type SandboxRequest,
  type SandboxResponse,
} from './types.js';

/** The services a sandbox speaks, by protocol. */
export interface ServiceCatalog {
  json: readonly JsonService[];
  query: readonly QueryService[];
  /** Matched by signing name; S3 Control shares S3's signing name and is told apart by path. */
  rest: readonly RestService[];
}

const CREDENTIAL = /Credential=[^/,\s]+\/\d{8}\/([a-z0-9-]+)\/([a-z0-9-]+)\/aws4_request/;

/** Region and signing name from a SigV4 Authorization header or presigned query. */
export function credentialScope(
  headers: Record<string, string>,
  query: URLSearchParams,
): { region: string; service: string } | undefined {
  const match =
    CREDENTIAL.exec(headers.authorization ?? '') ??
    CREDENTIAL.exec(`Credential=${query.get('X-Amz-Credential') ?? ''}`);
  return match ? { region: match[1]!, service: match[2]! } : undefined;
}

/** Sends a request to the service and protocol it is addressed to, as AWS's front door would. */
export function route(
  raw: Omit<SandboxRequest, 'region' | 'service'>,
  state: SandboxState,
  catalog: ServiceCatalog,
): SandboxResponse {
  const target = raw.headers['x-amz-target'];
  const scope = credentialScope(raw.headers, raw.query);
  if (!scope) {
    const error = new AwsServiceError(
      'MissingAuthenticationTokenException',
      'Request is missing a SigV4 Authorization header.',
      403,
    );
    return target ? jsonError(error) : xmlError(error);
  }
  const request: SandboxRequest = { ...raw, ...scope };
  const context = { region: scope.region, state, request };
  if (target) {
    const prefix = target.slice(0, target.lastIndexOf('.'));
    const service = catalog.json.find((candidate) => candidate.targetPrefixes.includes(prefix));
    if (!service)
      return jsonError(
        new AwsServiceError('UnknownOperationException', `No sandbox service answers ${target}.`),
      );
    return handleJson(service, target, context);
  }
  const rest = catalog.rest.find((candidate) => candidate.signingName === restName(request));
  if (rest) return rest.handle(request, context);
  const query = catalog.query.find((candidate) => candidate.signingName === scope.service);
  if (query) return handleQuery(query, context);
  return xmlError(
    new AwsServiceError(
      'InvalidAction',
      `The sandbox does not serve ${scope.service} ${raw.method} ${raw.path}.`,
    ),
  );
}

function restName(request: SandboxRequest): string {
  if (request.service === 's3' && request.path.startsWith('/v20180820/')) return 's3control';
  return request.service;
}

function xmlError(error: AwsServiceError): SandboxResponse {
  return queryError({ signingName: '', flavour: 'query', xmlNamespace: '', operations: {} }, error);
}
