import { quote } from 'shell-quote';

/** Quotes one word for POSIX sh (facts and module steps both use this). */
export function shellQuote(word: string): string {
  return quote([word]);
}
