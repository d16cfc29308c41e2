// @ts-check
// Typed lint over every TypeScript file: each file is checked with the tsconfig nearest to it
// (projectService), so the extension, webview, engine and test programs keep their own libs.
import tseslint from 'typescript-eslint';

/** Top-level folders of src/ that the engine must not reach into: it runs in trainers, the CLI and tests alike. */
const outsideCore = ['host', 'trainer', 'cli', 'extension', 'protocol'];

/** `../` repeated, then one of `folders`: a relative import that leaves the current layer for them. */
const leavingFor = (folders) => `^(\\.\\./)+(${folders.join('|')})(/|$)`;

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test/e2e/.work/**', 'src/typings/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  {
    files: ['**/*.ts'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { '@typescript-eslint': tseslint.plugin },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // node:test's test() returns a promise the runner itself awaits.
      '@typescript-eslint/no-floating-promises': ['error', {
        allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['test', 'describe', 'it', 'suite'] }],
      }],
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    // The engine imports neither the layers that use it nor the VS Code API (DESIGN.md §2).
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'src/core runs outside VS Code: no vscode API here.' }],
        patterns: [{ regex: leavingFor(outsideCore), message: 'src/core imports none of host, trainer, cli, extension or protocol.' }],
      }],
    },
  },
  {
    // Host logic is shared with tests that run without VS Code; only src/extension talks to the API.
    files: ['src/host/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'src/host is vscode-free; use it from src/extension.' }],
        patterns: [{ regex: leavingFor(['extension']), message: 'src/host must not import src/extension.' }],
      }],
    },
  },
);
