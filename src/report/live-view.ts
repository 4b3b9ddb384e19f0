import type { ListrTaskWrapper, ProcessOutput } from 'listr2';
import { redact } from '../secret.js';
import type { HostStatus, Reporter, RunEvent } from './events.js';
import { visibleResult } from './format-result.js';
import { plainLog } from './plain-log.js';
import { unifiedDiff } from './unified-diff.js';

// The TTY view: one listr2 list per task, a line per host that shows its state, the last
// output line of a long command and, when done, the elapsed time. Events arrive synchronously;
// lists render one after another, so each task's list is queued behind the previous one.
// Play banners, warnings, failures, diffs and the recap are printed between lists, in
// Ansible's words, by the plain log.

export interface LiveViewOptions {
  verbosity: number;
  diff: boolean;
  write: (text: string) => void;
  /** "default" on a terminal; tests use "simple" with their own processOutput. */
  renderer?: 'default' | 'simple';
  processOutput?: ProcessOutput;
}

type HostResult = Extract<RunEvent, { type: 'host-result' }>;
type Wrapper = ListrTaskWrapper<unknown, typeof import('listr2').DefaultRenderer, typeof import('listr2').SimpleRenderer>;

/** One host's line in the current task; updates wait here until listr starts the line. */
class HostLine {
  title: string;
  output: string | undefined;
  wrapper: Wrapper | undefined;
  skipped = false;
  readonly settled: Promise<Error | undefined>;
  settle!: (error?: Error) => void;

  constructor(readonly host: string) {
    this.title = `${host}: running`;
    this.settled = new Promise((resolve) => (this.settle = resolve));
  }

  update(title: string | undefined, output?: string): void {
    if (title !== undefined) this.title = redact(title);
    if (output !== undefined) this.output = redact(output);
    if (!this.wrapper) return;
    if (title !== undefined) this.wrapper.title = this.title;
    if (this.output !== undefined && output !== undefined) this.wrapper.output = this.output;
  }

  /** listr started this host's line: show what arrived before it did. */
  attach(wrapper: Wrapper): void {
    this.wrapper = wrapper;
    wrapper.title = this.title;
    if (this.output !== undefined) wrapper.output = this.output;
  }
}

export function liveView(options: LiveViewOptions): Reporter {
  const log = plainLog(options);
  let chain: Promise<void> = Promise.resolve();
  let lines = new Map<string, HostLine>();
  const later = (fn: () => unknown): void => {
    chain = chain.then(async () => void (await fn()));
  };
  const settleAll = (): void => lines.forEach((line) => line.settle());
  return {
    emit(event) {
      switch (event.type) {
        case 'task-start': {
          settleAll();
          lines = new Map(event.hosts.map((host) => [host, new HostLine(host)]));
          const current = lines;
          const title = `${event.handler ? 'RUNNING HANDLER' : 'TASK'} [${event.name.trim()}]`;
          later(() => runList(title, [...current.values()], options));
          return;
        }
        case 'host-result':
          return hostResult(lines, event, (what) => {
            if (what === 'event') later(() => log.emit(event));
            else if (options.diff) later(() => options.write(redact(unifiedDiff(event.diff ?? []))));
          });
        case 'host-output':
          lines.get(event.host)?.update(undefined, event.line);
          return;
        default:
          if (event.type === 'play-start' || event.type === 'recap' || event.type === 'interrupted') settleAll();
          later(() => log.emit(event));
      }
    },
    close: async () => {
      settleAll();
      await chain;
    },
  };
}

const LABEL: Record<HostStatus, string> = { ok: 'ok', changed: 'changed', skipped: 'skipping', failed: 'FAILED', unreachable: 'UNREACHABLE' };

function hostResult(lines: Map<string, HostLine>, event: HostResult, print: (what: 'event' | 'diff') => void): void {
  const line = lines.get(event.host);
  const label = `${event.host}: ${LABEL[event.status]}`;
  if (event.status === 'changed' && event.diff?.length && !event.noLog) print('diff');
  if (event.item !== undefined) {
    line?.update(`${label} (item=${event.noLog ? '(censored due to no_log)' : event.item})`);
    if (event.status === 'failed') print('event');
    return;
  }
  const failed = (event.status === 'failed' || event.status === 'unreachable') && !event.ignored;
  // Failures are printed in full, in Ansible's words, once the list is done.
  if (failed || event.ignored) print('event');
  if (!line) return;
  line.update(event.ignored ? `${label} (ignored)` : label);
  line.skipped = event.status === 'skipped';
  const msg = visibleResult(event).msg;
  line.settle(failed ? new Error(redact(typeof msg === 'string' ? msg : label)) : undefined);
}

async function runList(title: string, hosts: HostLine[], options: LiveViewOptions): Promise<void> {
  // listr2 (tens of ms to load) only once a list is drawn: CI logs and --json runs never load it.
  const { Listr, ListrLogger, PRESET_TIMER } = await import('listr2');
  const output = options.processOutput ? { logger: new ListrLogger({ useIcons: true, processOutput: options.processOutput }) } : {};
  const list = new Listr(
    [
      {
        title: redact(title),
        task: (_ctx, task) =>
          task.newListr(
            hosts.map((line) => ({
              title: line.title,
              task: async (_c: unknown, wrapper: Wrapper) => {
                line.attach(wrapper);
                const error = await line.settled;
                if (error) throw error;
                if (line.skipped) wrapper.skip();
              },
            })),
            { concurrent: true, exitOnError: false },
          ),
      },
    ],
    {
      renderer: options.renderer ?? 'default',
      rendererOptions: { timer: PRESET_TIMER, collapseSubtasks: false, collapseErrors: false, ...output },
      fallbackRenderer: 'simple',
      fallbackRendererOptions: { timer: PRESET_TIMER, ...output },
      exitOnError: false,
      // The runner owns SIGINT (it stops scheduling and emits `interrupted`).
      registerSignalListeners: false,
    },
  );
  await list.run().catch(() => undefined);
}
