// Lint rules. The determinism rules are the important ones: nothing in the
// engine, the strategies or the scenarios may read the wall clock or draw from
// an unseeded random source (DESIGN.md, decision 1).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nondeterminism = [
  { object: 'Math', property: 'random', message: 'Use a seeded stream from sim/engine/random.ts.' },
  { object: 'Date', property: 'now', message: 'Read simulated time from the engine.' },
  { object: 'performance', property: 'now', message: 'Read simulated time from the engine.' },
];

export default tseslint.config(
  { ignores: ['.scratch*/**', '.bench-build/**', '.test-build/**', 'dist/**', 'out/**', 'node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'prefer-const': 'error',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    // Build scripts run in Node.
    files: ['**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
  {
    // The command's launcher (scenarios/cli/launcher.cjs) is a CommonJS script.
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { process: 'readonly', require: 'readonly', module: 'writable', __dirname: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['sim/**/*.ts', 'strategies/**/*.ts', 'scenarios/**/*.ts', 'reports/**/*.ts'],
    rules: {
      'no-restricted-properties': ['error', ...nondeterminism],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'No wall clock in the simulation.' },
        {
          selector: "CallExpression[callee.name='assert'] > TemplateLiteral",
          message: 'assert() arguments are built on every call: write `if (!cond) fail(`...`)` to build the message only on failure.',
        },
      ],
    },
  },
);
