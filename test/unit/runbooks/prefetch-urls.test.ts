import { describe, expect, it } from 'vitest';
import { urlsToPrefetch } from '../../../src/connectors/runbooks/index.js';
import { runbookUrlsOfRules } from '../../../src/connectors/runbooks/rules.js';

describe('the runbook_urls a round prefetches', () => {
  it('takes the alerting rules’ http(s) runbook_url (or runbook) annotations, each once', () => {
    const answer = {
      status: 'success',
      data: {
        groups: [
          {
            rules: [
              { type: 'alerting', annotations: { runbook_url: 'https://wiki.example/a' } },
              { type: 'alerting', annotations: { runbook: 'https://wiki.example/b' } },
              { type: 'alerting', annotations: { runbook_url: 'javascript:alert(1)' } },
              { type: 'alerting', annotations: { runbook_url: 'https://wiki.example/a' } },
              { type: 'recording', annotations: { runbook_url: 'https://wiki.example/c' } },
              { type: 'alerting' },
            ],
          },
        ],
      },
    };
    expect(runbookUrlsOfRules(answer)).toEqual(['https://wiki.example/a', 'https://wiki.example/b']);
    expect(() => runbookUrlsOfRules({ status: 'error' })).toThrow();
  });

  it('puts the cached alerts’ URLs first, then the rules’ not already named, within the cap', () => {
    expect(
      urlsToPrefetch(['https://w/a', 'https://w/b'], ['https://w/b', 'https://w/c', 'https://w/d'], 3),
    ).toEqual(['https://w/a', 'https://w/b', 'https://w/c']);
  });
});
