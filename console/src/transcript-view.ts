/**
 * The console's transcript list (#transcript): stored messages in seq order,
 * AI replies streaming in with their tool calls, each said once by the
 * announcer. What is in the conversation is the shared transcript reducer's
 * state (widget/src/core/transcript.ts), which conversation.ts keeps; this view
 * paints each event the reducer applied, deduplicating what it painted by seq
 * (a staff reply is shown from its POST answer before the socket's copy).
 * Customer text is rendered as text, model and staff text through the widget's
 * safe markdown subset; nothing is ever parsed as HTML.
 */
import { toolLabel } from '../../worker/protocol/chat';
import { turnOf, type TranscriptState } from '../../widget/src/core/transcript';
import { renderMarkdown } from '../../widget/src/markdown';
import { h, shortTime, type Announcer } from './dom';
import type { ConsoleEvent, StaffTranscriptMessage } from './types';

interface Streaming {
  li: HTMLLIElement;
  body: HTMLDivElement;
  tools: HTMLUListElement;
}

export class TranscriptView {
  private shown = new Set<number>();
  private streaming = new Map<string, Streaming>();

  constructor(
    readonly list: HTMLOListElement,
    private readonly announcer: Announcer,
    /** The customer's name, for the "Customer · name" label. */
    private readonly customerName: () => string | null | undefined,
  ) {}

  clear(): void {
    this.shown.clear();
    this.streaming.clear();
    this.list.replaceChildren();
  }

  /** The whole transcript again (a load or a resync). */
  renderAll(messages: readonly StaffTranscriptMessage[]): void {
    this.clear();
    for (const m of messages) this.addMessage(m, false);
  }

  /** Paints one event the reducer applied; `state` is the conversation after it. */
  apply(e: ConsoleEvent, state: TranscriptState<StaffTranscriptMessage>): void {
    switch (e.type) {
      case 'message':
        this.addMessage(e.message as StaffTranscriptMessage, true);
        return;
      case 'turn_started':
        this.stream(e.turn_id);
        return;
      case 'text_delta':
        this.stream(e.turn_id).body.textContent = turnOf(state, e.turn_id)?.text ?? '';
        return;
      case 'tool_started': {
        const s = this.stream(e.turn_id);
        s.tools.hidden = false;
        if (!this.toolItem(s, e.call_id)) s.tools.append(h('li', { class: 'tool running', 'data-call': e.call_id }, `${e.label || toolLabel(e.name)} `, h('code', {}, e.name)));
        return;
      }
      case 'tool_finished': {
        const li = this.toolItem(this.stream(e.turn_id), e.call_id);
        if (li) {
          li.className = `tool ${e.ok ? 'ok' : 'failed'}`;
          li.append(h('span', { class: 'result' }, e.ok ? ' done' : ` failed${e.error ? `: ${e.error}` : ''}`));
        }
        return;
      }
      case 'turn_done': {
        const s = this.streaming.get(e.turn_id);
        this.streaming.delete(e.turn_id);
        const m = e.message as StaffTranscriptMessage;
        if (this.shown.has(m.seq)) {
          s?.li.remove();
        } else if (s) {
          s.li.classList.remove('streaming');
          s.li.removeAttribute('aria-busy');
          this.fillMessage(s.li, s.body, m);
          this.shown.add(m.seq);
          this.announceMessage(m);
        } else {
          this.addMessage(m, true);
        }
        return;
      }
      case 'error':
        // The reducer ended the turns in flight: so does the view.
        for (const s of this.streaming.values()) s.li.remove();
        this.streaming.clear();
        return;
      default:
        return;
    }
  }

  /** Shows a stored message once (by seq), in seq order before any reply still streaming. */
  addMessage(m: StaffTranscriptMessage, announce: boolean): void {
    if (this.shown.has(m.seq)) return;
    this.shown.add(m.seq);
    const body = h('div', { class: 'body' });
    const li = h('li', { class: `msg ${m.role}`, 'data-role': m.role });
    li.append(h('div', { class: 'meta' }), body);
    this.fillMessage(li, body, m);
    const after = [...this.list.children].find((c) => {
      const el = c as HTMLElement;
      return el.classList.contains('streaming') || (el.dataset.seq !== undefined && Number(el.dataset.seq) > m.seq);
    });
    this.list.insertBefore(li, after ?? null);
    if (announce) this.announceMessage(m);
  }

  private toolItem(s: Streaming, callId: string): HTMLLIElement | null {
    return s.tools.querySelector<HTMLLIElement>(`li[data-call="${CSS.escape(callId)}"]`);
  }

  /** The streaming bubble of a turn (created on first sight). */
  private stream(turnId: string): Streaming {
    let s = this.streaming.get(turnId);
    if (s) return s;
    const body = h('div', { class: 'body' });
    const tools = h('ul', { class: 'tools', 'aria-label': 'Tool activity', hidden: true });
    const li = h(
      'li',
      { class: 'msg assistant streaming', 'data-turn': turnId, 'data-role': 'assistant', 'aria-busy': 'true' },
      h('div', { class: 'meta' }, h('span', { class: 'who' }, 'AI assistant'), h('span', { class: 'typing' }, ' replying…')),
      tools,
      body,
    );
    this.list.append(li);
    s = { li, body, tools };
    this.streaming.set(turnId, s);
    return s;
  }

  private fillMessage(li: HTMLLIElement, body: HTMLDivElement, m: StaffTranscriptMessage): void {
    li.dataset.seq = String(m.seq);
    const name = this.customerName();
    const who =
      m.role === 'user'
        ? `Customer${name ? ` · ${name}` : ''}`
        : m.role === 'staff'
          ? `Staff${m.agent ? ` · ${m.agent}` : ''}`
          : `AI assistant${m.offline ? ' (offline model)' : ''}`;
    const meta = li.querySelector('.meta')!;
    meta.replaceChildren(h('span', { class: 'who' }, who), h('time', { datetime: m.created_at }, shortTime(m.created_at)));
    if (m.role === 'user') body.replaceChildren(h('p', { class: 'plain' }, m.content));
    else body.replaceChildren(renderMarkdown(document, m.content));
    li.querySelector('.sources')?.remove();
    if (m.sources?.length) {
      li.append(
        h(
          'p',
          { class: 'sources small' },
          'Sources: ',
          ...m.sources.flatMap((s, i) => [i ? ', ' : '', h('a', { href: `/kb.html?id=${encodeURIComponent(String(s.id))}`, target: '_blank', rel: 'noopener' }, s.title)]),
        ),
      );
    }
  }

  private announceMessage(m: StaffTranscriptMessage): void {
    const who = m.role === 'user' ? 'Customer' : m.role === 'staff' ? 'Staff' : 'AI';
    const text = m.content.length > 140 ? `${m.content.slice(0, 137)}…` : m.content;
    this.announcer.say(`${who}: ${text}`);
  }

  /** Whether the transcript is scrolled to (near) its end: new messages then keep it there. */
  nearBottom(): boolean {
    const el = this.list;
    return el.scrollHeight - el.scrollTop - el.clientHeight < 80;
  }

  scrollToEnd(): void {
    this.list.scrollTop = this.list.scrollHeight;
  }
}
