import { OptionsError } from '../../errors.js';
import { encryptEnvelope } from '../decrypt.js';
import { writeOutput, type VaultCliIo } from './io.js';
import { encryptSecret, type VaultPasswordOptions } from './secrets.js';

// encrypt-string: each value becomes a YAML `!vault |` block (indented 10, as ansible-vault
// prints it) ready to paste into vars; with several values a comment on stderr tells them apart.

export interface EncryptStringOptions extends VaultPasswordOptions {
  output?: string;
  prompt?: boolean;
  showInput?: boolean;
  name?: string[];
  stdinName?: string;
}

interface Plain {
  value: Buffer;
  from: string;
  name: string | undefined;
}

export async function encryptStrings(args: string[], options: EncryptStringOptions, io: VaultCliIo): Promise<void> {
  const secret = await encryptSecret(options, io);
  const plains = await collect(args, options, io);
  const blocks = plains.map((plain, index) => {
    if (plains.length > 1) {
      io.stderr(
        plain.name
          ? `# The encrypted version of variable ("${plain.name}", the string #${index + 1} from ${plain.from}).\n`
          : `# The encrypted version of the string #${index + 1} from ${plain.from}.)\n`,
      );
    }
    return vaultYamlBlock(encryptEnvelope(plain.value, secret.password, secret.label), plain.name);
  });
  await writeOutput(options.output ?? '-', `${blocks.join('\n')}\n`, io);
  if (io.stdoutIsTty) io.stderr('Encryption successful\n');
}

export function vaultYamlBlock(envelope: string, name?: string): string {
  const lines = envelope.split('\n').filter((line) => line !== '');
  return [`${name ? `${name}: ` : ''}!vault |`, ...lines.map((line) => `          ${line}`)].join('\n');
}

async function collect(args: string[], options: EncryptStringOptions, io: VaultCliIo): Promise<Plain[]> {
  const values = args.filter((arg) => arg !== '-');
  const readStdin = args.includes('-') || args.length === 0 || options.stdinName !== undefined;
  if (options.prompt && readStdin) throw new OptionsError('The --prompt option is not supported if also reading input from stdin');
  const plains: Plain[] = [];
  if (options.prompt) {
    const name = await io.prompt('Variable name (enter for no name): ', { echo: true });
    const value = options.showInput ? await io.prompt('String to encrypt: ', { echo: true }) : await io.prompt('String to encrypt (hidden): ');
    if (value === '') throw new OptionsError('The plaintext provided from the prompt was empty, not encrypting');
    plains.push({ value: Buffer.from(value, 'utf8'), from: 'the interactive prompt', name: name || undefined });
  }
  if (readStdin) {
    const value = await io.readStdin();
    if (value.length === 0) throw new OptionsError('stdin was empty, not encrypting');
    plains.push({ value, from: 'stdin', name: options.stdinName });
  }
  const names = options.name ?? [];
  values.forEach((value, index) => {
    if (value === '') throw new OptionsError('The plaintext provided from the command line args was empty, not encrypting');
    plains.push({ value: Buffer.from(value, 'utf8'), from: 'the command line args', name: names[index] });
  });
  return plains;
}
