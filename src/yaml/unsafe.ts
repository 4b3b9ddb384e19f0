// `!unsafe` marks text Ansible must never template (it may contain `{{` literally).
// The templater checks `instanceof UnsafeText` and returns the text untouched.
export class UnsafeText {
  constructor(readonly text: string) {}

  toString(): string {
    return this.text;
  }

  toJSON(): string {
    return this.text;
  }
}

export function isUnsafeText(value: unknown): value is UnsafeText {
  return value instanceof UnsafeText;
}
