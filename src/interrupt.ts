// An interrupt must never kill `apply` between a temp file and its rename, nor before the
// recap: from the launcher's first line, SIGINT only raises a signal; apply stops at the next
// safe point, prints what was done and exits 99. A second SIGINT exits at once.

let current: AbortController | undefined;
let early = false;
let listening = false;

/** Installs the process's SIGINT handler (once); an interrupt before any apply started is kept. */
export function catchInterrupts(): void {
  if (listening) return;
  listening = true;
  process.on('SIGINT', () => {
    if (!current) early = true;
    else if (current.signal.aborted) process.exit(99);
    else current.abort();
  });
}

/** The signal one apply run watches; `release` when the run is over. */
export function interruptScope(): { signal: AbortSignal; release: () => void } {
  catchInterrupts();
  const controller = new AbortController();
  if (early) {
    early = false;
    controller.abort();
  }
  current = controller;
  return { signal: controller.signal, release: () => void (current === controller && (current = undefined)) };
}
