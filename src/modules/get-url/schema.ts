import { defineSchema } from '../common/schema.js';
import { fileCommonArgs } from '../file/schema.js';

export const getUrlSchema = defineSchema({
  url: { type: 'string', required: true, description: 'HTTP(S) or FTP URL, fetched ON THE HOST with curl (wget when curl is missing).' },
  dest: { type: 'string', required: true, description: 'File to write, or a directory (the file name is the last part of the URL path).' },
  force: { type: 'boolean', default: false, description: 'Download even when dest exists (replaced only when the content differs).' },
  checksum: { type: 'string', default: '', description: '"ALGORITHM:HEX" (sha1, sha224, sha256, sha384, sha512, md5); verified before dest changes, and a matching dest is not fetched again.' },
  timeout: { type: 'integer', default: 10, description: 'Seconds to wait for the connection and for a stalled transfer.' },
  headers: { type: 'object', description: 'Extra request headers (sent via stdin, never on a command line).' },
  url_username: { type: 'string', aliases: ['username'], description: 'User for HTTP basic authentication.' },
  url_password: { type: 'string', aliases: ['password'], description: 'Password for HTTP basic authentication (sent via stdin, never on a command line).' },
  force_basic_auth: { type: 'boolean', default: false, description: 'Accepted for compatibility: credentials are always sent with the first request.' },
  validate_certs: { type: 'boolean', default: true, description: 'Verify the server certificate.' },
  http_agent: { type: 'string', default: 'ansible-httpget', description: 'User-Agent header.' },
  ...fileCommonArgs,
});

export interface GetUrlArgs {
  url: string;
  dest: string;
  force: boolean;
  checksum: string;
  timeout: number;
  headers?: Record<string, unknown>;
  url_username?: string;
  url_password?: string;
  force_basic_auth: boolean;
  validate_certs: boolean;
  http_agent: string;
  mode?: string | number;
  owner?: string;
  group?: string;
  attributes?: string;
}
