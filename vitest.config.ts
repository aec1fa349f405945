import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

// swc emits the decorator metadata type-graphql and TypeORM read at run time (esbuild does not).
const decorators = swc.vite({ module: { type: 'es6' }, jsc: { target: 'es2022' } });
const ignored = ['**/node_modules/**', '**/dist/**', '**/.next/**'];

export default defineConfig({
  test: {
    projects: [
      {
        plugins: [decorators],
        test: {
          name: 'unit',
          include: ['{packages,subgraphs,gateway}/**/src/**/*.test.ts', 'web/src/**/*.test.ts'],
          exclude: ignored,
        },
      },
      {
        plugins: [decorators],
        test: {
          name: 'integration',
          include: ['{packages,subgraphs,gateway}/**/test/**/*.int.test.ts'],
          exclude: ignored,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        plugins: [decorators],
        test: {
          name: 'e2e',
          include: ['e2e/**/*.test.ts'],
          exclude: ignored,
          globalSetup: ['e2e/setup/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
