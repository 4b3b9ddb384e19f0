import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import { OptionsError, ParseError } from '../errors.js';
import { decryptVaultText, isVaultText } from '../vault/index.js';
import { parseYaml } from '../yaml/parse-yaml.js';
import { readIniInventory } from './ini-inventory.js';
import { addHost, createInventory, reconcile, type Inventory } from './types.js';
import { readYamlInventory } from './yaml-inventory.js';

// -i sources → Inventory: YAML or INI files, directories of them, and comma lists
// ("h1,h2,"). No source at all (and no ANSIBLE_INVENTORY) gives an empty inventory, where
// only the implicit localhost can be targeted.

const YAML_EXTS = new Set(['.yml', '.yaml', '.json']);
// Ansible's INVENTORY_IGNORE_EXTS for files inside an inventory directory.
const IGNORED = ['.pyc', '.pyo', '.swp', '.bak', '~', '.rpm', '.md', '.txt', '.rst', '.orig', '.ini', '.cfg', '.retry', '.example'];

export async function loadInventory(sources: readonly string[]): Promise<Inventory> {
  const inventory = createInventory();
  // Like Ansible, ANSIBLE_INVENTORY (comma-separated paths) applies when no -i is given.
  const fromEnv = (process.env.ANSIBLE_INVENTORY ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  for (const source of sources.length > 0 ? sources : fromEnv) readSource(source, inventory);
  reconcile(inventory);
  return inventory;
}

function readSource(source: string, inventory: Inventory): void {
  inventory.sources.push(source);
  const path = resolve(source);
  if (!existsSync(path)) {
    if (source.includes(',')) return hostList(source, inventory);
    throw new OptionsError(`inventory source not found: ${source}`, {
      hint: `give a file or directory; for a single host name use a trailing comma: -i '${source},'`,
    });
  }
  if (statSync(path).isDirectory()) {
    inventory.dirs.push(path);
    return readDirectory(path, inventory);
  }
  inventory.dirs.push(dirname(path));
  readFile(path, inventory);
}

/** `h1,h2:2222,[::1]:22,` — Ansible's host_list: optional port after the last colon. */
function hostList(source: string, inventory: Inventory): void {
  for (const entry of source.split(',').map((h) => h.trim())) {
    if (!entry) continue;
    const withPort = /^(\[[^\]]+\]|[^:]+):(\d+)$/.exec(entry);
    const name = withPort ? withPort[1]!.replace(/^\[(.*)\]$/, '$1') : entry;
    const host = addHost(inventory, name);
    if (withPort) host.varSources.push({ origin: `-i ${source}`, values: { ansible_port: Number(withPort[2]) } });
  }
}

function readDirectory(dir: string, inventory: Inventory): void {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith('.') || IGNORED.some((ext) => entry.name.endsWith(ext))) continue;
    if (entry.name === 'group_vars' || entry.name === 'host_vars') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) readDirectory(path, inventory);
    else if (entry.isFile()) readFile(path, inventory);
  }
}

function readFile(path: string, inventory: Inventory): void {
  const raw = readFileSync(path, 'utf8');
  // A vault-encrypted inventory file is read through the vault, as Ansible does.
  const text = isVaultText(raw) ? decryptVaultText(raw, path).toString('utf8') : raw;
  if (YAML_EXTS.has(extname(path))) return readYamlInventory(parseYaml(text, path), path, inventory);
  if (text.startsWith('#!')) {
    throw new ParseError('unsupported-inventory', 'dynamic inventory scripts are not supported', {
      where: { file: path, line: 1, col: 1 },
      hint: 'write the hosts to a YAML inventory file',
    });
  }
  readIniInventory(text, path, inventory);
}
