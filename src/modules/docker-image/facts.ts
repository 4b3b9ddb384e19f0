import { shellQuote } from '../../facts/quote.js';
import type { Fact } from '../../facts/types.js';

// The image's ID and our context label (`docker image inspect`), and for builds a hash of the
// build context computed on the host (every file's path and content, .git excluded).

export const CONTEXT_LABEL = 'claw.provision.context-sha256';

export interface DockerImageFacts {
  docker: boolean;
  /** Image ID, undefined when the image does not exist. */
  id: string | undefined;
  /** Our context label on the image, '' when absent. */
  label: string;
  /** sha256 of the build context, undefined when not building or the path is missing. */
  contextHash: string | undefined;
}

export function dockerImageFact(ref: string, buildPath: string | undefined): Fact<DockerImageFacts> {
  const lines = [
    "if command -v docker >/dev/null 2>&1; then echo '@@docker@@'; fi",
    `printf '@@image@@ '; docker image inspect --format '{{.Id}} {{index .Config.Labels "${CONTEXT_LABEL}"}}' ${shellQuote(ref)} 2>/dev/null; echo`,
  ];
  if (buildPath) {
    const dir = shellQuote(buildPath);
    lines.push(`if [ -d ${dir} ]; then printf '@@context@@ '; (cd ${dir} && find . -type f ! -path './.git/*' -print0 | LC_ALL=C sort -z | xargs -0 -r sha256sum | sha256sum | cut -c1-64); fi`);
  }
  return { key: `docker-image:${ref}:${buildPath ?? ''}`, script: lines.join('\n'), parse: parseDockerImageFacts };
}

export function parseDockerImageFacts(stdout: string): DockerImageFacts {
  const facts: DockerImageFacts = { docker: false, id: undefined, label: '', contextHash: undefined };
  for (const line of stdout.split('\n')) {
    if (line === '@@docker@@') facts.docker = true;
    const image = /^@@image@@ (sha256:[0-9a-f]+)(?: (.*))?$/.exec(line.trim());
    if (image) {
      facts.id = image[1];
      facts.label = image[2] === '<no value>' ? '' : (image[2] ?? '').trim();
    }
    const context = /^@@context@@ ([0-9a-f]{64})$/.exec(line.trim());
    if (context) facts.contextHash = context[1];
  }
  return facts;
}

/** Ansible's parse_repository_tag: a tag in the name wins over `tag`. */
export function imageRef(name: string, tag: string): { repo: string; tag: string; ref: string } {
  const at = name.lastIndexOf(':');
  if (at > name.lastIndexOf('/') && at >= 0) return { repo: name.slice(0, at), tag: name.slice(at + 1), ref: name };
  return { repo: name, tag, ref: `${name}:${tag}` };
}
