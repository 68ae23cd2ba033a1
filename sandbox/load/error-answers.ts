import { randomBytes, randomUUID } from 'node:crypto';
import { jsonError } from '../protocols/json.js';
import { queryError } from '../protocols/query.js';
import { escapeXml } from '../protocols/xml.js';
import { AwsServiceError, type QueryService, type SandboxResponse } from '../types.js';
import type { RequestIdentity, WireProtocol } from './request-identity.js';
import type { ThrottleError } from './throttle-errors.js';

/** A server-side failure as each protocol words it (AWS common errors; S3 and EC2 have their own). */
const SERVER_ERRORS: Record<'500' | '503', Record<WireProtocol, { code: string; message: string }>> = {
  '500': {
    json: {
      code: 'InternalFailure',
      message: 'The request processing has failed because of an unknown error, exception or failure.',
    },
    query: {
      code: 'InternalFailure',
      message: 'The request processing has failed because of an unknown error, exception or failure.',
    },
    ec2: { code: 'InternalError', message: 'An internal error has occurred.' },
    'rest-xml': { code: 'InternalError', message: 'We encountered an internal error. Please try again.' },
  },
  '503': {
    json: {
      code: 'ServiceUnavailable',
      message: 'The request has failed due to a temporary failure of the server.',
    },
    query: {
      code: 'ServiceUnavailable',
      message: 'The request has failed due to a temporary failure of the server.',
    },
    ec2: { code: 'Unavailable', message: "The server is overloaded and can't handle the request." },
    'rest-xml': { code: 'ServiceUnavailable', message: 'Service is unable to handle request.' },
  },
};

/** The service's throttling error, in the request's protocol. */
export function throttleAnswer(
  identity: RequestIdentity,
  error: ThrottleError,
  queryServices: readonly QueryService[],
): SandboxResponse {
  return errorAnswer(identity, new AwsServiceError(error.code, error.message, error.status), queryServices);
}

/** An injected 500 or 503, in the request's protocol. */
export function serverFaultAnswer(
  identity: RequestIdentity,
  status: '500' | '503',
  queryServices: readonly QueryService[],
): SandboxResponse {
  const { code, message } = SERVER_ERRORS[status][identity.protocol];
  return errorAnswer(identity, new AwsServiceError(code, message, Number(status)), queryServices);
}

function errorAnswer(
  identity: RequestIdentity,
  error: AwsServiceError,
  queryServices: readonly QueryService[],
): SandboxResponse {
  switch (identity.protocol) {
    case 'json':
      return jsonError(error);
    case 'rest-xml':
      return s3Error(error);
    default: {
      const service = queryServices.find((candidate) => candidate.signingName === identity.service) ?? {
        signingName: identity.service,
        flavour: identity.protocol === 'ec2' ? 'ec2' : 'query',
        xmlNamespace: '',
        operations: {},
      };
      return queryError(service, error);
    }
  }
}

// S3's error document; S3 Control's SDK reads the same `<Error><Code>` shape.
function s3Error(error: AwsServiceError): SandboxResponse {
  const requestId = randomUUID().replace(/-/g, '').slice(0, 16).toUpperCase();
  const hostId = randomBytes(48).toString('base64');
  return {
    status: error.status,
    headers: { 'content-type': 'application/xml', 'x-amz-request-id': requestId, 'x-amz-id-2': hostId },
    body:
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
      `<Error><Code>${escapeXml(error.code)}</Code><Message>${escapeXml(error.message)}</Message>` +
      `<RequestId>${requestId}</RequestId><HostId>${hostId}</HostId></Error>`,
  };
}
