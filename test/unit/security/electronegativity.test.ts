import { describe, expect, it } from 'vitest';
import { highFindings } from '../../security/electronegativity.mjs';

const HEADER = 'issue, severity, confidence, filename, location, sample, description, url\n';

describe('the electronegativity gate', () => {
  it('fails on a HIGH row and lets LOW and MEDIUM ones pass', () => {
    const csv = `${HEADER}CONTEXT_ISOLATION_JS_CHECK,"HIGH","FIRM","/repo/out/main/main.js","12:3","contextIsolation: false","Review",https://example.invalid\nPRELOAD_JS_CHECK,"MEDIUM","FIRM","/repo/out/main/main.js","14:3","preload: p","Review",https://example.invalid\n`;
    expect(highFindings(csv)).toEqual([
      { check: 'CONTEXT_ISOLATION_JS_CHECK', file: '/repo/out/main/main.js', location: '12:3' },
    ]);
    expect(highFindings(`${HEADER}PRELOAD_JS_CHECK,"MEDIUM","FIRM","/x","1:1","s","d",u\n`)).toEqual([]);
  });
});
