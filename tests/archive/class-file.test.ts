import { describe, expect, it } from 'vitest';
import { classFileStrings } from '../../shared/archive/class-file.js';
import { ArchiveFormatError } from '../../shared/errors.js';
import { classWithEveryTag, EVERY_TAG_STRINGS } from '../support/archive-fixtures.js';
import {
  JAVAC_MODULE_INFO_CLASS,
  JAVAC_MODULE_INFO_STRINGS,
  JAVAC_SAMPLE_CLASS,
  JAVAC_SAMPLE_STRINGS,
} from '../support/javac-classes.js';

/** Runs the reader and returns the error it throws (undefined when it does not throw). */
function errorOf(bytes: Uint8Array): unknown {
  try {
    classFileStrings(bytes);
    return undefined;
  } catch (error) {
    return error;
  }
}

describe('Function: classFileStrings', () => {
  it('returns the Utf8 strings javap lists for a javac-compiled class with Long, Double and lambdas', () => {
    // Act
    const strings = classFileStrings(JAVAC_SAMPLE_CLASS);

    // Assess
    expect(strings).toEqual(JAVAC_SAMPLE_STRINGS);
  });

  it('returns the Utf8 strings of a module-info class with Module and Package constants', () => {
    // Act
    const strings = classFileStrings(JAVAC_MODULE_INFO_CLASS);

    // Assess
    expect(strings).toEqual(JAVAC_MODULE_INFO_STRINGS);
  });

  it('returns the strings of a pool holding every tag, decoding NUL and surrogate pairs', () => {
    // Act
    const strings = classFileStrings(classWithEveryTag());

    // Assess
    expect(strings).toEqual(EVERY_TAG_STRINGS);
  });

  it('throws ArchiveFormatError when the magic number is not CAFEBABE', () => {
    // Prepare
    const bytes = Uint8Array.from(classWithEveryTag());
    bytes[0] = 0xde;

    // Act
    const error = errorOf(bytes);

    // Assess
    expect(error).toEqual(
      new ArchiveFormatError('not a valid Java class file: it does not start with 0xCAFEBABE'),
    );
  });

  it('throws ArchiveFormatError when the constant pool is truncated', () => {
    // Prepare
    const bytes = classWithEveryTag().subarray(0, 47);

    // Act
    const error = errorOf(bytes);

    // Assess
    expect(error).toEqual(
      new ArchiveFormatError(
        'not a valid Java class file: constant #5 text lies past the end of the data (47 bytes)',
      ),
    );
  });

  it('throws ArchiveFormatError when a constant has an unknown tag', () => {
    // Prepare
    const bytes = Uint8Array.from(classWithEveryTag());
    bytes[10] = 2; // tag 2 was never assigned

    // Act
    const error = errorOf(bytes);

    // Assess
    expect(error).toEqual(
      new ArchiveFormatError('not a valid Java class file: constant #1 has unknown tag 2'),
    );
  });

  it('throws ArchiveFormatError when a Utf8 constant holds a raw NUL byte', () => {
    // Prepare
    const bytes = Uint8Array.from(classWithEveryTag());
    bytes[13] = 0; // first byte of "Every"

    // Act
    const error = errorOf(bytes);

    // Assess
    expect(error).toEqual(
      new ArchiveFormatError('not a valid Java class file: constant #1 is not valid modified UTF-8'),
    );
  });
});
