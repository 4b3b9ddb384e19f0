import { shellQuote } from '../../facts/quote.js';
import type { Fact } from '../../facts/types.js';

/** Hex digest of a regular file with coreutils' ALGsum; null when it is not a readable file. */
export function checksumFact(path: string, algorithm: string): Fact<string | null> {
  const p = shellQuote(path);
  return {
    key: `checksum:${algorithm}:${path}`,
    script: `if [ -f ${p} ] && [ -r ${p} ]; then ${algorithm}sum < ${p} | cut -d' ' -f1; fi`,
    parse: (stdout) => stdout.trim() || null,
  };
}

/** Which downloader the host has. */
export const downloaderFact: Fact<'curl' | 'wget' | null> = {
  key: 'downloader',
  script: 'if command -v curl >/dev/null 2>&1; then echo curl; elif command -v wget >/dev/null 2>&1; then echo wget; fi',
  parse: (stdout) => {
    const tool = stdout.trim();
    return tool === 'curl' || tool === 'wget' ? tool : null;
  },
};
