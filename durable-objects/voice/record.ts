/**
 * What a voice call records in its session: the interaction's channel, both
 * sides' transcripts (through the session's own message path, so they reach D1
 * by the outbox like chat turns), tool calls with their results, and usage and
 * cost. Every write runs on the session's turn queue, so voice and chat writes
 * never interleave and a chat turn's totals never overwrite a call's.
 */
import type { ModelMessage } from '../../worker/agent/model';
import { BOOKING_CARD_TOOLS } from '../../worker/protocol/chat';
import type { ToolResult } from '../../worker/tools/registry';
import { updateInteraction } from '../session/d1-sync';
import type { SessionHost } from '../session/host';
import type { SessionMeta } from '../session/store';
import { CallTranscript } from './transcript';

/** The call and its result as chat-history messages, so later text turns (and D1) see what voice did. */
export function toolMessages(callId: string, name: string, args: string, result: ToolResult): [ModelMessage, ModelMessage] {
  return [
    { role: 'assistant', content: null, tool_calls: [{ id: callId, type: 'function', function: { name, arguments: args } }] },
    { role: 'tool', tool_call_id: callId, content: JSON.stringify(result) },
  ];
}

/** Records one call into its session; owns the call's pending transcript. */
export class CallRecorder {
  readonly transcript = new CallTranscript();
  private flushQueued = false;
  /** Bookings returned by tools since the last stored assistant reply. */
  private bookings: unknown[] = [];

  constructor(
    private readonly host: SessionHost,
    /** Tells the caller what they said, once it is stored. */
    private readonly userStored: (itemId: string, text: string, seq: number) => void,
  ) {}

  meta(): SessionMeta {
    return this.host.store.meta()!;
  }

  /** The interaction is a voice one from now on (D1's row too; it exists there or is queued ahead in the outbox). */
  async markVoice(): Promise<void> {
    await this.host.enqueue(async () => {
      const meta = this.meta();
      this.host.store.saveMeta({ ...meta, channel: 'voice', last_activity_at: this.host.now(), ...(meta.status === 'abandoned' ? { status: 'open' as const } : {}) });
      this.host.store.enqueueD1('UPDATE interactions SET channel = ?, updated_at = ? WHERE session_id = ?', ['voice', this.host.now(), meta.session_id]);
    });
    // Bookings made by voice link to the interaction: make sure its D1 row id is known first.
    if (this.meta().interaction_id === undefined) await this.host.persist();
  }

  /** Settles what is due and writes it (called on a timer). */
  tick(): void {
    this.transcript.tick(this.host.now());
    this.scheduleFlush();
  }

  scheduleFlush(): void {
    if (this.flushQueued || this.transcript.pending === 0) return;
    this.flushQueued = true;
    void this.host.enqueue(async () => {
      this.flushQueued = false;
      this.writeSettled();
    });
  }

  /** Writes settled transcript entries, in order. Must run on the turn queue. */
  writeSettled(): void {
    const writes = this.transcript.drain();
    if (!writes.length) return;
    for (const w of writes) {
      if (w.kind === 'tool') {
        for (const m of w.messages) {
          this.host.storeMessage(m, { toolName: w.toolName });
          if (m.role === 'tool' && BOOKING_CARD_TOOLS.includes(w.toolName)) {
            const result = JSON.parse(String(m.content)) as { ok: boolean; data?: unknown };
            if (result.ok) this.bookings.push(result.data);
          }
        }
        continue;
      }
      const extra = w.kind === 'assistant' && this.bookings.length ? { bookings: this.bookings.splice(0) } : undefined;
      const seq = this.host.storeMessage({ role: w.kind, content: w.text }, { extra });
      this.host.emit({ type: 'message', message: this.host.store.message(seq) });
      if (w.kind === 'user') this.userStored(w.itemId, w.text, seq);
    }
    // Talking is activity: the idle alarm must not mark a live call abandoned.
    this.host.store.saveMeta({ ...this.meta(), last_activity_at: this.host.now() });
  }

  /** The conversation so far, once settled entries and running tool calls (queued ahead) are stored. */
  history(): Promise<ModelMessage[]> {
    return this.host.enqueue(async () => {
      this.writeSettled();
      return this.host.store.modelHistory();
    });
  }

  /** Adds a response's tokens and cost to the interaction's totals. */
  addUsage(input: number, output: number, costCents: number): void {
    void this.host.enqueue(async () => {
      const meta = this.meta();
      const updated = { ...meta, prompt_tokens: meta.prompt_tokens + input, completion_tokens: meta.completion_tokens + output, cost_cents: meta.cost_cents + costCents, last_activity_at: this.host.now() };
      this.host.store.saveMeta(updated);
      this.host.store.enqueueD1(...updateInteraction(updated, this.host.now()));
    });
  }

  /** At hang-up: everything pending is settled and written, totals queued, and the outbox flushed to D1. */
  async finish(): Promise<void> {
    this.transcript.settleAll();
    await this.host.enqueue(async () => {
      this.writeSettled();
      const updated = { ...this.meta(), last_activity_at: this.host.now() };
      this.host.store.saveMeta(updated);
      this.host.store.enqueueD1(...updateInteraction(updated, this.host.now()));
    });
    await this.host.persist();
  }
}
