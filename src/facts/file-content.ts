import type { Fact } from './types.js';
import { shellQuote } from './quote.js';

// A whole regular file, base64 on one line so binary content survives the text channel.

export interface FileContentValue {
  exists: boolean;
  /** Base64 of the bytes; absent when the file does not exist or is not a regular file. */
  content?: string;
}

export function fileContentFact(path: string): Fact<FileContentValue> {
  const p = shellQuote(path);
  return {
    key: `content:${path}`,
    script: `if [ -f ${p} ]; then echo F; base64 -w0 < ${p}; echo; else echo N; fi`,
    parse: (stdout) => {
      const [flag, data = ''] = stdout.split('\n');
      return flag === 'F' ? { exists: true, content: data.trim() } : { exists: false };
    },
    paths: [path],
  };
}

export function decodeContent(value: FileContentValue): string | undefined {
  return value.content === undefined ? undefined : Buffer.from(value.content, 'base64').toString('utf8');
}
