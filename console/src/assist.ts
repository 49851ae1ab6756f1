/**
 * Staff assist (#14): a "Suggest a reply" button under the reply box of a taken-over conversation. It asks
 * POST /api/v1/chat/session/:id/suggest for a draft (the model's, or the knowledge base's offline) and puts
 * it in the reply box for staff to edit and send with the usual Send (conversation.ts); it never sends
 * anything itself. It follows the reply box: enabled exactly when the box is (staff have the conversation).
 * Mounted with one call from conversation.ts, so that file only knows it exists.
 */
import { ApiError, type Api } from './api';
import { byId, h } from './dom';

interface Suggestion {
  draft: string;
  sources: { article_id: number; title: string }[];
  source: 'model' | 'knowledge_base';
  note: string | null;
  fallback?: string;
}

/**
 * Adds the button and its status line to the reply form.
 * @example mountReplyAssist(api, () => conversation.sessionId, onAuthError);
 */
export function mountReplyAssist(api: Api, sessionId: () => string | null, onAuthError: (err: ApiError) => void): void {
  const form = byId<HTMLFormElement>('reply-form');
  const input = byId<HTMLTextAreaElement>('reply-input');
  const button = h('button', { type: 'button', id: 'suggest-reply', class: 'small', disabled: true }, 'Suggest a reply');
  const status = h('p', { class: 'small muted assist-status', id: 'suggest-status', role: 'status', 'aria-live': 'polite' });
  form.append(h('div', { class: 'assist' }, button, status));
  let busy = false;
  let shownFor: string | null = null;
  /** The draft as it was put in the box: taken out again, untouched, if its conversation closes. */
  let placed: string | null = null;

  const sync = () => {
    button.disabled = busy || input.disabled;
    // A status about another conversation, or one no longer taken over, is stale; so is an unedited draft.
    if (form.hidden || input.disabled || shownFor !== sessionId()) {
      status.replaceChildren();
      shownFor = null;
      if (placed !== null && input.value === placed) input.value = '';
      placed = null;
    }
  };
  const observer = new MutationObserver(sync);
  observer.observe(input, { attributes: true, attributeFilter: ['disabled'] });
  observer.observe(form, { attributes: true, attributeFilter: ['hidden'] });

  button.addEventListener('click', async () => {
    const id = sessionId();
    if (!id || busy) return;
    busy = true;
    sync();
    status.textContent = 'Drafting a reply…';
    shownFor = id;
    try {
      const s = await api.post<Suggestion>(`/chat/session/${encodeURIComponent(id)}/suggest`);
      if (id !== sessionId() || input.disabled) return;
      if (!s.draft) {
        status.textContent = s.note ?? 'No suggestion.';
        return;
      }
      // An earlier draft left untouched is replaced; whatever staff typed stays, and the draft goes under it.
      if (placed !== null && input.value === placed) input.value = '';
      input.value = input.value.trim() ? `${input.value.trimEnd()}\n\n${s.draft}` : s.draft;
      placed = input.value;
      input.focus();
      input.setSelectionRange(input.value.length, input.value.length);
      const by = s.source === 'model' ? 'Drafted by the model' : `Drafted from the knowledge base${s.fallback ? ' (the model was unavailable)' : ''}`;
      status.replaceChildren(
        `${by}${s.sources.length ? ' from ' : ''}`,
        ...s.sources.flatMap((src, i) => [i ? ', ' : '', h('a', { href: `/kb.html?id=${encodeURIComponent(String(src.article_id))}`, target: '_blank', rel: 'noopener' }, src.title)]),
        '. Edit it, then Send.',
      );
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) return onAuthError(err);
      status.textContent = `No suggestion: ${(err as Error).message}`;
    } finally {
      busy = false;
      button.disabled = input.disabled;
    }
  });
}
