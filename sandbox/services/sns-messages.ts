import type { PublishedMessage } from '../state.js';
import { AwsServiceError } from '../types.js';
import { indexedRecords } from './query-wire.js';

// SNS's limit on a message and its attributes together, in bytes.
const MAX_MESSAGE_BYTES = 262_144;
const MAX_ATTRIBUTES = 10;
const SUPPORTED_TYPES = /^(String|Number|Binary)(\..+)?$/;

/** SNS's InvalidParameter (400), worded as SNS words it. */
export function invalidParameter(detail: string): AwsServiceError {
  return new AwsServiceError('InvalidParameter', `Invalid parameter: ${detail}`);
}

/** SNS's InvalidParameterValue, whose wire code is ParameterValueInvalid. */
function invalidValue(message: string): AwsServiceError {
  return new AwsServiceError('ParameterValueInvalid', message);
}

/** What a Publish request asks to send, checked as SNS checks it before accepting it. */
export function publishedContent(
  params: URLSearchParams,
  message: string,
): Omit<PublishedMessage, 'messageId' | 'publishedAt' | 'topicArn'> {
  if (message === '') throw invalidParameter('Empty message');
  const subject = params.get('Subject') ?? undefined;
  // SNS takes a subject of 1-100 characters starting with no control character and holding no line break.
  if (subject !== undefined && (subject.length === 0 || subject.length > 100 || /[\p{Cc}]/u.test(subject))) {
    throw invalidParameter('Subject');
  }
  const messageStructure = params.get('MessageStructure') ?? undefined;
  if (messageStructure !== undefined) checkStructuredMessage(messageStructure, message);
  const messageAttributes = publishedAttributes(params);
  const attributeBytes = Object.entries(messageAttributes).reduce(
    (total, [name, value]) =>
      total +
      Buffer.byteLength(name) +
      Buffer.byteLength(value.DataType) +
      Buffer.byteLength(value.StringValue ?? '') +
      Buffer.from(value.BinaryValue ?? '', 'base64').length,
    0,
  );
  if (Buffer.byteLength(message) + attributeBytes > MAX_MESSAGE_BYTES) {
    throw invalidParameter('Message too long');
  }
  return {
    message,
    ...(subject !== undefined ? { subject } : {}),
    ...(messageStructure !== undefined ? { messageStructure } : {}),
    messageAttributes,
  };
}

function checkStructuredMessage(structure: string, message: string): void {
  if (structure !== 'json') throw invalidParameter('MessageStructure');
  let body: unknown;
  try {
    body = JSON.parse(message);
  } catch {
    throw invalidParameter('Message Structure - JSON message body failed to parse');
  }
  if (
    typeof body !== 'object' ||
    body === null ||
    typeof (body as { default?: unknown }).default !== 'string'
  ) {
    throw invalidParameter('Message Structure - No default entry in JSON message body');
  }
}

/** MessageAttributes.entry.N.Name / .Value.DataType / .Value.StringValue / .Value.BinaryValue. */
function publishedAttributes(params: URLSearchParams): PublishedMessage['messageAttributes'] {
  const entries = indexedRecords(params, 'MessageAttributes.entry');
  if (entries.length > MAX_ATTRIBUTES) {
    throw invalidValue(
      `Number of message attributes [${entries.length}] exceeds the allowed maximum [${MAX_ATTRIBUTES}].`,
    );
  }
  const attributes: PublishedMessage['messageAttributes'] = {};
  for (const entry of entries) {
    const name = entry.Name ?? '';
    if (name === '')
      throw invalidParameter('MessageAttributes Reason: A message attribute must have a name.');
    const dataType = entry['Value.DataType'] ?? '';
    if (dataType === '') {
      throw invalidValue(`The message attribute '${name}' must contain non-empty message attribute type.`);
    }
    if (!SUPPORTED_TYPES.test(dataType)) {
      throw invalidValue(
        `The message attribute '${name}' has an invalid message attribute type, the set of supported ` +
          'type prefixes is Binary, Number, and String.',
      );
    }
    const kind = dataType.split('.')[0];
    const value = kind === 'Binary' ? entry['Value.BinaryValue'] : entry['Value.StringValue'];
    if (!value) {
      throw invalidValue(
        `The message attribute '${name}' must contain non-empty message attribute value for message ` +
          `attribute type '${kind}'.`,
      );
    }
    if (kind === 'Number' && Number.isNaN(Number(value))) {
      throw invalidValue(`Could not cast message attribute '${name}' value to number.`);
    }
    attributes[name] =
      kind === 'Binary'
        ? { DataType: dataType, BinaryValue: value }
        : { DataType: dataType, StringValue: value };
  }
  return attributes;
}
