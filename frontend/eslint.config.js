// ESLint for the SPA (SPEC §8: the react-hooks rules run in `make lint`). `npm run lint` allows no warnings.
//
// typescript-eslint needs the TypeScript compiler API, which TypeScript 7 does not ship yet: package.json
// follows TypeScript's documented side-by-side setup, where `typescript` is the TypeScript 6 API
// package (@typescript/typescript6) for tools, and `tsc` comes from TypeScript 7 (@typescript/native).
// Linting is syntactic (no type information), so it stays fast and leaves type errors to `tsc`.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  globalIgnores(['dist/', 'src/api/schema.d.ts', 'src/api/schema-limits.ts']),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ['src/**/*.{ts,tsx}', 'tests/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    // Preact's hooks (preact/hooks) have React's names and rules, so the React plugin checks them as is.
    // Only the two classic rules: the plugin's other rules check code for the React Compiler, which Preact
    // does not use.
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      // `const { label, error, ...rest } = props` names props to keep them out of what is spread on the element.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
    },
  },
  {
    files: ['scripts/**/*.mjs', '*.config.{js,ts}'],
    languageOptions: { globals: globals.node },
  },
);
