import { describe, expect, it } from 'vitest';
import { classFileStrings } from '../../shared/archive/class-file.js';
import { minimalClassFile } from '../../shared/archive/class-file-writer.js';
import { ArchiveFormatError } from '../../shared/errors.js';

describe('Function: minimalClassFile', () => {
  it('returns a class file whose constant pool holds the class name, its superclass and every string', () => {
    // Act
    const bytes = minimalClassFile('com.example.Job', ['aws.secret.key=abc', 'emoji \u{1F600}', 'nul\u0000']);

    // Assess
    expect(classFileStrings(bytes)).toEqual([
      'com/example/Job',
      'java/lang/Object',
      'aws.secret.key=abc',
      'emoji \u{1F600}',
      'nul\u0000',
    ]);
  });

  it('returns the exact bytes of a Java 8 class with one string literal', () => {
    // Act
    const bytes = minimalClassFile('A', ['s']);

    // Assess
    expect(Buffer.from(bytes).toString('hex')).toBe(
      [
        'cafebabe00000034', // magic, minor 0, major 52
        '0007', // pool count
        '01000141', // #1 Utf8 "A"
        '070001', // #2 Class #1
        '0100106a6176612f6c616e672f4f626a656374', // #3 Utf8 "java/lang/Object"
        '070003', // #4 Class #3
        '01000173', // #5 Utf8 "s"
        '080005', // #6 String #5
        '0021000200040000000000000000', // public super, this #2, super #4, no interfaces/fields/methods/attributes
      ].join(''),
    );
  });

  it('throws ArchiveFormatError when a string does not fit a Utf8 constant', () => {
    // Act
    const act = (): Uint8Array => minimalClassFile('A', ['x'.repeat(65_536)]);

    // Assess
    expect(act).toThrow(
      new ArchiveFormatError(
        'cannot write a class file constant of 65536 bytes: the format allows 65535, shorten the string',
      ),
    );
  });
});
