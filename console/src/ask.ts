/**
 * "Ask the data": staff type a question about the business ("how many plumbing bookings last week?")
 * and get the answer with the figures it used (POST /api/v1/analytics/ask), each tool call shown with
 * what it was asked and, opened, the exact result. Self-contained: it builds its DOM in a container.
 */
import { ApiError, type Api } from './api';
import { h } from './dom';

interface Figure {
  tool: string;
  input: unknown;
  result: { ok: true; data: unknown } | { ok: false; error: { code: string; message: string } };
}

interface AskAnswer {
  question: string;
  answer: string;
  figures: Figure[];
  answered_by: 'offline' | 'model';
  understood: boolean;
}

const EXAMPLES = ['How many plumbing bookings last week?', 'Which technician has the most jobs tomorrow?', 'What was our booking conversion this month?'];

/** "from 2030-03-04 · to 2030-03-10 · category Plumbing" of a tool input. */
function describeInput(input: unknown): string {
  if (!input || typeof input !== 'object') return String(input ?? '');
  return Object.entries(input as Record<string, unknown>)
    .map(([k, v]) => `${k.replace(/_/g, ' ')} ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join(' · ');
}

export class AskPanel {
  private readonly input = h('input', { type: 'text', id: 'ask-q', name: 'question', maxlength: '500', autocomplete: 'off', placeholder: EXAMPLES[0] });
  private readonly button = h('button', { type: 'submit' }, 'Ask');
  private readonly answer = h('div', { class: 'ask-answer', role: 'status', 'aria-live': 'polite' });
  private readonly figures = h('ol', { class: 'ask-figures', 'aria-label': 'Figures used' });

  constructor(
    container: HTMLElement,
    private readonly api: Api,
    private readonly onAuthError: (err: ApiError) => void,
  ) {
    const form = h(
      'form',
      { class: 'ask-form', 'aria-labelledby': 'ask-h' },
      h('label', { for: 'ask-q' }, 'Question'),
      this.input,
      this.button,
    );
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.ask(this.input.value);
    });
    const examples = h(
      'p',
      { class: 'small muted' },
      'Try: ',
      ...EXAMPLES.flatMap((q, i) => {
        const b = h('button', { type: 'button', class: 'linklike' }, q);
        b.addEventListener('click', () => {
          this.input.value = q;
          void this.ask(q);
        });
        return i ? [' · ', b] : [b];
      }),
    );
    container.replaceChildren(h('h3', { id: 'ask-h' }, 'Ask the data'), form, examples, this.answer, this.figures);
  }

  async ask(question: string): Promise<void> {
    const q = question.trim();
    if (q.length < 3) {
      this.answer.textContent = 'Type a question first.';
      this.input.focus();
      return;
    }
    this.button.disabled = true;
    this.answer.textContent = 'Working it out…';
    this.figures.replaceChildren();
    try {
      const res = await this.api.request<AskAnswer>('POST', '/analytics/ask', { question: q });
      this.show(res);
    } catch (err) {
      if (err instanceof ApiError && (err.status === 401 || err.status === 403)) return this.onAuthError(err);
      this.answer.textContent = `Could not answer: ${(err as Error).message}`;
    } finally {
      this.button.disabled = false;
    }
  }

  private show(res: AskAnswer): void {
    this.answer.replaceChildren(
      h('p', { class: 'ask-text' }, res.answer),
      h('p', { class: 'small muted' }, res.answered_by === 'model' ? 'Answered by the model from the figures below.' : 'Answered offline from the figures below.'),
    );
    this.figures.replaceChildren(
      ...res.figures.map((f) =>
        h(
          'li',
          { class: 'ask-figure' },
          h('details', {}, h('summary', {}, h('code', {}, f.tool), ' ', describeInput(f.input), f.result.ok ? '' : ` — failed: ${f.result.error.message}`), h('pre', {}, JSON.stringify(f.result.ok ? f.result.data : f.result.error, null, 2))),
        ),
      ),
    );
  }
}
