import type { ModuleResult, Plan, StepOutput } from '../types.js';
import { CURL_COMMAND, curlConfig } from './request.js';
import { parseCurlOutput, pythonList, type UriResponse } from './response.js';
import type { UriArgs } from './schema.js';

// ansible.builtin.uri declares no check-mode support, so like Ansible the task is skipped under
// --check (unless the task says check_mode: false): a request may change the remote side.

export function planUri(args: UriArgs, ctx: { check: boolean; forceRun: boolean }): Plan {
  if (!/^https?:\/\//i.test(args.url)) return { steps: [], fail: `unknown url type: '${args.url}'` };
  if (ctx.check && !ctx.forceRun) return { steps: [], skip: 'remote module (uri) does not support check mode' };
  const codes = args.status_code.map(Number);
  return {
    steps: [{ kind: 'exec', command: CURL_COMMAND, stdin: curlConfig(args), allowFailure: true }],
    collect: (outputs) => collectResponse(args, codes, outputs[0]),
  };
}

function collectResponse(args: UriArgs, codes: number[], output: StepOutput | undefined): Partial<ModuleResult> {
  if (!output) return { changed: false, failed: true, msg: 'the request did not run' };
  if (output.rc === 127) return { changed: false, failed: true, msg: 'curl is required on the host to run uri (apt-get install curl)' };
  const response = parseCurlOutput(output);
  if (!response || response.status === 0) {
    const msg = `Status code was -1 and not ${pythonList(codes)}: Request failed: ${output.stderr.trim().replace(/^curl: \(\d+\) /, '')}`;
    return { changed: false, failed: true, status: -1, url: args.url, msg };
  }
  const result = responseFields(args, response);
  if (!codes.includes(response.status)) {
    const why = response.status >= 400 ? `HTTP Error ${response.status}: ${response.reason}` : String(result['msg']);
    return { ...result, failed: true, msg: `Status code was ${response.status} and not ${pythonList(codes)}: ${why}` };
  }
  return result;
}

function responseFields(args: UriArgs, response: UriResponse): Record<string, unknown> {
  const length = response.headers['content_length'] ?? (response.body === '' ? '0' : 'unknown');
  const fields: Record<string, unknown> = {
    changed: false,
    ...response.headers,
    status: response.status,
    url: response.url,
    redirected: response.redirected,
    elapsed: response.elapsed,
    msg: `OK (${length} bytes)`,
  };
  if (/[/+]json\b/.test(response.headers['content_type'] ?? '')) {
    try {
      fields['json'] = JSON.parse(response.body) as unknown;
    } catch {
      // Ansible leaves `json` out when the body does not parse.
    }
  }
  if (args.return_content) fields['content'] = response.body;
  return fields;
}
