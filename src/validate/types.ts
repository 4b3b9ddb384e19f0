export interface ValidationResult {
  file: string;
  validator: string;
  status: 'ok' | 'failed' | 'skipped';
  /** Why it failed (the tool's output) or how to stop skipping it ("install shellcheck"). */
  detail: string;
}

/** A validator for one kind of file. `matches` looks at the path relative to the rendered tree. */
export interface FileValidator {
  name: string;
  matches(relativePath: string, firstLine: string): boolean;
  run(file: string, scratch: string): Promise<Omit<ValidationResult, 'file' | 'validator'>>;
}
