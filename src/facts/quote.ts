import { quote } from 'shell-quote';

/** Words shell-quote leaves exactly as they are (most paths): answered without calling it. */
const PLAIN_WORD = /^[A-Za-z0-9_./%+-]+$/;

/** Quotes one word for POSIX sh (facts and module steps both use this). */
export function shellQuote(word: string): string {
  // Fact snippets quote a path several times per task and host; this is the common case.
  return PLAIN_WORD.test(word) ? word : quote([word]);
}
