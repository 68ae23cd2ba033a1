import { randomUUID } from 'node:crypto';
import { AwsServiceError, type OperationContext, type QueryService, type SandboxResponse } from '../types.js';
import { escapeXml, innerXml } from './xml.js';

/** Answers an awsQuery (IAM, STS, SNS) or ec2Query (EC2) request: a form body with `Action`. */
export function handleQuery(service: QueryService, context: OperationContext): SandboxResponse {
  const params = new URLSearchParams(context.request.body.toString('utf8'));
  for (const [key, value] of context.request.query) if (!params.has(key)) params.set(key, value);
  const action = params.get('Action') ?? '';
  const operation = service.operations[action];
  if (!operation) {
    return queryError(
      service,
      new AwsServiceError(
        'InvalidAction',
        `The action ${action || '(none)'} is not valid for this endpoint.`,
      ),
    );
  }
  try {
    const content = operation(params, context);
    const requestId = randomUUID();
    const itemName = service.flavour === 'ec2' ? 'item' : 'member';
    const body =
      service.flavour === 'ec2'
        ? `<${action}Response xmlns="${service.xmlNamespace}"><requestId>${requestId}</requestId>${innerXml(content, itemName)}</${action}Response>`
        : `<${action}Response xmlns="${service.xmlNamespace}"><${action}Result>${innerXml(content, itemName)}</${action}Result>` +
          `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`;
    return { status: 200, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId }, body };
  } catch (error) {
    if (error instanceof AwsServiceError) return queryError(service, error);
    throw error;
  }
}

/** An error in the protocol's XML shape. */
export function queryError(service: QueryService, error: AwsServiceError): SandboxResponse {
  const requestId = randomUUID();
  const code = escapeXml(error.code);
  const message = escapeXml(error.message);
  const body =
    service.flavour === 'ec2'
      ? `<Response><Errors><Error><Code>${code}</Code><Message>${message}</Message></Error></Errors><RequestID>${requestId}</RequestID></Response>`
      : `<ErrorResponse xmlns="${service.xmlNamespace}"><Error><Type>${error.status >= 500 ? 'Receiver' : 'Sender'}</Type>` +
        `<Code>${code}</Code><Message>${message}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
  return {
    status: error.status,
    headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId },
    body,
  };
}
