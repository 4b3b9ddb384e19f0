// An interrupt must never kill `apply` between a temp file and its rename, nor before the
// recap: from the launcher's first line, SIGINT only raises this signal; apply stops at the
// next safe point, prints what was done and exits 99. A second SIGINT exits at once.

const controller = new AbortController();
let listening = false;

export function catchInterrupts(): AbortSignal {
  if (!listening) {
    listening = true;
    process.on('SIGINT', () => {
      if (controller.signal.aborted) process.exit(99);
      controller.abort();
    });
  }
  return controller.signal;
}
