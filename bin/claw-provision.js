#!/usr/bin/env node
// Thin launcher: the CLI is bundled into dist/ by `npm run build` (scripts/build.mjs). `apply`
// catches SIGINT from the very start (dist/interrupt.js is a few hundred bytes), so an interrupt
// while the rest loads still ends in an orderly exit 99. `--version` alone is answered from
// dist/version.js without loading the CLI (start-up is what it measures).
const argv = process.argv.slice(2);
if (argv.length === 1 && argv[0] === '--version') {
  import('../dist/version.js').then((m) => process.stdout.write(`${m.VERSION}\n`));
} else {
  const applying = argv[0] === 'apply' || argv[0] === 'playbook';
  const ready = applying ? import('../dist/interrupt.js').then((m) => m.catchInterrupts()) : Promise.resolve();
  ready
    .then(() => import('../dist/cli/main.js'))
    .then((m) => m.main(argv))
    .then((code) => {
      process.exitCode = code;
    });
}
