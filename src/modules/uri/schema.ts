import { defineSchema } from '../common/schema.js';

// ansible.builtin.uri's argument names, aliases and defaults (the subset we support).

export interface UriArgs {
  url: string;
  method: string;
  headers: Record<string, unknown>;
  body?: unknown;
  body_format: 'raw' | 'json' | 'form-urlencoded';
  status_code: number[];
  return_content: boolean;
  timeout: number;
  validate_certs: boolean;
  url_username?: string;
  url_password?: string;
  force_basic_auth: boolean;
  follow_redirects: 'all' | 'no' | 'none' | 'safe' | 'urllib2' | 'yes';
}

export const uriSchema = defineSchema({
  url: { type: 'string', required: true, description: 'HTTP or HTTPS URL; requested by curl on the host (delegate_to: localhost for the controller).' },
  method: { type: 'string', default: 'GET', description: 'HTTP method (GET, POST, PUT, DELETE, HEAD, PATCH...).' },
  headers: { type: 'object', default: {}, description: 'Request headers.' },
  body: { type: 'any', description: 'Request body; a dict or list with body_format json or form-urlencoded.' },
  body_format: { type: 'string', default: 'raw', choices: ['raw', 'json', 'form-urlencoded'], description: 'How `body` is serialised (sets Content-Type when unset).' },
  status_code: { type: 'array', items: 'integer', default: [200], description: 'Status code(s) that mean success.' },
  return_content: { type: 'boolean', default: false, description: 'Return the body as `content` (JSON bodies are always returned as `json`).' },
  timeout: { type: 'integer', default: 30, description: 'Seconds before the request fails.' },
  validate_certs: { type: 'boolean', default: true, description: 'Verify the server TLS certificate.' },
  url_username: { type: 'string', aliases: ['user'], description: 'User name for HTTP basic authentication.' },
  url_password: { type: 'string', aliases: ['password'], description: 'Password for HTTP basic authentication (sent to curl on stdin, never in argv).' },
  force_basic_auth: { type: 'boolean', default: false, description: 'Accepted for compatibility; curl always sends basic credentials up front.' },
  follow_redirects: { type: 'string', default: 'safe', choices: ['all', 'no', 'none', 'safe', 'urllib2', 'yes'], description: 'Follow redirects: safe = only for GET and HEAD.' },
});
