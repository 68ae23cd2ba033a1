/** Reading a deployed JAR/ZIP's texts and class-file strings safely, and writing small JARs for the demo. */
export type { ArchiveSummary, ArchiveText } from './archive-texts.js';
export { visitArchiveTexts } from './archive-texts.js';
export { classFileStrings } from './class-file.js';
export { minimalClassFile } from './class-file-writer.js';
export type { ArchiveLimits } from './limits.js';
export { DEFAULT_ARCHIVE_LIMITS } from './limits.js';
export type { StoredZipEntry } from './zip-writer.js';
export { writeStoredZip } from './zip-writer.js';
