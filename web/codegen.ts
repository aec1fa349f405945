import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  // SUPERGRAPH_PATH lets a developer generate against a locally composed supergraph before it is committed.
  schema: process.env.SUPERGRAPH_PATH ?? '../schema/supergraph.graphql',
  documents: ['src/**/*.{ts,tsx}', '!src/gql/**'],
  ignoreNoDocuments: true,
  hooks: { afterAllFileWrite: ['prettier --write --ignore-path ../.prettierignore'] },
  generates: {
    './src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        enumsAsTypes: true,
        useTypeImports: true,
        scalars: { DateTime: 'string', JSON: 'unknown', JSONObject: 'Record<string, unknown>' },
      },
    },
  },
};

export default config;
