import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig } from 'vitest/config';

/** The failover test kills the primary the other files use: it runs last, files one at a time. */
class FailoverLast extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const last = (f: TestSpecification) => (f.moduleId.includes('failover') ? 1 : 0);
    return [...sorted].sort((a, b) => last(a) - last(b));
  }
}

// Run by scripts/topologies/run.sh, which starts the servers and exports their URLs.
export default defineConfig({
  test: {
    include: ['test/topologies/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
    sequence: { sequencer: FailoverLast },
  },
});
