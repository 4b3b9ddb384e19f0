import { closest, distance } from 'fastest-levenshtein';

/** The nearest candidate when it is close enough to be a plausible typo. */
export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  if (candidates.length === 0) return undefined;
  // Two swapped letters ('unitl', 'flie') are one slip of the fingers but two Levenshtein edits.
  const swapped = candidates.find((candidate) => isAdjacentSwap(word, candidate));
  if (swapped) return swapped;
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

function isAdjacentSwap(word: string, candidate: string): boolean {
  if (word.length !== candidate.length || word === candidate) return false;
  const at = [...word].findIndex((char, i) => char !== candidate[i]);
  return word[at] === candidate[at + 1] && word[at + 1] === candidate[at] && word.slice(at + 2) === candidate.slice(at + 2);
}
