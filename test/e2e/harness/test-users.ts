import { execa } from 'execa';

// The accounts the test sshd logs into. Created once per machine (the suite runs as root),
// under a file lock because several test files start servers in parallel. Not root: root's
// shell startup on dev machines is slow and a real deployment never logs in as root.

export const PASSWORD_USER = 'clawtest';
export const NOPASSWD_USER = 'clawnopw';
/** Login (and sudo) password of both users; test-only, on a server bound to 127.0.0.1. */
export const TEST_PASSWORD = 'claw-test-sudo-pw-7';

const SUDOERS_FILE = '/etc/sudoers.d/claw-provision-test';
// timestamp_timeout=0: sudo asks every time, so password tests do not depend on order.
const SUDOERS = `Defaults:${PASSWORD_USER} timestamp_timeout=0, !lecture
${PASSWORD_USER} ALL=(ALL:ALL) ALL
${NOPASSWD_USER} ALL=(ALL:ALL) NOPASSWD: ALL
`;

const SETUP = `
set -eu
for u in ${PASSWORD_USER} ${NOPASSWD_USER}; do
  id -u "$u" >/dev/null 2>&1 || useradd --create-home --home-dir "/home/$u" --shell /bin/sh "$u"
  echo "$u:${TEST_PASSWORD}" | chpasswd
done
tmp=$(mktemp /etc/sudoers.d/.claw-test.XXXXXX)
cat > "$tmp"
chmod 0440 "$tmp"
visudo -cqf "$tmp"
mv -f "$tmp" ${SUDOERS_FILE}
mkdir -p /run/sshd
chmod 0755 /run/sshd
`;

let done: Promise<void> | undefined;

export function ensureTestUsers(): Promise<void> {
  done ??= (async () => {
    if (process.getuid?.() !== 0) throw new Error('the e2e sshd harness needs root (it creates test users and sudoers rules)');
    await execa('flock', ['/tmp/claw-provision-test-users.lock', 'sh', '-c', SETUP], { input: SUDOERS });
  })();
  return done;
}
