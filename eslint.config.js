// @ts-check
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const UI_LIBRARIES = [
  'react',
  'react-dom',
  '@tanstack/react-query',
  'zustand',
  'echarts',
  'echarts-for-react',
];

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', 'coverage/', 'test-results/', 'playwright-report/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'separate-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true },
      ],
      // The CockpitApi is async by contract (it may move to a worker) even where today's body is sync.
      '@typescript-eslint/require-await': 'off',
      'no-console': 'error',
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
    rules: { ...tseslint.configs.disableTypeChecked.rules, 'no-console': 'off' },
  },
  // The core runs headless: no Electron, no React, no DOM.
  {
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'src/ runs without Electron; put this in electron/.' },
            ...UI_LIBRARIES.map((name) => ({
              name,
              message: 'src/ runs without a UI; put this in renderer/.',
            })),
          ],
          patterns: [
            { regex: '^(\\.\\./)+(electron|renderer)/', message: 'src/ never imports the hosts or the UI.' },
          ],
        },
      ],
    },
  },
  // The desktop host: Electron + the core, never the UI.
  {
    files: ['electron/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: UI_LIBRARIES.map((name) => ({ name, message: 'electron/ does not render UI.' })),
          patterns: [
            {
              regex: '^(\\.\\./)+renderer/',
              message: 'electron/ loads the built renderer, never its source.',
            },
          ],
        },
      ],
    },
  },
  // The renderer talks only to a CockpitApi transport: types from src/api and src/domain, and values
  // only from the zod-free, Node-free modules written for it (src/domain/values; src/api/methods, the
  // client built from it, and the wire envelopes).
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message: 'The renderer has no Electron access; use the CockpitApi transport.',
            },
            { name: 'better-sqlite3', message: 'The renderer never opens the database; use the CockpitApi.' },
            { name: 'fs', message: 'The renderer has no Node access.' },
            { name: 'path', message: 'The renderer has no Node access.' },
            { name: 'zod', message: 'Validation lives in src/api; the renderer imports its types only.' },
          ],
          patterns: [
            { regex: '^node:', message: 'The renderer has no Node access.' },
            {
              regex: '^(\\.\\./)+src/(?!api/|domain/)',
              message: 'The renderer may import only types from src/api and src/domain.',
            },
            {
              regex: '^(\\.\\./)+src/(?!domain/values\\.js$|api/(methods|client|wire)\\.js$)',
              allowTypeImports: true,
              message:
                'The renderer may import only types from src/ (use `import type`); values come from src/domain/values.js or src/api/{methods,client,wire}.js.',
            },
            { regex: '^(\\.\\./)+electron/', message: 'The renderer never imports the desktop host.' },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.{ts,tsx}'],
    rules: {
      'no-console': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  // The demo is used from outside only through its entry; tests may reach its internals. The
  // typescript-eslint rule, so these options add to (not replace) the blocks above.
  {
    files: ['src/**/*.ts', 'electron/**/*.ts'],
    ignores: ['src/demo/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.\\.?/(\\.\\./)*(src/)?demo/(?!index\\.js$)',
              message: 'Import the demo through src/demo/index.js; its folders are internal.',
            },
          ],
        },
      ],
    },
  },
  // The estate is the simulated company; the protocol servers read it, never the other way round.
  {
    files: ['src/demo/estate/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.\\./alertmanager/',
              message: 'The estate knows no protocol; move what both need into src/demo/estate/.',
            },
          ],
        },
      ],
    },
  },
  prettier,
);
