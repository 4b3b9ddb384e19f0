import { describe, expect, it } from 'vitest';
import { mergeCompose } from '../../../src/validate/compose-merge.js';
import { composeProblems } from '../../../src/validate/compose-schema.js';

describe('compose schema (pinned Compose Specification)', () => {
  it('accepts the top-level name key and depends_on conditions', async () => {
    const model = {
      name: 'openclaw',
      services: {
        redis: { image: 'redis:7.4', healthcheck: { test: ['CMD', 'redis-cli', 'ping'], interval: '10s' } },
        app: { image: 'app:1.2.3', depends_on: { redis: { condition: 'service_healthy' } }, read_only: true, tmpfs: ['/tmp'], cap_drop: ['ALL'] },
      },
      networks: { internal: { internal: true } },
    };
    expect(await composeProblems(model)).toEqual([]);
  });

  it('rejects unknown keys and wrong types with their paths', async () => {
    const problems = await composeProblems({ services: { app: { image: 'x:1', restart_policy: 'always', depends_on: { redis: { condition: 'healthy-ish' } } } } });
    expect(problems.join('\n')).toContain('/services/app');
    expect(problems.join('\n')).toMatch(/restart_policy|must be equal to one of the allowed values/);
  });
});

describe('compose merge', () => {
  it('merges overlays as docker compose does', () => {
    const merged = mergeCompose([
      { services: { app: { image: 'a:1', ports: ['80:80'], environment: ['A=1', 'B=2'], volumes: ['data:/data', './c:/conf:ro'], command: ['run', 'x'] } } },
      { services: { app: { ports: ['443:443'], environment: { B: '3' }, volumes: ['./c2:/conf:ro'], command: ['serve'] }, caddy: { image: 'caddy:2.8' } } },
    ]);
    expect(merged).toEqual({
      services: {
        app: { image: 'a:1', ports: ['80:80', '443:443'], environment: { A: '1', B: '3' }, volumes: ['data:/data', './c2:/conf:ro'], command: ['serve'] },
        caddy: { image: 'caddy:2.8' },
      },
    });
  });
});
