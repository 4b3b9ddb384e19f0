import { closest, distance } from 'fastest-levenshtein';

/** The nearest candidate when it is close enough to be a plausible typo. */
export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  if (candidates.length === 0) return undefined;
  const best = closest(word, [...candidates]);
  // Judge by the last dotted part: a shared "ansible.builtin." must not make 'user' look like 'assert'.
  const limit = Math.max(1, Math.floor((word.split('.').pop() ?? word).length / 3));
  return distance(word, best) <= limit ? best : undefined;
}

/** "did you mean 'x'?" or a list of what is valid, for an error hint. */
export function suggestionHint(word: string, candidates: readonly string[], noun = 'keywords'): string {
  const best = didYouMean(word, candidates);
  if (best) return `did you mean '${best}'?`;
  const shown = [...candidates].sort().slice(0, 40);
  return `valid ${noun}: ${shown.join(', ')}${candidates.length > shown.length ? ', ...' : ''}`;
}
