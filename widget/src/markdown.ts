/**
 * A minimal, safe markdown subset for model text: paragraphs, line breaks,
 * `-`/`*`/`1.` lists, **bold**, [links](https://…) and bare http(s) URLs.
 * Everything becomes DOM nodes built with textContent: model text is never
 * parsed as HTML, and only http/https links are ever made clickable. A path link
 * (`/manage.html#…`, as the booking confirmation writes) is resolved against `base`
 * when one is given (the widget's API origin), else left as text.
 */

/** The URL if it is an absolute http(s) URL, or a path and `base` is given; else null (javascript:, data:, relative… are refused). */
export function safeHref(raw: string, base?: string): string | null {
  try {
    const url = base && raw.startsWith('/') && !raw.startsWith('//') ? new URL(raw, base) : new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

function link(doc: Document, text: string, href: string): HTMLAnchorElement {
  const a = doc.createElement('a');
  a.href = href;
  a.textContent = text;
  a.target = '_blank';
  a.rel = 'noopener noreferrer nofollow';
  return a;
}

const INLINE = /\*\*([^*\n]+)\*\*|\[([^\]\n]+)\]\(([^)\s]+)\)|(https?:\/\/[^\s<>()]+[^\s<>().,;:!?'"])/g;

/** Appends `text` with inline bold and links to `parent`. */
export function renderInline(doc: Document, parent: Node, text: string, base?: string): void {
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
    const index = m.index ?? 0;
    if (index > last) parent.appendChild(doc.createTextNode(text.slice(last, index)));
    if (m[1] !== undefined) {
      const strong = doc.createElement('strong');
      renderInline(doc, strong, m[1], base);
      parent.appendChild(strong);
    } else if (m[2] !== undefined && m[3] !== undefined) {
      const href = safeHref(m[3], base);
      parent.appendChild(href ? link(doc, m[2], href) : doc.createTextNode(m[2]));
    } else if (m[4] !== undefined) {
      const href = safeHref(m[4]);
      parent.appendChild(href ? link(doc, m[4], href) : doc.createTextNode(m[4]));
    }
    last = index + m[0].length;
  }
  if (last < text.length) parent.appendChild(doc.createTextNode(text.slice(last)));
}

const BULLET = /^\s*[-*•]\s+(.*)$/;
const NUMBERED = /^\s*\d+[.)]\s+(.*)$/;

/** Renders `text` into a fragment of paragraphs and lists. */
export function renderMarkdown(doc: Document, text: string, base?: string): DocumentFragment {
  const out = doc.createDocumentFragment();
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let para: string[] = [];
  let list: HTMLElement | null = null;
  const flushPara = () => {
    if (!para.length) return;
    const p = doc.createElement('p');
    para.forEach((line, i) => {
      if (i > 0) p.appendChild(doc.createElement('br'));
      renderInline(doc, p, line, base);
    });
    out.appendChild(p);
    para = [];
  };
  for (const line of lines) {
    const bullet = BULLET.exec(line);
    const numbered = bullet ? null : NUMBERED.exec(line);
    const item = bullet?.[1] ?? numbered?.[1];
    if (item !== undefined) {
      flushPara();
      const tag = bullet ? 'UL' : 'OL';
      if (!list || list.tagName !== tag) {
        list = doc.createElement(tag.toLowerCase());
        out.appendChild(list);
      }
      const li = doc.createElement('li');
      renderInline(doc, li, item, base);
      list.appendChild(li);
    } else if (line.trim() === '') {
      flushPara();
      list = null;
    } else {
      list = null;
      para.push(line);
    }
  }
  flushPara();
  return out;
}
