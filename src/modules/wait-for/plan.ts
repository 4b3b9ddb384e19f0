import { shellQuote } from '../../facts/quote.js';
import type { ModuleContext, Plan, StepOutput } from '../types.js';

// wait_for runs as one shell loop on the host (bash's /dev/tcp, or nc when there is no bash),
// so the wait happens where Ansible's does. It does not support check mode in Ansible 2.14,
// so under --check it is skipped with Ansible's message.

export interface WaitForArgs {
  host: string;
  port?: number;
  path?: string;
  state: 'absent' | 'drained' | 'present' | 'started' | 'stopped';
  timeout: number;
  connect_timeout: number;
  delay: number;
  sleep: number;
  search_regex?: string;
  msg?: string;
  exclude_hosts?: string[];
}

export function planWaitFor(args: WaitForArgs, ctx: Pick<ModuleContext, 'check' | 'forceRun'>): Plan {
  const refused = argumentError(args);
  if (refused) return { steps: [], fail: refused, result: { elapsed: 0 } };
  if (ctx.check && !ctx.forceRun) return { steps: [], skip: 'remote module (wait_for) does not support check mode' };
  const script = [
    `start=$(date +%s)`,
    `probe() { if command -v bash >/dev/null 2>&1; then timeout ${args.connect_timeout} bash -c 'exec 3<>"/dev/tcp/$0/$1"' ${shellQuote(args.host)} ${args.port ?? 0} 2>/dev/null; else nc -z -w ${args.connect_timeout} ${shellQuote(args.host)} ${args.port ?? 0} 2>/dev/null; fi; }`,
    `ready() { ${condition(args)}; }`,
    args.delay > 0 ? `sleep ${args.delay}` : ':',
    `while :; do`,
    `  if ready; then echo "elapsed=$(( $(date +%s) - start ))"; exit 0; fi`,
    `  if [ $(( $(date +%s) - start )) -ge ${args.timeout} ]; then echo "elapsed=$(( $(date +%s) - start ))"; exit 1; fi`,
    `  sleep ${args.sleep}`,
    `done`,
  ].join('\n');
  const result = { state: args.state, port: args.port ?? null, path: args.path ?? null, search_regex: args.search_regex ?? null, match_groups: [], match_groupdict: {} };
  return { steps: [{ kind: 'exec', command: script, allowFailure: true }], result, collect: (outputs) => collect(args, outputs[0]) };
}

function argumentError(args: WaitForArgs): string | undefined {
  if (args.port !== undefined && args.path !== undefined) return 'port and path parameter can not both be passed to wait_for';
  if (args.path !== undefined && args.state === 'stopped') return 'state=stopped should only be used for checking a port in the wait_for module';
  if (args.state === 'drained') return 'state=drained is not supported by claw-provision';
  if (args.exclude_hosts !== undefined) return 'exclude_hosts should only be with state=drained';
  return undefined;
}

/** The shell test that is true once the wait is over. */
function condition(args: WaitForArgs): string {
  const gone = args.state === 'absent' || args.state === 'stopped';
  if (args.port !== undefined) return gone ? '! probe' : 'probe';
  if (args.path !== undefined) {
    const p = shellQuote(args.path);
    if (gone) return `[ ! -e ${p} ]`;
    return args.search_regex !== undefined ? `[ -e ${p} ] && grep -Eq -- ${shellQuote(args.search_regex)} ${p}` : `[ -e ${p} ]`;
  }
  // Neither port nor path: just wait `timeout` seconds, as Ansible does.
  return 'false';
}

function collect(args: WaitForArgs, output: StepOutput | undefined): Record<string, unknown> {
  const elapsed = Number(/elapsed=(\d+)/.exec(output?.stdout ?? '')?.[1] ?? 0);
  const waitOnly = args.port === undefined && args.path === undefined;
  if (output?.rc === 0 || (waitOnly && output?.rc === 1)) return { changed: false, elapsed };
  return { changed: false, failed: true, elapsed, msg: args.msg ?? timeoutMessage(args) };
}

function timeoutMessage(args: WaitForArgs): string {
  const gone = args.state === 'absent' || args.state === 'stopped';
  if (args.port !== undefined) return gone ? `Timeout when waiting for ${args.host}:${args.port} to stop.` : `Timeout when waiting for ${args.host}:${args.port}`;
  if (gone) return `Timeout when waiting for ${args.path} to be absent.`;
  return args.search_regex !== undefined ? `Timeout when waiting for search string ${args.search_regex} in ${args.path}` : `Timeout when waiting for file ${args.path}`;
}
