// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const SUBGRAPHS = ['tenancy', 'ledger', 'invoicing', 'vat', 'billing'];

/**
 * Issue 17: a subgraph's SQL lives in its `*.sql.ts` files (docs/conventions.md, "Where SQL
 * lives"). Elsewhere in a subgraph, `.query(...)`, `getRepository(...)` and
 * `createQueryBuilder(...)` are refused, except `createQueryBuilder` on the administration-
 * scoped repository: `scoped(m, Entity, administrationId).createQueryBuilder(...)`, directly
 * or through a `const` initialised with `scoped(...)`, whose builder cannot drop the scope.
 */
const isScopedCall = (node) =>
  node?.type === 'CallExpression' &&
  node.callee.type === 'Identifier' &&
  node.callee.name === 'scoped';

const sqlInSqlFiles = {
  meta: {
    type: 'problem',
    schema: [],
    messages: {
      sql: "{{call}} outside a *.sql.ts file: move the SQL into the module's *.sql.ts (docs/conventions.md), or use scoped(...).",
    },
  },
  create(context) {
    /** A `scoped(...)` call, or a const initialised with one. */
    const isScopedRepository = (object, node) => {
      if (isScopedCall(object)) return true;
      if (object.type !== 'Identifier') return false;
      for (let scope = context.sourceCode.getScope(node); scope; scope = scope.upper) {
        const variable = scope.set.get(object.name);
        if (!variable) continue;
        const definition = variable.defs[0];
        return (
          definition?.type === 'Variable' &&
          definition.parent.kind === 'const' &&
          isScopedCall(definition.node.init)
        );
      }
      return false;
    };
    return {
      CallExpression(node) {
        const { callee } = node;
        const member = callee.type === 'MemberExpression' && !callee.computed;
        const name = member
          ? callee.property.name
          : callee.type === 'Identifier'
            ? callee.name
            : '';
        const refused =
          (name === 'query' && member) ||
          name === 'getRepository' ||
          (name === 'createQueryBuilder' && !(member && isScopedRepository(callee.object, node)));
        if (refused) context.report({ node, messageId: 'sql', data: { call: `${name}()` } });
      },
    };
  },
};

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      'coverage/**',
      '.kantoor/**',
      'examples/generated/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "Property[key.name='synchronize'][value.value=true]",
          message: 'Use migrations; never synchronize.',
        },
        {
          selector: "CallExpression[callee.name='parseFloat']",
          message: 'Money is exact: use decimal.js, never parseFloat.',
        },
        // Issue 9: who is asking never changes within a request, and no authorization
        // answer is cached under a key that leaves out what it depends on.
        {
          selector: "Property[key.name='cache'][value.value=/^(contextual|strict)$/]",
          message:
            "No shield cache keyed by rule name ('contextual') or parent/args only ('strict'): use 'no_cache'.",
        },
        {
          selector: "Property[key.name='cache'][value.value=true]",
          message: "cache: true means 'strict' in graphql-shield: use 'no_cache'.",
        },
        {
          selector:
            "AssignmentExpression[left.type='MemberExpression'][left.property.name=/^(viewer|permissions)$/]",
          message: "The request's viewer and its permissions are fixed: never assign them.",
        },
        {
          selector:
            "CallExpression[callee.object.name='Object'][callee.property.name=/^(assign|defineProperty|defineProperties)$/] > Identifier.arguments:first-child[name='ctx']",
          message: 'Do not change the request context; it carries who is asking.',
        },
      ],
    },
  },
  // Import boundaries: platform knows no subgraph; subgraphs import only platform.
  {
    files: ['platform/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@kantoor/*', '!@kantoor/platform'], message: 'platform knows no subgraph.' },
            { group: ['../../../*'], message: 'stay inside platform.' },
          ],
        },
      ],
    },
  },
  ...SUBGRAPHS.map((name) => ({
    files: [`subgraphs/${name}/src/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@kantoor/*', '!@kantoor/platform', '!@kantoor/platform/testing'],
              message:
                'Subgraphs import only @kantoor/platform; cross-module reads go through the federation.',
            },
            {
              group: ['**/subgraphs/**', '**/gateway/**', '**/platform/src/**'],
              message: 'import @kantoor/platform instead.',
            },
          ],
        },
      ],
    },
  })),
  // SQL only in *.sql.ts (above). Exempt by path: platform (the scoped repository, the
  // database and event infrastructure), migrations, tests and scripts.
  {
    files: ['subgraphs/*/src/**/*.ts'],
    ignores: ['**/*.sql.ts', '**/migrations/**', '**/__tests__/**', '**/*.spec.ts'],
    plugins: { kantoor: { rules: { 'sql-in-sql-files': sqlInSqlFiles } } },
    rules: { 'kantoor/sql-in-sql-files': 'error' },
  },
  {
    files: ['**/__tests__/**/*.ts', 'test/**/*.ts', '**/*.spec.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
