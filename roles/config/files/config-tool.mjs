// Gateway config helper run inside each OpenClaw container (mounted at /opt/claw-tools).
// Lets the roles read the config ONCE, compare it with the desired settings, and set secrets
// without putting them on any command line (values arrive on stdin).
//
//   node config-tool.mjs diff        stdin: [{"key": "a.b", "value": ...}, ...]
//                                    stdout: {"differ": [{"key", "value", "current"}]}
//   node config-tool.mjs check KEY   stdin: the expected string; exit 0 equal, 3 different
//   node config-tool.mjs set KEY     stdin: the string value to store (atomic write, 0600)
//
// The config file is $OPENCLAW_CONFIG or /root/.openclaw/config.json. Current values of keys
// that look secret are reported as "<redacted>".
import { readFileSync, writeFileSync, renameSync, existsSync, chmodSync } from "node:fs";
import { isDeepStrictEqual } from "node:util";

const CONFIG = process.env.OPENCLAW_CONFIG || "/root/.openclaw/config.json";
const SECRET = /(token|secret|password|apikey|api_key|key)$/i;

function load() {
  if (!existsSync(CONFIG)) return {};
  const text = readFileSync(CONFIG, "utf8").trim();
  return text === "" ? {} : JSON.parse(text);
}

function get(obj, key) {
  let cur = obj;
  for (const part of key.split(".")) {
    if (cur === null || typeof cur !== "object" || !(part in cur)) return undefined;
    cur = cur[part];
  }
  return cur;
}

function put(obj, key, value) {
  const parts = key.split(".");
  let cur = obj;
  for (const part of parts.slice(0, -1)) {
    if (cur[part] === null || typeof cur[part] !== "object") cur[part] = {};
    cur = cur[part];
  }
  cur[parts[parts.length - 1]] = value;
}

function stdin() {
  return readFileSync(0, "utf8");
}

// The CLI parses "1.0" into the number 1 and Ansible may hand numbers over as strings:
// scalars are equal when their text or their numeric value is.
function looselyEqual(current, value) {
  if (current === undefined || current === null || typeof current === "object" || typeof value === "object") return false;
  if (String(current) === String(value)) return true;
  const a = Number(current);
  const b = Number(value);
  return String(current).trim() !== "" && String(value).trim() !== "" && Number.isFinite(a) && a === b;
}

function diff() {
  const cfg = load();
  const wanted = JSON.parse(stdin());
  const differ = [];
  for (const { key, value } of wanted) {
    const current = get(cfg, key);
    const same = isDeepStrictEqual(current, value) || looselyEqual(current, value);
    if (!same) {
      const shown = SECRET.test(key) ? "<redacted>" : current === undefined ? null : current;
      differ.push({ key, value, current: shown });
    }
  }
  process.stdout.write(JSON.stringify({ differ }) + "\n");
}

function check(key) {
  const expected = stdin().trim();
  process.exit(get(load(), key) === expected ? 0 : 3);
}

function set(key) {
  const cfg = load();
  put(cfg, key, stdin().trim());
  const tmp = `${CONFIG}.tmp-${process.pid}`;
  writeFileSync(tmp, JSON.stringify(cfg, null, 2) + "\n", { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, CONFIG);
}

const [cmd, key] = process.argv.slice(2);
if (cmd === "diff") diff();
else if (cmd === "check" && key) check(key);
else if (cmd === "set" && key) set(key);
else {
  process.stderr.write("usage: config-tool.mjs diff | check KEY | set KEY\n");
  process.exit(2);
}
