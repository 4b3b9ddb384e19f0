import { describe, expect, it } from 'vitest';
import { FakeConnection } from '../../../src/connection/fake.js';
import { UnreachableError } from '../../../src/errors.js';

describe('FakeConnection', () => {
  it('answers exact and regexp rules, later rules first, and records calls', async () => {
    const conn = new FakeConnection('web1');
    conn.respond('id -u', { stdout: '0\n' });
    conn.respond(/^stat /, (cmd) => ({ rc: 1, stderr: `no ${cmd.slice(5)}` }));
    conn.respond('id -u', { stdout: '1000\n' }, 1);
    expect(await conn.run('id -u')).toEqual({ rc: 0, stdout: '1000\n', stderr: '' });
    expect(await conn.run('id -u')).toEqual({ rc: 0, stdout: '0\n', stderr: '' });
    expect(await conn.run('stat /x')).toEqual({ rc: 1, stdout: '', stderr: 'no /x' });
    expect(await conn.run('true')).toEqual({ rc: 0, stdout: '', stderr: '' });
    expect(conn.commands()).toEqual(['id -u', 'id -u', 'stat /x', 'true']);
  });

  it('keeps put files for get, with their metadata', async () => {
    const conn = new FakeConnection();
    await conn.put('/etc/a', Buffer.from([0, 1, 255]), { mode: '0600', owner: 'root' });
    expect(await conn.get('/etc/a')).toEqual(Buffer.from([0, 1, 255]));
    expect(conn.files.get('/etc/a')).toMatchObject({ mode: '0600', owner: 'root' });
    expect(conn.puts()).toEqual(['/etc/a']);
    await expect(conn.get('/nope')).rejects.toThrow(/cannot read \/nope on fake: No such file/);
  });

  it('strict mode rejects unstubbed commands; unreachable makes every call throw', async () => {
    const conn = new FakeConnection('h');
    conn.strict = true;
    await expect(conn.run('ls')).rejects.toThrow(/no canned reply for command: ls/);
    conn.unreachable = new UnreachableError('unreachable', 'down');
    await expect(conn.put('/a', Buffer.from(''))).rejects.toBeInstanceOf(UnreachableError);
  });

  it('streams output lines to onOutput', async () => {
    const conn = new FakeConnection().respond('x', { stdout: 'a\nb', stderr: 'e\n' });
    const lines: string[] = [];
    await conn.run('x', { onOutput: (line, stream) => lines.push(`${stream}:${line}`) });
    expect(lines).toEqual(['stdout:a', 'stdout:b', 'stderr:e']);
  });
});
