import type { Reporter } from './events.js';
import { jsonReport } from './json-report.js';
import { liveView } from './live-view.js';
import { plainLog } from './plain-log.js';

// Picks the subscribers for a run and fans events out to them. `--json` alone replaces the
// human output on stdout (like ansible's json callback); `--json FILE` writes the report
// beside it. On a TTY outside CI the listr2 live view, otherwise the plain log.

export interface ReporterOptions {
  /** true: JSON on stdout instead of the log; a path: also write the JSON report there. */
  json?: string | boolean;
  verbosity: number;
  diff: boolean;
  /** Caller decides: process.stdout.isTTY && !process.env.CI. */
  tty: boolean;
  write?: (text: string) => void;
}

export function createReporter(options: ReporterOptions): Reporter {
  const write = options.write ?? ((text: string) => void process.stdout.write(text));
  const subscribers: Reporter[] = [];
  if (options.json === true) {
    subscribers.push(jsonReport({ write }));
  } else {
    const human = { verbosity: options.verbosity, diff: options.diff, write };
    subscribers.push(options.tty ? liveView(human) : plainLog(human));
    if (typeof options.json === 'string' && options.json !== '') subscribers.push(jsonReport({ path: options.json, write }));
  }
  return fanOut(subscribers);
}

export function fanOut(subscribers: Reporter[]): Reporter {
  return {
    emit: (event) => subscribers.forEach((subscriber) => subscriber.emit(event)),
    close: async () => {
      await Promise.all(subscribers.map((subscriber) => subscriber.close()));
    },
  };
}
