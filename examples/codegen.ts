import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: '../schema/api.graphql',
  documents: ['operations/**/*.graphql'],
  generates: {
    'generated/': {
      preset: 'client',
      config: {
        scalars: { Decimal: 'string', Date: 'string', DateTime: 'string' },
        enumsAsTypes: true,
        strictScalars: true,
      },
    },
  },
};

export default config;
