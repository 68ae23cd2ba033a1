import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const policy = fileURLToPath(new URL('../shared/heap-policy.ts', import.meta.url));

// Keeps 40 × 20,000 small objects and drops twenty times as many, as a scan keeps its snapshot and
// drops the answers it was built from; prints the largest heap V8 reserved, in MiB.
function largestHeapMiB(withPolicy: boolean): number {
  const program = `
    ${withPolicy ? `const { keepHeapNearLiveSize } = await import(${JSON.stringify(policy)}); keepHeapNearLiveSize();` : ''}
    const kept = [];
    let largest = 0;
    for (let round = 0; round < 40; round++) {
      kept.push(Array.from({ length: 20_000 }, (_, i) => ({ i, s: 'kept-' + round + '-' + i })));
      for (let g = 0; g < 20; g++) Array.from({ length: 20_000 }, (_, i) => ({ i, s: 'dropped-' + g + '-' + i }));
      largest = Math.max(largest, process.memoryUsage().heapTotal);
    }
    console.log(Math.round(largest / 1048576));`;
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', program], {
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(run.stderr);
  return Number(run.stdout.trim());
}

describe('keepHeapNearLiveSize', () => {
  it('keeps the heap within a fraction of what it holds while most allocations are dropped', () => {
    // About 80 MiB is live at the end: V8 alone lets the heap reach two to four times that.
    const largest = largestHeapMiB(true);

    expect(largest).toBeLessThan(160);
    expect(largestHeapMiB(false)).toBeGreaterThan(largest);
  }, 60_000);
});
