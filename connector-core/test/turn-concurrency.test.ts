import assert from 'node:assert/strict';
import { it } from 'node:test';
import { type Config, turnConcurrency } from '@leadwire/connector-core';

/** Only what turnConcurrency reads: the turns section and which CRM each tenant writes to. */
const config = (tenants: Array<'hubspot' | 'salesforce' | 'none'>, concurrency?: number) =>
  ({
    turns: concurrency === undefined ? {} : { concurrency },
    tenants: tenants.map((crm, i) => ({
      id: `t${i}`,
      ...(crm === 'hubspot' ? { crm: { hubspot: {} } } : {}),
      ...(crm === 'salesforce' ? { crm: { salesforce: {} } } : {}),
    })),
  }) as unknown as Pick<Config, 'turns' | 'tenants'>;

it('turns run at once by the tenants’ CRM budgets (2 a HubSpot portal, 4 a Salesforce org) and 2 a tenant for intake, at least 8, at most 256', () => {
  assert.equal(turnConcurrency(config(['hubspot'])), 8);
  assert.equal(turnConcurrency(config(Array(10).fill('hubspot'))), 40);
  assert.equal(turnConcurrency(config(['salesforce', 'salesforce', 'hubspot', 'none', 'salesforce'])), 24);
  assert.equal(turnConcurrency(config(Array(50).fill('hubspot'))), 200);
  assert.equal(turnConcurrency(config(Array(100).fill('salesforce'))), 256);
  assert.equal(turnConcurrency(config(Array(50).fill('hubspot'), 5)), 5, 'the config’s own number wins');
});
