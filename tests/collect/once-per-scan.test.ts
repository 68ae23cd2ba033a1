import { describe, expect, it } from 'vitest';
import { OncePerScan } from '../../shared/collect/once-per-scan.js';

describe('Class: OncePerScan', () => {
  describe('Method: run', () => {
    it('returns the same promise to concurrent requests for one key, starting the read once', async () => {
      // Prepare
      const once = new OncePerScan();
      let reads = 0;
      const read = async () => {
        reads += 1;
        return 'stream';
      };

      // Act
      const [first, second] = [once.run('kinesis|a', read), once.run('kinesis|a', read)];

      // Assess
      expect(first).toBe(second);
      expect(await Promise.all([first, second])).toEqual(['stream', 'stream']);
      expect(reads).toBe(1);
    });

    it('starts one read per distinct key', async () => {
      // Prepare
      const once = new OncePerScan();

      // Act
      const values = await Promise.all([once.run('a', async () => 'a'), once.run('b', async () => 'b')]);

      // Assess
      expect(values).toEqual(['a', 'b']);
    });
  });
});
