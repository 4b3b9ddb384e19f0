import { randomBytes } from 'node:crypto';
import { quote } from 'shell-quote';
import type { Become } from './types.js';

// become = sudo. The password never appears on a command line: sudo reads it from stdin
// (-S) after printing a prompt we recognise, and the command itself is sent on stdin only
// once the target user's shell has echoed a success marker, so neither the password nor the
// command's own input can be consumed by the wrong reader.

export interface SudoFlavour {
  name: 'sudo' | 'sudo-rs';
  /** `-p prompt` supported (sudo-rs before 0.2.8 lacks it). */
  prompt: boolean;
  /** `-H` supported (sudo-rs always sets HOME and lacks the flag in old versions). */
  setHome: boolean;
}

/** Run once per host, without become; its output feeds parseSudoFlavour. */
export const SUDO_PROBE = 'sudo -V 2>&1 | head -n 1; sudo -h 2>&1';

export function parseSudoFlavour(output: string): SudoFlavour {
  return {
    name: /^sudo-rs/im.test(output) ? 'sudo-rs' : 'sudo',
    prompt: /--prompt/.test(output),
    setHome: /--set-home/.test(output),
  };
}

export interface SudoInvocation {
  /** The command line to execute (holds no secret). */
  exec: string;
  /** Matches the end of stderr when sudo waits for the password. */
  promptPattern: RegExp;
  /** Printed on stdout by the target user's shell once sudo has let it run. */
  successMarker: string;
  password: string | undefined;
  user: string;
}

const DEFAULT_PROMPTS = /(\[sudo: authenticate\] Password:|[Pp]assword( for [^\n:]*)?:)\s*$/;

/** Wraps "read `scriptLength` bytes of script from stdin and run them" in sudo. */
export function sudoInvocation(become: Become, flavour: SudoFlavour, scriptLength: number): SudoInvocation {
  const nonce = randomBytes(8).toString('hex');
  const successMarker = `CLAW-BECOME-OK-${nonce}`;
  const prompt = `[claw-sudo-${nonce}] password:`;
  const password = become.password === undefined ? undefined : String(become.password);
  const flags = [
    ...(flavour.setHome ? ['-H'] : []),
    ...(password === undefined ? ['-n'] : ['-S', ...(flavour.prompt ? ['-p', prompt] : [])]),
    '-u',
    become.user,
  ];
  const inner = `echo ${successMarker}; ${stdinScript(scriptLength)}`;
  return {
    exec: `exec sudo ${quote(flags)} /bin/sh -c ${quote([inner])}`,
    promptPattern: flavour.prompt && password !== undefined ? new RegExp(`${escape(prompt)}\\s*$`) : DEFAULT_PROMPTS,
    successMarker,
    password,
    user: become.user,
  };
}

/**
 * Shell code that reads exactly `length` bytes of script from stdin and evaluates it,
 * leaving the rest of stdin to the script (GNU head -c never reads past the count).
 */
export function stdinScript(length: number): string {
  return `s=$(head -c ${length}) && eval "$s"`;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
