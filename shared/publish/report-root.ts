/**
 * Where everything of one account (or of the organisation) goes in the report bucket:
 * `<prefix>/<owner>`, the prefix's empty segments dropped, so `reports`, `/reports/` and
 * `reports//` give the same keys and an empty prefix puts the owner at the bucket's root.
 */
export function reportRoot(prefix: string | undefined, owner: string): string {
  return [...(prefix ?? '').split('/').filter(Boolean), owner].join('/');
}

/** `<root>/<yyyy>/<mm>/<dd>/<id>`: a dated report's key without its extension (`startedAt`'s UTC date). */
export function datedReportKey(root: string, startedAt: string, id: string): string {
  const started = new Date(startedAt);
  const yyyy = String(started.getUTCFullYear());
  const mm = String(started.getUTCMonth() + 1).padStart(2, '0');
  const dd = String(started.getUTCDate()).padStart(2, '0');
  return `${root}/${yyyy}/${mm}/${dd}/${id}`;
}
