import { shellQuote } from '../../facts/quote.js';
import type { GitArgs } from './schema.js';

/** Never prompt (a prompt would hang the task); SSH options as Ansible's accept_hostkey/key_file. */
export function gitEnvPrefix(args: GitArgs): string {
  const ssh = ['ssh', '-o', 'BatchMode=yes'];
  if (args.accept_hostkey) ssh.push('-o', 'StrictHostKeyChecking=no');
  else if (args.accept_newhostkey) ssh.push('-o', 'StrictHostKeyChecking=accept-new');
  if (args.key_file) ssh.push('-i', shellQuote(args.key_file), '-o', 'IdentitiesOnly=yes');
  return `GIT_TERMINAL_PROMPT=0 GIT_SSH_COMMAND=${shellQuote(ssh.join(' '))} `;
}
