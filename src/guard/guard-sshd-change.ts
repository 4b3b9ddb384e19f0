import type { Become, Connection, ConnectionSpec, RunResult } from '../connection/types.js';
import { shellQuote } from '../facts/quote.js';
import type { ModuleResult } from '../modules/types.js';
import { armScript, disarmScript, fireScript, type RevertSpec } from './revert-script.js';

// A change to sshd's configuration, made so that it cannot lock the operator out:
// arm a revert on the host, apply, validate the full config (`sshd -t`), reload, then prove
// that a NEW connection with the settings the next task will use works. Only then disarm;
// otherwise restore over the still-open old session (or let the host's timer do it).

export interface SshdChange extends RevertSpec {
  /** The main config `sshd -t -f` validates (it includes the drop-ins). */
  mainConfig: string;
  sshdBinary: string;
  /** The connection the task runs on (opened with `currentSpec`). */
  connection: Connection;
  become: Become | undefined;
  currentSpec: ConnectionSpec;
  /** The spec the next task will use, re-resolved from the host's variables after the change. */
  nextSpec(): ConnectionSpec;
  /** Opens a fresh connection (never the pooled one: it must prove a NEW login works). */
  open(spec: ConnectionSpec): Promise<Connection>;
  sleep(ms: number): Promise<void>;
  /** Runs the task for real; the guard only wraps it. */
  apply(): Promise<ModuleResult>;
}

type Shell = (script: string) => Promise<RunResult>;

export async function guardSshdChange(change: SshdChange): Promise<ModuleResult> {
  const sh: Shell = (script) => change.connection.run(script, { become: change.become });
  const armed = await sh(armScript(change));
  const dir = armed.stdout.trim().split('\n').pop() ?? '';
  if (armed.rc !== 0 || !dir.startsWith('/')) {
    return failed(`lockout guard: cannot arm the revert of ${change.path} before changing it (rc ${armed.rc}: ${oneLine(armed.stderr)})`);
  }
  const outcome = await change.apply();
  if (outcome.failed || !outcome.changed) {
    // Nothing reached sshd: put the file back as it was (a no-op when the write never happened).
    await sh(outcome.failed ? fireScript(dir, false) : disarmScript(dir));
    return outcome;
  }
  const problem = await confirm(change, dir, sh);
  // Rolled back: the host is as before the task, so nothing is reported changed.
  if (problem) return { ...problem, rolled_back: true };
  return { ...outcome, lockout_guard: 'confirmed by a new connection with the next settings' };
}

/** Validate, reload, probe; undefined when the change is confirmed and the revert disarmed. */
async function confirm(change: SshdChange, dir: string, sh: Shell): Promise<ModuleResult | undefined> {
  const verdict = await sh(`${change.sshdBinary} -t -f ${shellQuote(change.mainConfig)}`);
  if (verdict.rc !== 0) {
    await sh(fireScript(dir, false));
    return failed(`sshd -t rejected the new configuration (${oneLine(verdict.stderr || verdict.stdout)}); restored ${change.path}, sshd was not reloaded`);
  }
  const reload = await sh(change.reloadCommand);
  if (reload.rc !== 0) return rollBack(change, dir, sh, `reloading sshd failed (rc ${reload.rc}: ${oneLine(reload.stderr)})`);
  let next: ConnectionSpec;
  try {
    next = change.nextSpec();
  } catch (error) {
    return rollBack(change, dir, sh, `cannot resolve the next connection settings: ${error instanceof Error ? error.message : String(error)}`);
  }
  const problem = await probe(change, next);
  if (problem !== undefined) return rollBack(change, dir, sh, `new connection to ${describe(next)} failed: ${problem}`);
  await sh(disarmScript(dir));
  return undefined;
}

/** Fires the revert over the old session, or waits for the host's timer when that session is gone. */
async function rollBack(change: SshdChange, dir: string, sh: Shell, why: string): Promise<ModuleResult> {
  let how = `restored ${change.path} and reloaded sshd`;
  try {
    const fired = await sh(fireScript(dir, true));
    if (fired.rc !== 0) how = `restored ${change.path} but reloading sshd failed (${oneLine(fired.stderr)})`;
  } catch {
    await change.sleep(change.seconds * 1000 + 2000);
    how = `the host's revert timer restored ${change.path} and reloaded sshd after ${change.seconds}s`;
  }
  const back = await waitForOld(change);
  const tail = back === undefined ? '' : `; WARNING: sshd is not reachable on the old settings either (${back})`;
  return failed(`${why}; ${how}${tail}`);
}

/** Polls the old settings until a fresh login works again (sshd re-reads its config on reload). */
async function waitForOld(change: SshdChange): Promise<string | undefined> {
  let last: string | undefined;
  for (let attempt = 0; attempt < 10; attempt++) {
    last = await probe(change, change.currentSpec);
    if (last === undefined) return undefined;
    await change.sleep(1000);
  }
  return last;
}

/** A fresh login running `true`; the reason it failed, or undefined. */
async function probe(change: SshdChange, spec: ConnectionSpec): Promise<string | undefined> {
  let connection: Connection | undefined;
  try {
    connection = await change.open(spec);
    const result = await connection.run('true');
    return result.rc === 0 ? undefined : `\`true\` exited ${result.rc}`;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await connection?.close().catch(() => undefined);
  }
}

function describe(spec: ConnectionSpec): string {
  return `${spec.user}@${spec.address}:${spec.port}`;
}

function failed(msg: string): ModuleResult {
  return { changed: false, failed: true, msg };
}

function oneLine(text: string): string {
  return text.trim().replace(/\s*\n\s*/g, ' | ') || 'no output';
}
