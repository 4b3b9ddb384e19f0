import { it } from 'vitest';
import { main } from '../../src/cli/main.js';
it('scratch', async () => {
  const code = await main(['apply', '/tmp/h2cli/pb.yml', '-D']);
  console.log('EXIT', code);
});
