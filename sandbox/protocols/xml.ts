import type { XmlContent } from '../types.js';

/** Escapes text for an XML element or attribute. */
export function escapeXml(text: string): string {
  return text.replace(
    /[<>&'"]/g,
    (char) => `&${{ '<': 'lt', '>': 'gt', '&': 'amp', "'": 'apos', '"': 'quot' }[char]};`,
  );
}

/**
 * Serialises XmlContent under an element name. Arrays become `<name><item/>…</name>` with the
 * protocol's list item name (`member` for awsQuery, `item` for ec2Query).
 */
export function toXml(name: string, content: XmlContent, itemName: string): string {
  if (content === null || content === undefined) return '';
  if (Array.isArray(content)) {
    return `<${name}>${content.map((item) => toXml(itemName, item, itemName)).join('')}</${name}>`;
  }
  return `<${name}>${innerXml(content, itemName)}</${name}>`;
}

/** The children or text of an element. */
export function innerXml(content: XmlContent, itemName: string): string {
  if (content === null || content === undefined) return '';
  if (content instanceof Date) return content.toISOString();
  if (Array.isArray(content)) return content.map((item) => toXml(itemName, item, itemName)).join('');
  // awsQuery serialises maps as entries, whatever the protocol's list item name is.
  if (content instanceof Map) {
    return [...content.entries()]
      .map(
        ([key, value]) => `<entry>${toXml('key', key, itemName)}${toXml('value', value, itemName)}</entry>`,
      )
      .join('');
  }
  if (typeof content === 'object') {
    return Object.entries(content)
      .map(([key, value]) => toXml(key, value, itemName))
      .join('');
  }
  return escapeXml(String(content));
}
