import { quote } from 'shell-quote';
import { describe, expect, it } from 'vitest';
import { shellQuote } from '../../../src/facts/quote.js';

// shellQuote answers plain words itself; its output must stay shell-quote's, byte for byte
// (module fixtures compare the exact command lines).

describe('shellQuote', () => {
  it('quotes every ASCII character as shell-quote does, alone and inside a word', () => {
    for (let code = 0; code < 128; code++) {
      const c = String.fromCharCode(code);
      for (const word of [c, `a${c}b`, `/etc/${c}${c}`]) expect(shellQuote(word), JSON.stringify(word)).toBe(quote([word]));
    }
  });

  it('quotes paths, empty words and words with quotes as shell-quote does', () => {
    for (const word of ['', '/etc/ssh/sshd_config.d/10-claw.conf', 'a=b', "it's", 'say "hi"', '$HOME', 'a b', 'C:\\x', 'x!y', '~/f']) {
      expect(shellQuote(word)).toBe(quote([word]));
    }
  });
});
