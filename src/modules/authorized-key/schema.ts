import { defineSchema } from '../common/schema.js';

export const authorizedKeySchema = defineSchema({
  user: { type: 'string', required: true, description: 'Account whose authorized_keys file is managed.' },
  key: { type: 'string', required: true, description: 'One or more public keys, one per line (a URL is not supported: fetch it with get_url).' },
  path: { type: 'string', description: 'Alternative file (default ~USER/.ssh/authorized_keys).' },
  manage_dir: { type: 'boolean', default: true, description: 'Create the key directory 0700 owned by the user when writing.' },
  state: { type: 'string', default: 'present', choices: ['present', 'absent'], description: 'Whether the keys should be present.' },
  key_options: { type: 'string', description: 'Options prepended to every key (e.g. no-pty,from="10.0.0.1").' },
  exclusive: { type: 'boolean', default: false, description: 'Remove every other key (and comment line) from the file.' },
  comment: { type: 'string', description: 'Replace the keys\' comment.' },
  validate_certs: { type: 'boolean', default: true, description: 'Accepted for compatibility (keys from URLs are not supported).' },
  follow: { type: 'boolean', default: false, description: 'Accepted for compatibility; the file is written at `path` itself.' },
});

export interface AuthorizedKeyArgs {
  user: string;
  key: string;
  path?: string;
  manage_dir: boolean;
  state: 'present' | 'absent';
  key_options?: string;
  exclusive: boolean;
  comment?: string;
  validate_certs: boolean;
  follow: boolean;
}
