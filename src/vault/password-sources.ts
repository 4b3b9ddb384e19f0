import { constants } from 'node:fs';
import { access, readFile, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { OptionsError, VaultError } from '../errors.js';
import { registerSecret } from '../secret.js';
import type { VaultSecret } from './decrypt.js';
import { DEFAULT_VAULT_ID } from './envelope.js';
import { promptPassword, type PromptFn } from './prompt.js';

// Turns --vault-id / --vault-password-file / --ask-vault-pass / ANSIBLE_VAULT_* into secrets,
// in ansible-core's order: identity list from the environment, then --vault-id, then password
// files as "default@FILE", then a prompt. A file is read (first line), an executable file is run
// (stdout); "*-client" scripts get "--vault-id LABEL".

export interface VaultSourceOptions {
  passwordFiles?: string[];
  /** "label@source" or "source"; source is a file path or "prompt". */
  vaultIds?: string[];
  askVaultPass?: boolean;
}

export interface VaultSourceIo {
  prompt?: PromptFn;
  env?: NodeJS.ProcessEnv;
  /** Prompt when no source is given at all (ansible-vault does; ansible-playbook does not). */
  autoPrompt?: boolean;
  /** Ask twice ("New vault password") — for encrypt/create/rekey targets. */
  newPassword?: boolean;
}

const ASK_VAULT_PASS = 'prompt_ask_vault_pass';

export function vaultIdSlugs(options: VaultSourceOptions, io: VaultSourceIo = {}): string[] {
  const env = io.env ?? process.env;
  const identityList = (env.ANSIBLE_VAULT_IDENTITY_LIST ?? '').split(',').map((id) => id.trim()).filter(Boolean);
  const files = [...(options.passwordFiles ?? [])];
  if (env.ANSIBLE_VAULT_PASSWORD_FILE) files.push(env.ANSIBLE_VAULT_PASSWORD_FILE);
  const slugs = [...identityList, ...(options.vaultIds ?? []), ...files.map((file) => `${DEFAULT_VAULT_ID}@${file}`)];
  if (options.askVaultPass || (slugs.length === 0 && io.autoPrompt)) slugs.push(`${DEFAULT_VAULT_ID}@${ASK_VAULT_PASS}`);
  return slugs;
}

export async function loadVaultSecrets(options: VaultSourceOptions, io: VaultSourceIo = {}): Promise<VaultSecret[]> {
  const secrets: VaultSecret[] = [];
  for (const slug of vaultIdSlugs(options, io)) {
    if (slug.includes(';')) throw new OptionsError(`'${slug}' is not a valid vault id: the character ';' is not allowed in vault ids`, { where: '--vault-id' });
    const at = slug.indexOf('@');
    const label = at < 0 ? undefined : slug.slice(0, at);
    const source = at < 0 ? slug : slug.slice(at + 1);
    const password =
      source === 'prompt' || source === ASK_VAULT_PASS
        ? await fromPrompt(label ?? DEFAULT_VAULT_ID, source === ASK_VAULT_PASS, io)
        : await fromFile(source, label);
    // A vault password echoed anywhere (a script's error, a debug task) is masked like any secret.
    registerSecret(password.toString('utf8'));
    secrets.push({ label: label || DEFAULT_VAULT_ID, password, source: source === ASK_VAULT_PASS ? 'prompt' : source });
  }
  return secrets;
}

async function fromPrompt(label: string, classic: boolean, io: VaultSourceIo): Promise<Buffer> {
  const prompt = io.prompt ?? promptPassword;
  const [first, confirm] = io.newPassword
    ? classic
      ? ['New Vault password: ', 'Confirm New Vault password: ']
      : [`New vault password (${label}): `, `Confirm new vault password (${label}): `]
    : [classic ? 'Vault password: ' : `Vault password (${label}): `, undefined];
  const password = await prompt(first);
  if (confirm !== undefined && (await prompt(confirm)) !== password) {
    throw new VaultError('vault-password-mismatch', 'Passwords do not match', { where: 'vault password prompt' });
  }
  return nonEmpty(Buffer.from(password, 'utf8'), 'the vault password prompt');
}

async function fromFile(path: string, label: string | undefined): Promise<Buffer> {
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) {
    const problem = info ? 'is not a regular file' : 'was not found';
    throw new VaultError('vault-password-file', `The vault password file ${path} ${problem}`, { where: path, hint: 'check the path given to --vault-password-file / --vault-id' });
  }
  if (await isExecutable(path)) return fromScript(path, label);
  const content = await readFile(path).catch((error: unknown) => {
    throw new VaultError('vault-password-file', `Could not read vault password file ${path}: ${String(error)}`, { where: path });
  });
  return nonEmpty(trim(content, ' \t\r\n\f\v'), `file (${path})`);
}

async function isExecutable(path: string): Promise<boolean> {
  return access(path, constants.X_OK).then(
    () => true,
    () => false,
  );
}

async function fromScript(path: string, label: string | undefined): Promise<Buffer> {
  const client = basename(path, extname(path)).endsWith('-client');
  const args = client && label ? ['--vault-id', label] : [];
  // execa (tens of ms to load) only when a password script actually runs, not on every vault start.
  const { execa } = await import('execa');
  const result = await execa(path, args, { encoding: 'buffer', reject: false, stdin: 'inherit', stderr: client ? 'pipe' : 'inherit' });
  if (result.failed) {
    const why = result.exitCode === 2 && client ? `did not find a secret for vault-id=${label ?? ''}` : `returned non-zero (${String(result.exitCode ?? result.signal)})`;
    throw new VaultError('vault-password-script', `Vault password script ${path} ${why}`, { where: path, hint: 'run the script by hand to see its error' });
  }
  return nonEmpty(trim(Buffer.from(result.stdout), '\r\n'), `script (${path})`);
}

function trim(data: Buffer, chars: string): Buffer {
  let start = 0;
  let end = data.length;
  while (start < end && chars.includes(String.fromCharCode(data[start] ?? 0))) start++;
  while (end > start && chars.includes(String.fromCharCode(data[end - 1] ?? 0))) end--;
  return data.subarray(start, end);
}

function nonEmpty(password: Buffer, from: string): Buffer {
  if (password.length === 0) throw new VaultError('vault-password-empty', `Invalid vault password was provided from ${from}: it is empty`, { where: from });
  return password;
}
