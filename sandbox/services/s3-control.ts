import { AwsServiceError, type OperationContext, type RestService, type SandboxResponse } from '../types.js';
import { guard } from './lookups.js';
import { publicAccessBlockXml } from './s3-buckets.js';
import { S3_CONTROL_NAMESPACE, S3Error, s3ControlErrorResponse, s3Document, xmlResponse } from './s3-xml.js';

const PUBLIC_ACCESS_BLOCK_PATH = '/v20180820/configuration/publicAccessBlock';

/**
 * Amazon S3 Control (`/v20180820/…`, the account in `x-amz-account-id`): the account-level
 * Block Public Access settings. The router sends it S3-signed requests whose path starts with
 * `/v20180820/`. Anything else answers 501 NotImplemented.
 */
export const s3ControlService: RestService = {
  signingName: 's3control',
  handle(request, context) {
    const accountId = request.headers['x-amz-account-id'];
    try {
      if (
        request.method === 'GET' &&
        request.path === PUBLIC_ACCESS_BLOCK_PATH &&
        !hasParameters(request.query)
      ) {
        return getPublicAccessBlock(accountId, context);
      }
      throw new S3Error(
        'NotImplemented',
        `The sandbox does not implement S3 Control ${request.method} ${request.path}. ` +
          `It serves GetPublicAccessBlock (GET ${PUBLIC_ACCESS_BLOCK_PATH}).`,
        501,
      );
    } catch (error) {
      if (error instanceof AwsServiceError) return s3ControlErrorResponse(error, accountId);
      throw error;
    }
  },
};

/** GetPublicAccessBlock: the account's settings, the configuration itself as the document root. */
function getPublicAccessBlock(accountId: string | undefined, context: OperationContext): SandboxResponse {
  if (accountId === undefined) {
    throw new S3Error('InvalidRequest', 'Missing required header for this request: x-amz-account-id', 400);
  }
  // Another account's settings are not the caller's to read.
  if (accountId !== context.state.accountId) throw new S3Error('AccessDenied', 'Access Denied', 403);
  guard(context, 's3control:GetPublicAccessBlock', undefined);
  const configuration = context.state.snapshot.s3?.accountPublicAccessBlock;
  if (!configuration) {
    throw new S3Error(
      'NoSuchPublicAccessBlockConfiguration',
      'The public access block configuration was not found',
      404,
    );
  }
  return xmlResponse(
    s3Document('PublicAccessBlockConfiguration', publicAccessBlockXml(configuration), S3_CONTROL_NAMESPACE),
  );
}

// The SDK may tag the request with `x-id`; any other parameter names another operation.
function hasParameters(query: URLSearchParams): boolean {
  return [...query.keys()].some((name) => name !== 'x-id');
}
