import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';
import type { RunbookHeading } from '../../domain/index.js';

/**
 * Runbooks are untrusted: markdown is rendered with markdown-it, HTML pages are cut to their readable
 * part, and either goes through one allow-list sanitizer here, in the core, before it is stored. No
 * script, event handler, style, form, frame or object survives; links are http(s) only; an image is
 * kept only as the data: URI of a copy cached with the runbook, so reading never loads anything.
 */

const markdown = new MarkdownIt({ html: true, linkify: true, typographer: false });

const IMAGE_DATA_URI = /^data:image\/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/=]+$/;

/** Tags whose content goes with them (not just the tag): code, chrome and anything interactive. */
const DROPPED_WITH_CONTENT = [
  'script',
  'style',
  'textarea',
  'option',
  'noscript',
  'nav',
  'header',
  'footer',
  'aside',
  'form',
  'button',
  'select',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'template',
  'svg',
  'math',
  'title',
  'head',
];

const ALLOWED_TAGS = [
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'p',
  'br',
  'hr',
  'ul',
  'ol',
  'li',
  'blockquote',
  'pre',
  'code',
  'kbd',
  'samp',
  'strong',
  'b',
  'em',
  'i',
  'del',
  's',
  'sup',
  'sub',
  'table',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'th',
  'td',
  'caption',
  'a',
  'img',
  'span',
  'div',
  'dl',
  'dt',
  'dd',
  'figure',
  'figcaption',
  'mark',
];

export type RenderOptions = Readonly<{
  /** Where relative links point from (the page's URL); folder runbooks have none. */
  baseUrl?: string;
  /** Cached images by the src written in the runbook: data: URIs. */
  images?: ReadonlyMap<string, string>;
}>;

export type Rendered = Readonly<{ html: string; toc: RunbookHeading[]; plain: string }>;

function absoluteHttp(href: string, baseUrl: string | undefined): string | undefined {
  try {
    const url = baseUrl ? new URL(href, baseUrl) : new URL(href);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    if (url.username || url.password) return undefined;
    return url.href;
  } catch {
    return undefined;
  }
}

const ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
};

/** Text of sanitized html: tags out, entities decoded, blocks on their own lines. */
export function plainTextOf(html: string): string {
  return html
    .replace(/<\/(p|h[1-6]|li|tr|pre|blockquote|div|dt|dd)>|<br\s*\/?>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
      if (name.startsWith('#x') || name.startsWith('#X'))
        return String.fromCodePoint(parseInt(name.slice(2), 16));
      if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
      return ENTITIES[name.toLowerCase()] ?? whole;
    })
    .replace(/[ \t]+/g, ' ')
    .replace(/\n\s*\n+/g, '\n')
    .trim();
}

/** The allow-list sanitizer every runbook's html passes before it is stored. */
export function sanitizeRunbookHtml(dirty: string, options: RenderOptions = {}): Rendered {
  let headings = 0;
  const html = sanitizeHtml(dirty, {
    allowedTags: ALLOWED_TAGS,
    allowedAttributes: {
      a: ['href', 'title', 'rel', 'target'],
      img: ['src', 'alt', 'title', 'width', 'height'],
      th: ['colspan', 'rowspan'],
      td: ['colspan', 'rowspan'],
      h1: ['id'],
      h2: ['id'],
      h3: ['id'],
      h4: ['id'],
      h5: ['id'],
      h6: ['id'],
    },
    allowedSchemes: ['http', 'https'],
    allowedSchemesByTag: { img: ['data'] },
    allowedSchemesAppliedToAttributes: ['href', 'src'],
    allowProtocolRelative: false,
    disallowedTagsMode: 'discard',
    nonTextTags: DROPPED_WITH_CONTENT,
    transformTags: {
      a: (_tag, attribs) => {
        const href = attribs.href === undefined ? undefined : absoluteHttp(attribs.href, options.baseUrl);
        // A link that is not http(s) keeps its text and loses its target.
        if (href === undefined) return { tagName: 'span', attribs: {} };
        return {
          tagName: 'a',
          attribs: {
            href,
            rel: 'noopener noreferrer nofollow',
            target: '_blank',
            ...(attribs.title ? { title: attribs.title } : {}),
          },
        };
      },
      img: (_tag, attribs) => {
        const cached = attribs.src === undefined ? undefined : options.images?.get(attribs.src);
        if (cached === undefined || !IMAGE_DATA_URI.test(cached)) {
          // Not cached: never loaded from the network; its alt text says what was there.
          return { tagName: 'span', attribs: {}, text: attribs.alt ? `[${attribs.alt}]` : '' };
        }
        return {
          tagName: 'img',
          attribs: { src: cached, ...(attribs.alt ? { alt: attribs.alt } : {}) },
        };
      },
      ...Object.fromEntries(
        ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((tag) => [
          tag,
          () => ({ tagName: tag, attribs: { id: `rb-h${++headings}` } }),
        ]),
      ),
    },
  });
  const toc: RunbookHeading[] = [];
  for (const match of html.matchAll(/<h([1-3]) id="(rb-h\d+)">([\s\S]*?)<\/h\1>/g)) {
    const text = plainTextOf(match[3] ?? '');
    if (text) toc.push({ level: Number(match[1]), anchor: match[2] ?? '', text: text.slice(0, 200) });
  }
  return { html, toc, plain: plainTextOf(html) };
}

/** Markdown to sanitized html. */
export function renderMarkdown(body: string, options: RenderOptions = {}): Rendered {
  return sanitizeRunbookHtml(markdown.render(body), options);
}

/** The `src` of every image a (not yet sanitized) html document names, in order, without repeats. */
export function imageSources(html: string): string[] {
  const found = new Set<string>();
  for (const match of html.matchAll(/<img\b[^>]*?\bsrc\s*=\s*("([^"]*)"|'([^']*)'|([^\s>]+))/gi)) {
    const src = (match[2] ?? match[3] ?? match[4] ?? '').trim();
    if (src && !src.startsWith('data:')) found.add(src.replace(/&amp;/g, '&'));
  }
  return [...found];
}

/** The html markdown-it makes of a body, before sanitizing (to find its images). */
export function markdownToHtml(body: string): string {
  return markdown.render(body);
}

/**
 * The readable part of a wiki page: its <main> or <article> (else the <body>), its title from
 * <title> or the first <h1>. Navigation, headers, footers and asides go in the sanitizer.
 */
export function readablePart(page: string): Readonly<{ title?: string; html: string }> {
  const pick = (tag: string) => new RegExp(`<${tag}\\b[^>]*>([\\s\\S]*?)</${tag}>`, 'i').exec(page)?.[1];
  const content = pick('main') ?? pick('article') ?? pick('body') ?? page;
  const rawTitle = pick('title') ?? /<h1\b[^>]*>([\s\S]*?)<\/h1>/i.exec(content)?.[1];
  const title = rawTitle === undefined ? undefined : plainTextOf(sanitizeHtml(rawTitle, { allowedTags: [] }));
  return { ...(title ? { title } : {}), html: content };
}
