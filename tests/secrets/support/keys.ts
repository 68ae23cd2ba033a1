/** Keys and texts for the credential detector's tests. None of these keys is, or was, valid. */

/** The AWS documentation's example key pair. */
export const EXAMPLE_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
export const EXAMPLE_SECRET_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

/** Made-up keys of the real shapes (drawn at random from the real alphabets). */
export const LONG_TERM_KEY_ID = 'AKIA4ZOP7ESCRPQG7IN5';
export const TEMPORARY_KEY_ID = 'ASIAPQEDNOAXTZYLBPTG';
export const SECRET_KEY = '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';
/** About one random key in 900 has no digit: a key, but shape alone does not prove it. */
export const SECRET_KEY_WITHOUT_DIGIT = 'CshpRpL+sfFzoJHAGRoEqhgy+uMrXJEUOpAeyrlQ';

/** The 40-character base64 alphabet of secret access keys. */
export const SECRET_KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/+';

/** A runtime property group as DescribeApplication returns it. */
export function propertyGroup(
  PropertyMap: Record<string, string>,
  PropertyGroupId = 'ConsumerConfigProperties',
) {
  return { PropertyGroupId, PropertyMap };
}

/** A text file from lines. */
export function textFile(...lines: string[]): string {
  return `${lines.join('\n')}\n`;
}

/** The strings of a class file's constant pool, one a line, as the archive reader passes them. */
export function constantPool(...strings: string[]): string {
  return strings.join('\n');
}
