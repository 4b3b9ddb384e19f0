// Turns output chunks into complete lines for RunOptions.onOutput (progress display).

export class LineSplitter {
  #pending = '';

  constructor(private readonly emit: (line: string) => void) {}

  push(chunk: Buffer): void {
    const lines = (this.#pending + chunk.toString('utf8')).split('\n');
    this.#pending = lines.pop() ?? '';
    for (const line of lines) this.emit(line);
  }

  flush(): void {
    if (this.#pending !== '') this.emit(this.#pending);
    this.#pending = '';
  }
}
