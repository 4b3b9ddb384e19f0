// Bounds concurrent channels on one SSH connection: OpenSSH refuses channels beyond
// MaxSessions (default 10), so extra commands wait for a free slot instead of failing.

export class ChannelLimit {
  #active = 0;
  readonly #waiting: Array<() => void> = [];

  constructor(readonly max: number) {}

  async acquire(): Promise<void> {
    if (this.#active < this.max) {
      this.#active += 1;
      return;
    }
    // The releasing caller hands its slot over directly, so #active stays unchanged.
    await new Promise<void>((resolve) => this.#waiting.push(resolve));
  }

  release(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#active -= 1;
  }
}
