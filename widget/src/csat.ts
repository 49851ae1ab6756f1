/**
 * The rating prompt (CSAT, issue #14): when the conversation is resolved by
 * staff or ended, the widget asks once for a 1–5 rating and an optional
 * comment, POSTed to /api/v1/chat/session/:id/csat with the session's token.
 * A native radio group in a fieldset (arrow keys move between the scores, each
 * score's label says what it means), a labelled comment box, and a thanks state
 * that stays. The element shows it while the reducer's state says the
 * resolution is unrated (`rated: false`), so a reload, another tab or a second
 * resolved event never asks twice for the same resolution. It sits above the
 * composer, which stays usable when staff resolved the conversation: the
 * visitor's next message reopens it, and the reopening's event hides the prompt.
 */
import { h } from './dom';
import type { Strings } from './strings';

export interface CsatHost {
  strings(): Strings;
  /** Sends the rating; throws with the server's message when it was refused. */
  rate(score: number, comment: string): Promise<void>;
  /** Says `text` in the widget's live region. */
  live(text: string): void;
}

export class CsatPrompt {
  readonly el: HTMLElement;
  private readonly form: HTMLFormElement;
  private readonly title: HTMLParagraphElement;
  private readonly legend: HTMLLegendElement;
  private readonly scores: HTMLInputElement[] = [];
  private readonly scoreLabels: HTMLSpanElement[] = [];
  private readonly commentLabel: HTMLLabelElement;
  private readonly comment: HTMLTextAreaElement;
  private readonly submit: HTMLButtonElement;
  private readonly problem: HTMLParagraphElement;
  private readonly thanks: HTMLParagraphElement;
  private busy = false;
  /** 'asking' while shown, 'thanked' after a rating (kept until the conversation moves on). */
  state: 'hidden' | 'asking' | 'thanked' = 'hidden';

  constructor(
    private readonly host: CsatHost,
    private readonly anchor: HTMLElement,
  ) {
    this.title = h('p', { class: 'csat-title', id: 'sb-csat-title' });
    this.legend = h('legend', { class: 'sr-only' });
    const options = h('div', { class: 'csat-scores' });
    for (let score = 1; score <= 5; score++) {
      const input = h('input', { type: 'radio', name: 'sb-csat-score', value: String(score), id: `sb-csat-${score}` });
      const words = h('span', { class: 'sr-only' });
      // Named "4 Good": the number shown, the words for screen readers.
      options.append(h('label', { for: input.id, class: 'csat-score' }, input, h('span', { class: 'csat-num' }, String(score)), words));
      input.addEventListener('change', () => this.render());
      this.scores.push(input);
      this.scoreLabels.push(words);
    }
    this.commentLabel = h('label', { for: 'sb-csat-comment' });
    this.comment = h('textarea', { id: 'sb-csat-comment', rows: '2', maxlength: '1000' });
    this.submit = h('button', { type: 'submit', class: 'csat-submit' });
    this.problem = h('p', { class: 'csat-problem', role: 'alert', hidden: '' });
    this.thanks = h('p', { class: 'csat-thanks', role: 'status', tabindex: '-1', hidden: '' });
    this.form = h('form', { class: 'csat-form' }, h('fieldset', {}, this.legend, options), this.commentLabel, this.comment, this.problem, this.submit);
    // In the panel only while it asks or thanks (inserted before `anchor`, the composer).
    this.el = h('section', { class: 'csat', 'aria-labelledby': this.title.id }, this.title, this.form, this.thanks);
    this.form.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.send();
    });
    this.labels();
  }

  /** Re-labels everything in the current language. */
  labels(): void {
    const s = this.host.strings();
    this.title.textContent = s.csatTitle;
    this.legend.textContent = s.csatLegend;
    this.scoreLabels.forEach((el, i) => (el.textContent = ` ${s.csatScores[i] ?? ''}`));
    this.commentLabel.textContent = s.csatComment;
    this.submit.textContent = s.csatSubmit;
    this.thanks.textContent = s.csatThanks;
  }

  /** Asks for a rating (a new resolution): a fresh, empty form. */
  ask(): void {
    if (this.state === 'asking') return;
    this.state = 'asking';
    for (const r of this.scores) r.checked = false;
    this.comment.value = '';
    this.problem.hidden = true;
    this.anchor.before(this.el);
    this.render();
  }

  /** A rating is on its way (its own session event may arrive before the POST answers). */
  get sending(): boolean {
    return this.busy;
  }

  /** Hides the prompt (the conversation reopened or a new one started); a later resolution asks again. */
  hide(): void {
    this.state = 'hidden';
    this.el.remove();
  }

  private render(): void {
    const asking = this.state === 'asking';
    this.form.hidden = !asking;
    this.thanks.hidden = this.state !== 'thanked';
    this.submit.disabled = this.busy || !this.scores.some((r) => r.checked);
  }

  private async send(): Promise<void> {
    const score = Number(this.scores.find((r) => r.checked)?.value ?? 0);
    if (!score || this.busy) return;
    this.busy = true;
    this.problem.hidden = true;
    this.render();
    try {
      await this.host.rate(score, this.comment.value.trim());
      this.state = 'thanked';
      this.host.live(this.host.strings().csatThanks);
    } catch (err) {
      this.problem.textContent = `${this.host.strings().csatFailed}${err instanceof Error && err.message ? ` (${err.message})` : ''}`;
      this.problem.hidden = false;
    } finally {
      this.busy = false;
      this.render();
    }
    if (this.state === 'thanked') this.thanks.focus();
  }
}
