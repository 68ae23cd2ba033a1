/** How the visitor treats an archive entry, decided by its name alone. */
export const ENTRY_KIND = {
  directory: 'directory',
  text: 'text',
  class: 'class',
  archive: 'archive',
  other: 'other',
} as const;

/** One of ENTRY_KIND. */
export type EntryKind = (typeof ENTRY_KIND)[keyof typeof ENTRY_KIND];

/** Extensions of files that may hold configuration or code with a credential in clear. */
const TEXT_EXTENSIONS = [
  '.properties',
  '.yaml',
  '.yml',
  '.json',
  '.xml',
  '.conf',
  '.cfg',
  '.ini',
  '.txt',
  '.env',
  '.sql',
  '.py',
  '.java',
  '.scala',
  '.kt',
  '.sh',
  '.js',
  '.ts',
] as const;

/** Names without a telling extension that still hold settings (`~/.aws/credentials`, `.aws/config`). */
const TEXT_NAMES: ReadonlySet<string> = new Set(['credentials', 'config', '.env', 'manifest.mf']);

const ARCHIVE_EXTENSIONS = ['.jar', '.zip', '.war'] as const;

/** Classifies an entry path (case-insensitive): text to scan, class file, nested archive, directory or other. */
export function entryKind(path: string): EntryKind {
  if (path.endsWith('/')) return ENTRY_KIND.directory;
  const name = (path.split('/').pop() ?? path).toLowerCase();
  if (name.endsWith('.class')) return ENTRY_KIND.class;
  if (ARCHIVE_EXTENSIONS.some((extension) => name.endsWith(extension))) return ENTRY_KIND.archive;
  if (TEXT_NAMES.has(name) || TEXT_EXTENSIONS.some((extension) => name.endsWith(extension))) {
    return ENTRY_KIND.text;
  }
  return ENTRY_KIND.other;
}
