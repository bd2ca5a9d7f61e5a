import { defineConfig } from 'vitest/config';

/**
 * `npm run test:cluster` (issue 28): the multi-node checks on the local topology of
 * `scripts/cluster.sh`, apart from `npm test` (they start PostgreSQL, PgBouncer, HAProxy and three
 * API nodes: about a minute).
 */
export default defineConfig({
  test: {
    name: 'cluster',
    include: ['scripts/cluster/**/*.cluster.ts', 'bench/**/*.cluster.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
