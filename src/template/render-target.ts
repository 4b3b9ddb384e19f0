import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { OptionsError } from '../errors.js';
import type { Vars } from '../playbook/model.js';
import { findRoleDir, findVarsFiles } from '../playbook/role-files.js';
import { groupsMagicVar, groupsOfHost, loadInventory, selectHosts } from '../inventory/index.js';
import { hostInventoryLayers, loadVarsFiles, mergeLayers, parseExtraVars, type VarLayer } from '../vars/index.js';
import { createTemplater } from './templater.js';

// `claw-provision render`: renders a role's templates (or one template file) with a host's
// variables, without connecting to it, so the files can be read and diffed before a run.

export interface RenderTargetOptions {
  target: string;
  host: string;
  inventory: string[];
  playbookDir: string;
  extraVars: string[];
  /** Where to write; undefined prints a single template to stdout. */
  out: string | undefined;
}

export interface RenderedFile {
  template: string;
  /** Path written, or undefined when printed. */
  dest: string | undefined;
  content: string;
}

interface Target {
  templates: string[];
  roleDir: string | undefined;
  templatesDir: string | undefined;
}

function findTarget(target: string, playbookDir: string): Target {
  const asPath = resolve(target);
  if (existsSync(asPath) && statSync(asPath).isFile()) return { templates: [asPath], roleDir: undefined, templatesDir: dirname(asPath) };
  const roleDir = existsSync(join(asPath, 'templates')) ? asPath : findRoleDir(target, playbookDir, { file: '<command line>', line: 1, col: 1 });
  const templatesDir = join(roleDir, 'templates');
  if (!existsSync(templatesDir)) throw new OptionsError(`role '${basename(roleDir)}' has no templates/ directory`, { hint: roleDir });
  return { templates: listTemplates(templatesDir), roleDir, templatesDir };
}

function listTemplates(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => (e.isDirectory() ? listTemplates(join(dir, e.name)) : e.isFile() ? [join(dir, e.name)] : []));
}

async function hostVarsFor(options: RenderTargetOptions, target: Target): Promise<Vars> {
  const inventory = await loadInventory(options.inventory.length ? options.inventory : ['localhost,']);
  const hosts = selectHosts(inventory, options.host);
  if (!hosts.includes(options.host) && !inventory.hosts.has(options.host)) {
    throw new OptionsError(`no host named '${options.host}' in the inventory`, { hint: 'list the hosts with: claw-provision inventory graph -i ...' });
  }
  const layers: VarLayer[] = await hostInventoryLayers(inventory, options.host, options.playbookDir);
  if (target.roleDir) {
    layers.push({ level: 'role_defaults', origin: join(target.roleDir, 'defaults'), values: await loadVarsFiles(findVarsFiles(join(target.roleDir, 'defaults'))) });
    layers.push({ level: 'role_vars', origin: join(target.roleDir, 'vars'), values: await loadVarsFiles(findVarsFiles(join(target.roleDir, 'vars'))) });
  }
  if (options.extraVars.length) layers.push(await parseExtraVars(options.extraVars));
  const magic: Vars = {
    inventory_hostname: options.host,
    inventory_hostname_short: options.host.split('.')[0],
    group_names: groupsOfHost(inventory, options.host).filter((g) => g !== 'all' && g !== 'ungrouped').sort(),
    groups: groupsMagicVar(inventory),
    playbook_dir: resolve(options.playbookDir),
    ansible_check_mode: false,
    ...(target.roleDir ? { role_path: target.roleDir, role_name: basename(target.roleDir) } : {}),
  };
  const hostvars: Record<string, Vars> = {};
  for (const host of inventory.hosts.keys()) {
    hostvars[host] = host === options.host ? {} : { inventory_hostname: host, ...mergeLayers(await hostInventoryLayers(inventory, host, options.playbookDir)).vars };
  }
  const vars: Vars = { ...magic, ...mergeLayers(layers).vars };
  hostvars[options.host] = vars;
  return { ...vars, hostvars };
}

export async function renderTarget(options: RenderTargetOptions): Promise<RenderedFile[]> {
  const target = findTarget(options.target, options.playbookDir);
  if (options.out === undefined && target.templates.length !== 1) {
    throw new OptionsError(`'${options.target}' has ${target.templates.length} templates; give --out DIR to write them`);
  }
  const vars = await hostVarsFor(options, target);
  const templater = createTemplater({ searchPaths: [target.roleDir ?? target.templatesDir ?? '.', options.playbookDir] });
  return target.templates.map((template) => {
    const content = templater.renderFile(template, vars);
    if (options.out === undefined) return { template, dest: undefined, content };
    const dest = join(options.out, relative(target.templatesDir ?? dirname(template), template).replace(/\.j2$/, ''));
    mkdirSync(dirname(dest), { recursive: true });
    writeFileSync(dest, content, { mode: 0o600 });
    return { template, dest, content };
  });
}
