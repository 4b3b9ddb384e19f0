import { isSecret } from '../../secret.js';
import type { UriArgs } from './schema.js';

// The whole request goes to curl as a config file on stdin (`curl -K -`): URL, headers,
// credentials and body may hold secrets and must never appear in a process's argv.

export const MARKER = '@@claw-uri@@';

export const CURL_COMMAND = `curl -sS --include -K - -w '\\n${MARKER} %{http_code} %{num_redirects} %{time_total} %{url_effective}'`;

/** curl config quoting: a double-quoted string with backslash escapes. */
const quoted = (value: string): string =>
  `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}"`;

export function curlConfig(args: UriArgs): string {
  const method = args.method.toUpperCase();
  const lines = [`url = ${quoted(args.url)}`, `max-time = ${args.timeout}`];
  if (method === 'HEAD') lines.push('head');
  else if (method !== 'GET') lines.push(`request = ${quoted(method)}`);
  if (!args.validate_certs) lines.push('insecure');
  if (followsRedirects(args, method)) lines.push('location', 'max-redirs = 50');
  if (args.url_username !== undefined) lines.push(`user = ${quoted(`${args.url_username}:${args.url_password ?? ''}`)}`);
  const headers = Object.entries(args.headers).map(([name, value]) => [name, String(reveal(value))] as const);
  const body = serializeBody(args);
  if (body?.type && !headers.some(([name]) => name.toLowerCase() === 'content-type')) headers.push(['Content-Type', body.type]);
  for (const [name, value] of headers) lines.push(`header = ${quoted(`${name}: ${value}`)}`);
  if (body) lines.push(`data-binary = ${quoted(body.text)}`);
  return `${lines.join('\n')}\n`;
}

function followsRedirects(args: UriArgs, method: string): boolean {
  if (args.follow_redirects === 'all' || args.follow_redirects === 'yes' || args.follow_redirects === 'urllib2') return true;
  return args.follow_redirects === 'safe' && (method === 'GET' || method === 'HEAD');
}

/** Vault values nested in headers or body: their plaintext (Secret's toJSON is the mask). */
function reveal(value: unknown): unknown {
  if (isSecret(value)) return value.reveal();
  if (Array.isArray(value)) return value.map(reveal);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, reveal(v)]));
  return value;
}

function serializeBody(args: UriArgs): { text: string; type: string | undefined } | undefined {
  if (args.body === undefined || args.body === null) return undefined;
  const body = reveal(args.body);
  if (args.body_format === 'json') {
    return { text: typeof body === 'string' ? body : JSON.stringify(body), type: 'application/json' };
  }
  if (args.body_format === 'form-urlencoded' && typeof body === 'object') {
    const pairs = Array.isArray(body) ? (body as Array<[string, unknown]>) : Object.entries(body as Record<string, unknown>);
    return { text: new URLSearchParams(pairs.map(([k, v]): [string, string] => [k, String(v)])).toString(), type: 'application/x-www-form-urlencoded' };
  }
  // Raw bodies get curl's default type, which is also urllib's (and so Ansible's).
  return { text: String(body), type: args.body_format === 'form-urlencoded' ? 'application/x-www-form-urlencoded' : undefined };
}
