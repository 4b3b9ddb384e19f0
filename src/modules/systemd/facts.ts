import { shellQuote } from '../../facts/quote.js';
import type { Fact } from '../../facts/types.js';

// The service manager and a unit's state: systemd is detected the way sd_booted() does
// (/run/systemd/system exists); otherwise PID 1's name says what runs instead.

export type UnitState = { systemd: false; manager: string } | { systemd: true; status: Record<string, string> };

const PROPERTIES = 'Id,ActiveState,SubState,UnitFileState,LoadState';

export function unitStateFact(name: string | undefined): Fact<UnitState> {
  const show = name === undefined ? ':' : `LANG=C systemctl show ${shellQuote(name)} -p ${PROPERTIES} 2>&1`;
  return {
    key: `systemd-unit:${name ?? ''}`,
    script: `if [ -d /run/systemd/system ]; then echo SYSTEMD; ${show}; else printf 'MANAGER %s\\n' "$(cat /proc/1/comm 2>/dev/null || echo unknown)"; fi`,
    parse: (stdout) => {
      const lines = stdout.split('\n');
      const manager = /^MANAGER (.*)$/.exec(lines[0] ?? '');
      if (manager || lines[0] !== 'SYSTEMD') return { systemd: false, manager: manager?.[1] || 'unknown' };
      const status: Record<string, string> = {};
      for (const line of lines.slice(1)) {
        const at = line.indexOf('=');
        if (at > 0) status[line.slice(0, at)] = line.slice(at + 1);
      }
      return { systemd: true, status };
    },
  };
}
