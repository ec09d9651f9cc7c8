// ESLint 9 flat config: typescript-eslint everywhere; AWS's APPSYNC_JS rules on the resolvers and on
// the shared modules bundled into them (what AppSync's runtime cannot execute fails here, not in the cloud).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import appsync from '@aws-appsync/eslint-plugin';

/** Files that end up inside resolver bundles. */
const resolverSources = ['resolvers/**/*.ts', 'infra/table.ts', 'functions/core/media-types.ts'];

export default tseslint.config(
  { ignores: ['node_modules/**', 'build/**', '.data/**', 'schema/types.generated.ts', 'web/dist/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    files: resolverSources,
    ...appsync.configs.recommended,
    languageOptions: {
      ...appsync.configs.recommended.languageOptions,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
  },
  {
    files: resolverSources,
    rules: {
      // Resolvers read loosely typed ctx.result/ctx.stash by design (AppSync's Context is `any`-typed there).
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
);
