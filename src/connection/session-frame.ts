// One request's output stream inside a shell session (session.ts): the command's bytes, then
// the session's trailer `<marker><tail>\n`, where the marker carries the request's random
// nonce so no output can end a request early. Bytes are passed on as they arrive, except a
// final few that could be the start of the marker; those wait for the next chunk.

export interface TrailerScan {
  /** Text between the marker and the newline (the exit status on stdout, empty on stderr). */
  tail: string;
  /** Bytes after the trailer's newline: output nobody asked for (a leftover background process). */
  extra: Buffer;
}

export class TrailerScanner {
  #held: Buffer = Buffer.alloc(0);
  /** Set once the marker was seen: bytes of the trailer collected so far. */
  #trailer: Buffer | undefined;

  constructor(
    private readonly marker: Buffer,
    private readonly deliver: (chunk: Buffer) => void,
  ) {}

  /** Feeds one chunk; returns the scan once the whole trailer has arrived. */
  push(chunk: Buffer): TrailerScan | undefined {
    if (this.#trailer) return this.#collectTrailer(chunk);
    const data = this.#held.length === 0 ? chunk : Buffer.concat([this.#held, chunk]);
    const at = data.indexOf(this.marker);
    if (at >= 0) {
      if (at > 0) this.deliver(data.subarray(0, at));
      this.#held = Buffer.alloc(0);
      this.#trailer = Buffer.alloc(0);
      return this.#collectTrailer(data.subarray(at + this.marker.length));
    }
    const keep = partialMarkerLength(data, this.marker);
    if (data.length > keep) this.deliver(data.subarray(0, data.length - keep));
    this.#held = keep === 0 ? Buffer.alloc(0) : Buffer.from(data.subarray(data.length - keep));
    return undefined;
  }

  /** What was held back, for a stream that ended without its trailer. */
  flush(): void {
    if (this.#held.length > 0) this.deliver(this.#held);
    this.#held = Buffer.alloc(0);
  }

  #collectTrailer(chunk: Buffer): TrailerScan | undefined {
    const trailer = Buffer.concat([this.#trailer ?? Buffer.alloc(0), chunk]);
    const newline = trailer.indexOf(0x0a);
    if (newline < 0) {
      this.#trailer = trailer;
      return undefined;
    }
    return { tail: trailer.subarray(0, newline).toString('latin1'), extra: trailer.subarray(newline + 1) };
  }
}

/** Length of the longest end of `data` that is a beginning of `marker` (shorter than the marker). */
export function partialMarkerLength(data: Buffer, marker: Buffer): number {
  const first = marker[0];
  for (let start = Math.max(0, data.length - marker.length + 1); start < data.length; start++) {
    if (data[start] !== first) continue;
    if (data.subarray(start).equals(marker.subarray(0, data.length - start))) return data.length - start;
  }
  return 0;
}
