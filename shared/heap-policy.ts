import { setFlagsFromString } from 'node:v8';

/** How far past what the last full garbage collection kept V8 lets the heap grow, in percent. */
export const HEAP_GROWING_PERCENT = 20;

/**
 * Keeps the JavaScript heap near the size of what it holds. A scan allocates far more than it
 * keeps: every AWS answer is parsed, shaped and mostly dropped, and every report piece is rendered,
 * sent and dropped. V8 sizes the heap before its next full collection from its own speed, up to
 * four times what the last one kept, not from what the function has: at 1,000 applications the
 * heap held under 70 MB yet reached 210 MB, and the scan peaked at 381 MiB RSS. Growing at most
 * 20 % past the live size kept that peak at 232 MiB, for about 2 s more CPU over a 22 s scan
 * (docs/performance.md, "Memory"). It is a rate, not a cap: a larger account's heap still grows
 * with what it holds. Called once per process, before the first scan; V8 reads the setting at
 * every full collection.
 */
export function keepHeapNearLiveSize(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
