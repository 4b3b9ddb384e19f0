import { describe, expect, it } from 'vitest';
import { addHost, createInventory, type Inventory } from '../../../src/inventory/index.js';
import { adaptInventory } from '../../../src/runner/inventory-adapter.js';

// The adapter computes `groups`/`group_names` once and again after each add_host: every task
// on every host reads them, and they must still follow add_host.

function inventory(): Inventory {
  const inv = createInventory();
  addHost(inv, 'web1', 'web');
  addHost(inv, 'db1', 'db');
  return inv;
}

const fns = { hostLayers: async () => [], connectionSpec: () => ({}) as never };

describe('adaptInventory', () => {
  it('reuses groups and group_names until add_host changes them', () => {
    const run = adaptInventory(inventory(), undefined, fns);
    expect(run.groups()).toBe(run.groups());
    expect(run.groupNames('web1')).toBe(run.groupNames('web1'));
    expect(run.groupNames('web1')).toEqual(['web']);
    run.addHost('web1', ['canary'], {});
    run.addHost('web2', ['web'], {});
    expect(run.groupNames('web1')).toEqual(['canary', 'web']);
    expect(run.groups()['web']).toEqual(['web1', 'web2']);
    expect(run.groups()['canary']).toEqual(['web1']);
  });

  it('reuses the host list until add_host adds one', () => {
    const run = adaptInventory(inventory(), undefined, fns);
    expect(run.allHosts()).toBe(run.allHosts());
    expect(run.allHosts()).toEqual(['web1', 'db1']);
    run.addHost('web2', ['web'], {});
    expect(run.allHosts()).toEqual(['web1', 'db1', 'web2']);
  });
});
