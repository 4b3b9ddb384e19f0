import { shellQuote } from '../../facts/quote.js';
import type { Plan, Step, StepOutput } from '../types.js';
import type { UnitState } from './facts.js';
import type { SystemdArgs } from './schema.js';

// ansible.builtin.systemd over one `systemctl show`: daemon-reload, mask, enable and the
// state change, each only when the unit differs (restarted/reloaded always act).

const ENABLED = new Set(['enabled', 'enabled-runtime', 'static', 'alias', 'indirect', 'generated', 'transient']);
const running = (status: Record<string, string>): boolean => ['active', 'activating', 'reloading'].includes(status['ActiveState'] ?? '');

export function planSystemd(moduleName: string, args: SystemdArgs, unit: UnitState, host: string): Plan {
  if (!unit.systemd) return { steps: [], fail: `${moduleName} needs systemd as the service manager on ${host}; found ${unit.manager}` };
  const acts = args.state !== undefined || args.enabled !== undefined || args.masked !== undefined;
  if (!acts && !args.daemon_reload && !args.daemon_reexec) {
    const names = moduleName.endsWith('.service') ? 'state, enabled' : 'state, enabled, masked, daemon_reload, daemon_reexec';
    return { steps: [], fail: `one of the following is required: ${names}` };
  }
  if (acts && !args.name) return { steps: [], fail: 'name is required when state, enabled or masked is set' };
  const steps: Step[] = [];
  if (args.daemon_reload) steps.push({ kind: 'exec', command: 'systemctl daemon-reload' });
  if (args.daemon_reexec) steps.push({ kind: 'exec', command: 'systemctl daemon-reexec' });
  const before = steps.length;
  if (!args.name) return { steps, result: { changed: false }, collect: collect(steps, '', false) };
  const status = unit.status;
  const q = shellQuote(args.name);
  const force = args.force ? ' --force' : '';
  const isMasked = status['UnitFileState'] === 'masked' || status['LoadState'] === 'masked';
  if (args.masked !== undefined && args.masked !== isMasked) steps.push({ kind: 'exec', command: `systemctl${force} ${args.masked ? 'mask' : 'unmask'} ${q}` });
  const masked = args.masked ?? isMasked;
  if ((args.state !== undefined || args.enabled !== undefined) && status['LoadState'] === 'not-found' && !masked) {
    return { steps: [], fail: `Could not find the requested service ${args.name}: host` };
  }
  const enabled = ENABLED.has(status['UnitFileState'] ?? '');
  if (args.enabled !== undefined && args.enabled !== enabled) steps.push({ kind: 'exec', command: `systemctl${force} ${args.enabled ? 'enable' : 'disable'} ${q}` });
  const action = stateAction(args.state, status);
  const block = args.no_block ? ' --no-block' : '';
  if (action) steps.push({ kind: 'exec', command: `systemctl${block} ${action} ${q}` });
  const result: Record<string, unknown> = {
    name: args.name,
    status,
    ...(args.state !== undefined ? { state: args.state === 'stopped' ? 'stopped' : 'started' } : {}),
    ...(args.enabled !== undefined ? { enabled: args.enabled } : {}),
  };
  const changed = steps.length > before;
  if (!changed) result['changed'] = false;
  return { steps, result, collect: collect(steps, args.name, changed) };
}

function stateAction(state: SystemdArgs['state'], status: Record<string, string>): string | undefined {
  if (state === undefined) return undefined;
  const isRunning = running(status);
  if (state === 'started') return isRunning ? undefined : 'start';
  if (state === 'stopped') return isRunning || status['ActiveState'] === 'deactivating' ? 'stop' : undefined;
  return isRunning ? state.slice(0, -2) : 'start';
}

function collect(steps: Step[], name: string, changed: boolean): (outputs: StepOutput[]) => Record<string, unknown> {
  return (outputs) => {
    const index = outputs.findIndex((o) => o.rc !== 0);
    const failed = outputs[index];
    const step = steps[index];
    if (!failed || step?.kind !== 'exec') return { changed };
    const verb = step.command.split(' ').filter((w) => !w.startsWith('-'))[1] ?? 'manage';
    return { msg: `Unable to ${verb} service ${name}: ${(failed.stderr || failed.stdout).trim()}` };
  };
}
