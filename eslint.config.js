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

// src/ runs headless (no Electron, no React, no DOM) and in layers: data flows backends → connectors
// → poller → cache → api → hosts, and a layer never imports one above it (ARCHITECTURE.md).
const HEADLESS_PATHS = [
  { name: 'electron', message: 'src/ runs without Electron; put this in electron/.' },
  ...UI_LIBRARIES.map((name) => ({ name, message: 'src/ runs without a UI; put this in renderer/.' })),
];
const HEADLESS = {
  regex: '^(\\.\\./)+(electron|renderer)/',
  message: 'src/ never imports the hosts or the UI.',
};
const DEMO_ENTRY_ONLY = {
  regex: '^\\.\\.?/(\\.\\./)*(src/)?demo/(?!index\\.js$)',
  message: 'Import the demo through src/demo/index.js; its folders are internal.',
};
/** A relative import of one of `folders` (or of src/core.ts when `core`) from anywhere below src/. */
const above = (folders, message, core = true) => [
  { regex: `^(\\.\\./)+(${folders.join('|')})/`, message },
  ...(core ? [{ regex: '^(\\.\\./)+core\\.js$', message }] : []),
];
const HOSTS = ['server', 'worker', 'cli'];
const layer = (files, patterns, options = {}) => ({
  files,
  ignores: options.ignores ?? [],
  rules: {
    '@typescript-eslint/no-restricted-imports': [
      'error',
      { paths: [...HEADLESS_PATHS, ...(options.paths ?? [])], patterns: [HEADLESS, ...patterns] },
    ],
  },
});
const SRC_LAYERS = [
  layer(['src/**/*.ts'], [DEMO_ENTRY_ONLY], { ignores: ['src/demo/**'] }),
  layer(['src/domain/**/*.ts'], [{ regex: '^\\.\\./', message: 'src/domain/ imports nothing but itself.' }], {
    paths: [{ name: 'zod', message: 'src/domain/ is zod-free: the renderer and the preload import it.' }],
  }),
  layer(
    ['src/{http,config,connectors,cache,analysis}/**/*.ts'],
    [
      DEMO_ENTRY_ONLY,
      ...above(
        ['api', 'poller', 'notifications', ...HOSTS],
        'A layer below the poller never imports the poller, the api, notifications or a host; pass what it needs in.',
      ),
    ],
  ),
  layer(
    ['src/poller/**/*.ts'],
    [
      DEMO_ENTRY_ONLY,
      ...above(
        ['api', 'cache', 'notifications', ...HOSTS],
        'The poller hands results up through onResult; it never imports the cache, the api or a host.',
      ),
    ],
  ),
  layer(
    ['src/notifications/**/*.ts'],
    [
      DEMO_ENTRY_ONLY,
      ...above(
        ['cache', 'connectors', 'poller', ...HOSTS],
        'Notifications decide over what the core passes in; they never read the cache or the network themselves.',
      ),
      {
        regex: '^(\\.\\./)+api/(?!wire\\.js$)',
        message: 'Notifications may import only the wire types of the api.',
      },
      {
        regex: '^(\\.\\./)+api/wire\\.js$',
        allowTypeImports: true,
        message: 'Notifications import only types from the api.',
      },
    ],
  ),
  layer(
    ['src/api/**/*.ts'],
    [DEMO_ENTRY_ONLY, ...above(HOSTS, 'The api never imports a host; hosts import the api.')],
  ),
  layer(
    ['src/demo/estate/**/*.ts'],
    [
      {
        regex: '^\\.\\./alertmanager/',
        message: 'The estate knows no protocol; move what both need into src/demo/estate/.',
      },
    ],
  ),
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
  ...SRC_LAYERS,
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
  // The demo is used from outside only through its entry (src/ has the same rule in SRC_LAYERS).
  {
    files: ['electron/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [DEMO_ENTRY_ONLY] }],
    },
  },
  prettier,
);
