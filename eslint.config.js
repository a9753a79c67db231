// Lint exists mainly to guard the pure core: src/core and src/machines (and the simulator
// and generators, pure given a seed) must not touch node:* modules, the wall clock or
// Math.random: determinism of replay and of seeded runs depends on it.
import tseslint from 'typescript-eslint';

const impure = {
  'no-restricted-imports': [
    'error',
    {
      patterns: [
        { group: ['node:*'], message: 'The pure core must not import node:* modules.' },
        {
          group: ['fs', 'path', 'os', 'crypto', 'child_process', 'worker_threads', 'process'],
          message: 'The pure core must not do I/O.',
        },
      ],
    },
  ],
  'no-restricted-globals': [
    'error',
    { name: 'Date', message: 'Time is data in the pure core: take it from the event or command.' },
    { name: 'process', message: 'The pure core must not read the environment.' },
    { name: 'performance', message: 'The pure core must not read a clock.' },
  ],
  'no-restricted-properties': [
    'error',
    { object: 'Math', property: 'random', message: 'Use the seeded generator (src/sim/rng).' },
  ],
  'no-restricted-syntax': [
    'error',
    { selector: "NewExpression[callee.name='Date']", message: 'No wall clock in the pure core.' },
  ],
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.bench-build/**'] },
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tseslint.parser },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {
      'no-eval': 'error',
      'no-new-func': 'error',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    files: ['src/core/**/*.ts', 'src/machines/**/*.ts', 'src/sim/**/*.ts', 'src/testing/**/*.ts'],
    rules: impure,
  },
);
