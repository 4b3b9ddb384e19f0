import type { Reporter, RunEvent } from '../report/events.js';
import { jsonReport } from '../report/json-report.js';
import { plainLog } from '../report/plain-log.js';
import type { ApplyOptions } from './apply-options.js';

// The subscribers of an apply run: the plain ansible-playbook log, plus the --json report
// (on stdout, the log then goes to stderr so stdout stays one JSON document).

export function createApplyReporter(options: ApplyOptions, write: (text: string) => void): Reporter {
  const reporters: Reporter[] = [];
  const jsonOnStdout = options.json === true;
  const logWrite = jsonOnStdout ? (text: string) => void process.stderr.write(text) : write;
  reporters.push(plainLog({ verbosity: options.verbosity, diff: options.diff, write: logWrite }));
  if (options.json !== undefined) reporters.push(jsonReport({ path: options.json === true ? undefined : options.json, write }));
  return fanOut(reporters);
}

export function fanOut(reporters: Reporter[]): Reporter {
  return {
    emit: (event: RunEvent) => reporters.forEach((reporter) => reporter.emit(event)),
    close: async () => {
      for (const reporter of reporters) await reporter.close();
    },
  };
}
