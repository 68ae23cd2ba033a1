import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { maskKeyId, maskSecretValue } from '../../../shared/secrets/mask.js';
import { findLeaks, textOutput } from './output-capture.js';

// Assembled at run time, so no key-shaped literal sits in the source.
const KEY_ID = ['AKIA', 'ZLEAKSEARCHKEYQX'].join('');
const SECRET = ['abcd', 'EFGH/ijkl+MNOP1234', 'qrstUVWX5678yzAB90+/'].join('');
const PLANTED = [
  { value: KEY_ID, hidden: KEY_ID.slice(4, 16) },
  { value: SECRET, hidden: SECRET.slice(4, 40) },
];

describe('Function: findLeaks', () => {
  it('returns nothing for outputs holding only masked forms', () => {
    // Prepare
    const outputs = [textOutput('report', `${maskKeyId(KEY_ID)} ${maskSecretValue(SECRET)}`)];

    // Act
    const leaks = findLeaks(outputs, PLANTED);

    // Assess
    expect(leaks).toEqual([]);
  });

  it('returns each value found in full, its first 4 characters only', () => {
    // Prepare
    const outputs = [textOutput('log', `key ${KEY_ID}`), textOutput('alert', `secret ${SECRET}`)];

    // Act
    const leaks = findLeaks(outputs, PLANTED);

    // Assess
    expect(leaks).toEqual([
      { output: 'log', value: 'AKIA…' },
      { output: 'alert', value: 'abcd…' },
    ]);
  });

  it('returns a value whose hidden part shows, however the rest was cut', () => {
    // Prepare
    const outputs = [textOutput('summary', `key ****${KEY_ID.slice(4, 16)}****`)];

    // Act
    const leaks = findLeaks(outputs, PLANTED);

    // Assess
    expect(leaks).toEqual([{ output: 'summary', value: 'AKIA…' }]);
  });

  it('returns values hidden by JSON, HTML or URL escaping, or by gzip', () => {
    // Prepare
    const outputs = [
      textOutput('json', SECRET.replaceAll('/', '\\/').replaceAll('+', '\\u002b')),
      textOutput('html', SECRET.replaceAll('/', '&#x2F;').replaceAll('+', '&#43;')),
      textOutput('url', encodeURIComponent(SECRET)),
      { name: 'gzip', bytes: gzipSync(Buffer.from(`{"key":"${KEY_ID}"}`)) },
    ];

    // Act
    const leaks = findLeaks(outputs, PLANTED);

    // Assess
    expect(leaks).toEqual([
      { output: 'json', value: 'abcd…' },
      { output: 'html', value: 'abcd…' },
      { output: 'url', value: 'abcd…' },
      { output: 'gzip', value: 'AKIA…' },
    ]);
  });
});
