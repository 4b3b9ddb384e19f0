import { afterEach, expect, test, vi } from 'vitest';
import { main } from '../../../src/cli/main.js';
import { VERSION } from '../../../src/version.js';

// `--version` is answered before commander loads (start-up time, see bench/NOTES.md); the
// commander path must still map its own errors to exit codes without importing its class.

afterEach(() => vi.restoreAllMocks());

test('--version prints the version and exits 0', async () => {
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  expect(await main(['--version'])).toBe(0);
  expect(out).toHaveBeenCalledWith(`${VERSION}\n`);
});

test('an unknown option is still a bad-options exit (5)', async () => {
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  expect(await main(['--no-such-option'])).toBe(5);
});

test('--help still exits 0', async () => {
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  expect(await main(['--help'])).toBe(0);
});
