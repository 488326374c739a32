// One lint config for the whole repo. protocol/ must stay pure: no runtime modules, no I/O, no clock.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      '.wrangler/**',
      'dist/**',
      'sdk/dist/**',
      'bench/results/**',
      'test-results/**',
      '.state/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['**/*.mjs', 'scripts/**', 'bench/**'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['protocol/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['cloudflare:*'], message: 'protocol/ is pure: no runtime modules.' },
            {
              group: ['node:*', 'fs', 'path', 'http', 'net', 'crypto'],
              message: 'protocol/ is pure: no Node I/O modules.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'fetch', message: 'protocol/ is pure: no I/O.' },
        { name: 'setTimeout', message: 'protocol/ is pure: time is passed in.' },
        { name: 'setInterval', message: 'protocol/ is pure: time is passed in.' },
        { name: 'performance', message: 'protocol/ is pure: time is passed in.' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'protocol/ is pure: pass the time in.' },
        { object: 'Math', property: 'random', message: 'protocol/ is pure: pass randomness in.' },
        { object: 'crypto', property: 'getRandomValues', message: 'protocol/ is pure: pass randomness in.' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'protocol/ is pure: pass the time in.',
        },
      ],
    },
  },
);
