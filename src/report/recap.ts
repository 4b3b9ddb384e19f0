import { EXIT, type ExitCode } from '../errors.js';
import type { HostStats } from './events.js';

// PLAY RECAP exactly as ansible-core 2.14's default callback prints it without colour:
// host padded to 26, then "name=%-4s" columns, hosts sorted, a blank line after.

export function recap(stats: Record<string, HostStats>): string {
  const lines = [banner('PLAY RECAP')];
  for (const host of Object.keys(stats).sort()) {
    const s = stats[host];
    if (!s) continue;
    const columns = (
      [
        ['ok', s.ok],
        ['changed', s.changed],
        ['unreachable', s.unreachable],
        ['failed', s.failed],
        ['skipped', s.skipped],
        ['rescued', s.rescued],
        ['ignored', s.ignored],
      ] as const
    ).map(([name, count]) => `${name}=${String(count).padEnd(4)}`);
    lines.push(`${host.padEnd(26)} : ${columns.join(' ')}`);
  }
  return `${lines.join('\n')}\n\n`;
}

/** "\nTITLE ****" to 80 columns (at least 3 stars), like Display.banner on an 80-column log. */
export function banner(title: string): string {
  const text = title.trim();
  return `\n${text} ${'*'.repeat(Math.max(3, 79 - text.length))}`;
}

/** ansible-playbook's outcome from the stats: unreachable, then failed, else ok. */
export function exitCodeFromStats(stats: Record<string, HostStats>, interrupted = false): ExitCode {
  if (interrupted) return EXIT.INTERRUPTED;
  const all = Object.values(stats);
  if (all.some((s) => s.unreachable > 0)) return EXIT.HOST_UNREACHABLE;
  if (all.some((s) => s.failed > 0)) return EXIT.HOST_FAILED;
  return EXIT.OK;
}
