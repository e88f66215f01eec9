import { describe, expect, it } from 'vitest';
import { ALERT_RULES, SCALE_RULES, ruleApplies } from '../../../../src/demo/estate/alert-rules.js';
import { DEMO_ESTATE, dependantsOf, indexEstate, instancesOf } from '../../../../src/demo/estate/estate.js';

describe('the demo estate', () => {
  const index = indexEstate(DEMO_ESTATE);

  it('is a believable company: business lines, ~40 services, a dozen clusters', () => {
    expect(DEMO_ESTATE.businessLines.map((line) => line.nameZh)).toEqual(
      expect.arrayContaining(['支付', '交易', '用户', '物流']),
    );
    expect(DEMO_ESTATE.services.length).toBeGreaterThanOrEqual(38);
    expect(DEMO_ESTATE.services.length).toBeLessThanOrEqual(50);
    expect(DEMO_ESTATE.clusters).toHaveLength(12);
    expect(new Set(DEMO_ESTATE.clusters.map((cluster) => cluster.env))).toEqual(new Set(['prod', 'staging']));
    for (const service of DEMO_ESTATE.services) {
      expect(() => index.team(service.team)).not.toThrow();
      for (const cluster of service.clusters) expect(() => index.cluster(cluster)).not.toThrow();
    }
  });

  it('has a dependency graph without cycles whose edges all point at known services', () => {
    const ids = new Set(DEMO_ESTATE.services.map((service) => service.id));
    const visiting = new Set<string>();
    const done = new Set<string>();
    const visit = (id: string): void => {
      if (done.has(id)) return;
      expect(visiting.has(id), `cycle through ${id}`).toBe(false);
      visiting.add(id);
      for (const dependency of index.service(id).dependsOn) {
        expect(ids.has(dependency), `${id} depends on unknown ${dependency}`).toBe(true);
        visit(dependency);
      }
      visiting.delete(id);
      done.add(id);
    };
    for (const id of ids) visit(id);
    // Listed in dependency order, so the table reads bottom-up like the architecture.
    DEMO_ESTATE.services.forEach((service, position) => {
      for (const dependency of service.dependsOn)
        expect(index.serviceOrdinal(dependency)).toBeLessThan(position);
    });
  });

  it('knows who is hurt when a shared database fails, nearest first', () => {
    const hurt = dependantsOf(DEMO_ESTATE, 'mysql-payment', 3);
    expect(hurt.map((entry) => entry.service.id)).toEqual(expect.arrayContaining(['ledger', 'payment-core']));
    const depths = hurt.map((entry) => entry.depth);
    expect(depths).toEqual([...depths].sort((a, b) => a - b));
    expect(hurt.find((entry) => entry.service.id === 'payment-api')?.depth).toBe(2);
  });

  it('gives every pod a distinct address and name', () => {
    const pods = instancesOf(index, 'payment-core', 'sh-prod-a');
    expect(new Set(pods.map((pod) => pod.instance)).size).toBe(pods.length);
    expect(new Set(pods.map((pod) => pod.pod)).size).toBe(pods.length);
    expect(pods[0]?.pod).toMatch(/^payment-core-[a-z0-9]{10}-[a-z0-9]{5}$/);
  });

  it('has a rule catalogue that watches every service, and 250 alert names for scale mode', () => {
    for (const service of DEMO_ESTATE.services) {
      expect(
        ALERT_RULES.some((rule) => rule.weight > 0 && ruleApplies(rule, service)),
        service.id,
      ).toBe(true);
    }
    expect(new Set(SCALE_RULES.map((rule) => rule.name)).size).toBe(250);
  });
});
