import { inspect } from 'node:util';

// Secrets are masked by value, not by path: once a vault value has been revealed, any
// string the engine prints, logs or reports is passed through `redact`, so the value stays
// hidden however it travelled (templated into a file, a command, an error message).

export const MASK = '********';
/** Shorter values would mask ordinary words in output; vault values that short are not secrets worth the noise. */
const MIN_MASKED_LENGTH = 4;

const known = new Set<string>();
let pattern: RegExp | undefined;

export function registerSecret(value: string): void {
  for (const candidate of [value, value.trim()]) {
    if (candidate.length >= MIN_MASKED_LENGTH && !known.has(candidate)) {
      known.add(candidate);
      pattern = undefined;
    }
  }
}

export function hasSecrets(): boolean {
  return known.size > 0;
}

/** True when `text` contains any registered secret (used to keep secrets out of remote argv). */
export function containsSecret(text: string): boolean {
  if (known.size === 0) return false;
  return compiled().test(text);
}

export function redact(text: string): string {
  if (known.size === 0) return text;
  return text.replace(compiled(), MASK);
}

/** Deep-redacts a JSON-like value (for reports and registered results). */
export function redactValue<T>(value: T): T {
  if (known.size === 0) return value;
  return JSON.parse(redact(JSON.stringify(value, (_k, v: unknown) => (v instanceof Secret ? MASK : v)) ?? 'null')) as T;
}

function compiled(): RegExp {
  if (!pattern) {
    // Longest first so a secret containing another is masked whole.
    const alternatives = [...known].sort((a, b) => b.length - a.length).map(escapeRegExp);
    pattern = new RegExp(alternatives.join('|'), 'g');
  }
  pattern.lastIndex = 0;
  return pattern;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A value that came from the vault. Decrypts lazily; revealing registers it for redaction.
 * Templates see the plaintext (toString); printers and JSON see the mask.
 */
export class Secret {
  #value: string | undefined;

  constructor(
    private readonly decrypt: () => string,
    /** Where it came from, e.g. "group_vars/all/vault.yml:3:12". */
    readonly origin: string,
  ) {}

  static of(value: string, origin: string): Secret {
    return new Secret(() => value, origin);
  }

  reveal(): string {
    if (this.#value === undefined) {
      this.#value = this.decrypt();
      registerSecret(this.#value);
    }
    return this.#value;
  }

  toString(): string {
    return this.reveal();
  }

  toJSON(): string {
    return MASK;
  }

  [inspect.custom](): string {
    return MASK;
  }
}

export function isSecret(value: unknown): value is Secret {
  return value instanceof Secret;
}

/** Clears the registry; tests only. */
export function resetSecretsForTests(): void {
  known.clear();
  pattern = undefined;
}
