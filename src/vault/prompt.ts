import { createInterface } from 'node:readline';
import { ClawError, EXIT } from '../errors.js';

// Reads one password line. On a terminal the input is not echoed (raw mode, like getpass);
// otherwise the first line of stdin is taken, so `echo pw | claw-provision ... --ask-vault-pass` works.

/** `echo: true` for answers that are not secret (a variable name): the terminal shows them. */
export type PromptFn = (message: string, options?: { echo?: boolean }) => Promise<string>;

export const promptPassword: PromptFn = async (message, options = {}) => {
  process.stderr.write(message);
  const stdin = process.stdin;
  return stdin.isTTY && !options.echo ? readHidden(stdin) : readLine(stdin, !stdin.isTTY);
};

function readLine(stream: NodeJS.ReadStream, newline: boolean): Promise<string> {
  return new Promise((resolve) => {
    const lines = createInterface({ input: stream, terminal: false });
    let answered = false;
    const finish = (line: string): void => {
      if (answered) return;
      answered = true;
      lines.close();
      if (newline) process.stderr.write('\n');
      resolve(line);
    };
    lines.once('line', finish);
    lines.once('close', () => finish(''));
  });
}

function readHidden(stream: NodeJS.ReadStream): Promise<string> {
  return new Promise((resolve, reject) => {
    let typed = '';
    const stop = (): void => {
      stream.setRawMode(false);
      stream.pause();
      stream.off('data', onData);
      process.stderr.write('\n');
    };
    const onData = (chunk: Buffer): void => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\u0003') {
          stop();
          reject(new ClawError('interrupted', 'interrupted at the password prompt', EXIT.INTERRUPTED));
          return;
        }
        if (char === '\r' || char === '\n' || char === '\u0004') {
          stop();
          resolve(typed);
          return;
        }
        typed = char === '\u007f' || char === '\b' ? typed.slice(0, -1) : typed + char;
      }
    };
    stream.setRawMode(true);
    stream.resume();
    stream.on('data', onData);
  });
}
