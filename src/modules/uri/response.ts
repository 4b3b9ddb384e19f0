import { STATUS_CODES } from 'node:http';
import type { StepOutput } from '../types.js';
import { MARKER } from './request.js';

// Turns curl's `--include` output (header blocks, body, our write-out line) into Ansible's
// uri result: status, url, msg, lowercased headers with "-" → "_", json, content.

export interface UriResponse {
  status: number;
  url: string;
  redirected: boolean;
  elapsed: number;
  headers: Record<string, string>;
  body: string;
  reason: string;
}

export function parseCurlOutput(output: StepOutput): UriResponse | undefined {
  const at = output.stdout.lastIndexOf(`\n${MARKER} `);
  if (at < 0) return undefined;
  const [code = '0', redirects = '0', time = '0', ...url] = output.stdout.slice(at + MARKER.length + 2).trim().split(' ');
  let rest = output.stdout.slice(0, at);
  let block = { status: 0, reason: '', headers: {} as Record<string, string> };
  // One header block per response: 1xx interim answers and each followed redirect come first.
  let remaining = Number(redirects) + 1;
  while (remaining > 0 && rest.startsWith('HTTP/')) {
    const end = rest.search(/\r?\n\r?\n/);
    const head = end < 0 ? rest : rest.slice(0, end);
    rest = end < 0 ? '' : rest.slice(end).replace(/^\r?\n\r?\n/, '');
    block = parseHeaderBlock(head);
    if (block.status >= 200) remaining--;
  }
  const status = Number(code);
  return { status, url: url.join(' '), redirected: Number(redirects) > 0, elapsed: Math.round(Number(time)), headers: block.headers, body: rest, reason: block.reason || (STATUS_CODES[status] ?? '') };
}

function parseHeaderBlock(head: string): { status: number; reason: string; headers: Record<string, string> } {
  const [statusLine = '', ...lines] = head.split(/\r?\n/);
  const match = /^HTTP\/[\d.]+ (\d{3})\s?(.*)$/.exec(statusLine);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase().replace(/-/g, '_');
    const value = line.slice(colon + 1).trim();
    // Repeated headers are joined as Python's http.client does.
    headers[name] = headers[name] !== undefined ? `${headers[name]}, ${value}` : value;
  }
  return { status: Number(match?.[1] ?? 0), reason: match?.[2]?.trim() ?? '', headers };
}

/** Python's repr of the accepted codes, as in Ansible's message: [200] or [200, 201]. */
export const pythonList = (codes: number[]): string => `[${codes.join(', ')}]`;
