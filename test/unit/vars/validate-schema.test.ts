import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadInventory } from '../../../src/inventory/index.js';
import { hostInventoryLayers, mergeLayers, parseExtraVars } from '../../../src/vars/index.js';
import { checkVarsSchema, varsSchemaProblems, VARS_SCHEMA } from '../../../src/vars/validate-schema.js';
import { configureVault } from '../../../src/vault/index.js';

// The project's own variables (group_vars + demo vault + inventory) against schemas/vars.schema.json.
const root = join(import.meta.dirname, '../../..');

async function merged(inventoryFile: string, host: string, extra: string[] = []) {
  const inventory = await loadInventory([join(root, inventoryFile)]);
  const layers = await hostInventoryLayers(inventory, host, root);
  return mergeLayers([...layers, await parseExtraVars(extra)]);
}

describe('vars schema pre-flight', () => {
  beforeAll(async () => {
    await configureVault({ passwordFiles: [join(root, 'examples/demo-vault-pass.txt')] });
  });

  it('accepts the example variables with the demo vault in demo mode', async () => {
    expect(await varsSchemaProblems(join(root, VARS_SCHEMA), await merged('inventory/local.yml', 'localhost'))).toEqual([]);
  });

  it('rejects placeholders and demo values outside demo mode, naming where they came from', async () => {
    const problems = await varsSchemaProblems(join(root, VARS_SCHEMA), await merged('inventory/hosts.yml', 'openclaw'));
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.join('\n')).toMatch(/group_vars\/all\/(vars|vault)\.yml:\d+:\d+: /);
  });

  it('reports every problem at once as one parse error (exit 4)', async () => {
    const bad = await merged('inventory/local.yml', 'localhost', ['{"ssh_port": 70000, "reverse_proxy": "nginx"}']);
    const error = await checkVarsSchema(root, [{ host: 'localhost', merged: bad }]).catch((e: unknown) => e);
    expect(error).toMatchObject({ exitCode: 4, code: 'vars-schema' });
    const message = String((error as Error).message);
    expect(message).toContain('[localhost] extra vars');
    expect(message).toMatch(/ssh_port .*65535/);
    expect(message).toMatch(/reverse_proxy .*allowed values/);
  });
});
