/**
 * One agent turn of a chat session: the system prompt and the stored
 * conversation go to the agent loop with the tools of the conversation's owner
 * (a customer; see `ownerPrincipal`); every message the turn adds is stored as it
 * happens (tool results by turn and call id, so a replay of this same turn is
 * answered from storage), events stream to the turn's listeners, and
 * the reply, usage and cost are recorded. The session object supplies storage
 * and delivery through SessionHost; this file owns only the turn's logic.
 */
import { runTurn } from '../../worker/agent/loop';
import type { ChatModel, ModelMessage } from '../../worker/agent/model';
import { costCents, priceTable } from '../../worker/agent/pricing';
import { systemPrompt } from '../../worker/agent/prompt';
import type { Principal } from '../../worker/auth/principal';
import { loadPromptCalendar } from '../../worker/domain/business-calendar';
import { createContext, type DomainContext } from '../../worker/domain/context';
import { log } from '../../worker/lib/log';
import { BOOKING_CARD_TOOLS, toolLabel, type SessionEvent } from '../../worker/protocol/chat';
import { TOOLS } from '../../worker/tools/catalog';
import { selectTools } from '../../worker/tools/registry';
import { insertAudit, updateInteraction } from './d1-sync';
import type { SessionHost, TurnWriter } from './host';
import { turnOps, type OpsMark } from './op-counts';
import type { SessionMeta } from './store';

/** Where a turn came from: the round-trip count at its acceptance, and the HTTP request that sent it. */
export interface TurnOrigin {
  ops?: OpsMark;
  requestId?: string | undefined;
}

/**
 * Runs turn `turnId` acting as `principal` (the session passes its owner). A turn finished after a
 * restart passes the id it had, so its stored results replay. Throws only for unexpected failures.
 */
export async function runSessionTurn(
  host: SessionHost,
  chatModel: () => ChatModel,
  turnId: string,
  principal: Principal,
  writer?: TurnWriter,
  { ops = host.counts.mark(), requestId }: TurnOrigin = {},
): Promise<void> {
  let meta = host.store.meta()!;
  if (meta.interaction_id === undefined) await host.flushOutbox();
  meta = host.store.meta()!;
  // Text deltas are gathered (see DeltaBuffer) and whatever is gathered goes out before any other event.
  const deltas = new DeltaBuffer((delta) => host.emit({ type: 'text_delta', turn_id: turnId, delta }, writer));
  const emit = (event: SessionEvent) => {
    deltas.flush();
    return host.emit(event, writer);
  };
  emit({ type: 'turn_started', turn_id: turnId });
  const model = chatModel();
  const ctx: DomainContext = {
    ...createContext(host.env, principal, { requestId, ...(meta.interaction_id !== undefined ? { interactionId: meta.interaction_id } : {}) }),
    // Tool calls' audit rows join the outbox: written to D1 with the turn's messages, after the reply.
    audit: (row) => host.store.enqueueD1(...insertAudit(row, crypto.randomUUID())),
  };
  const toolNames = new Map<string, string>();
  const bookings: unknown[] = [];
  // Scoped to this turn: another turn reusing a call id runs its tool, with its own checks.
  const results = host.store.toolResultsOf(turnId, () => host.now());
  // The hours the prompt states come from the calendar availability uses; without D1 the turn goes on without them.
  // The offline engine never reads them (it answers hours from the knowledge base), so its turns skip the read.
  const calendar = model.offline ? undefined : await loadPromptCalendar(ctx).catch(() => undefined);
  const messages: ModelMessage[] = [
    {
      role: 'system',
      content: systemPrompt({
        businessName: host.env.BUSINESS_NAME,
        timeZone: host.env.BUSINESS_TIMEZONE,
        now: host.now(),
        ...(meta.customer_name ? { customerName: meta.customer_name } : {}),
        ...(calendar ? { calendar } : {}),
      }),
    },
    ...host.store.modelHistory(),
  ];
  const outcome = await runTurn({
    model,
    messages,
    tools: selectTools(TOOLS, principal),
    ctx,
    store: results,
    hooks: {
      onTextDelta: (delta) => deltas.push(delta),
      onToolStarted: (call) => {
        toolNames.set(call.id, call.name);
        emit({ type: 'tool_started', turn_id: turnId, call_id: call.id, name: call.name, label: toolLabel(call.name) });
      },
      onToolFinished: (call, result) => {
        if (call.name === 'request_human' && result.ok) host.store.saveMeta({ ...host.store.meta()!, status: 'escalated' });
        const shareData = result.ok && BOOKING_CARD_TOOLS.includes(call.name);
        if (shareData) bookings.push(result.data);
        emit(
          {
            type: 'tool_finished',
            turn_id: turnId,
            call_id: call.id,
            name: call.name,
            ok: result.ok,
            ...(result.ok ? {} : { error: result.error.code }),
            ...(shareData ? { data: result.data } : {}),
          },
        );
      },
      onMessage: (message) => {
        host.storeMessage(message, { turnId, toolName: message.role === 'tool' ? toolNames.get(message.tool_call_id) : undefined });
      },
    },
  }).finally(() => deltas.flush());
  const seq = host.storeMessage({ role: 'assistant', content: outcome.text }, { turnId, extra: { sources: outcome.sources, offline: model.offline, bookings } });
  const now = host.now();
  const turnCost = costCents(priceTable(host.env.MODEL_PRICES), model.id, outcome.usage.prompt_tokens, outcome.usage.completion_tokens);
  // Totals from the meta as it is now: nothing else may have written them during the turn (queue), but read fresh anyway.
  const current = host.store.meta()!;
  const updated: SessionMeta = {
    ...current,
    last_activity_at: now,
    prompt_tokens: current.prompt_tokens + outcome.usage.prompt_tokens,
    completion_tokens: current.completion_tokens + outcome.usage.completion_tokens,
    cost_cents: current.cost_cents + turnCost,
  };
  host.store.saveMeta(updated);
  host.store.enqueueD1(...updateInteraction(updated, now));
  if (outcome.failure) log.warn('model_failed', { session_id: meta.session_id, kind: outcome.failure.kind, message: outcome.failure.message });
  emit(
    {
      type: 'turn_done',
      turn_id: turnId,
      message: host.store.message(seq),
      function_calls: outcome.functionCalls,
      usage: outcome.usage,
      offline: model.offline,
      ...(host.env.SERVER_TIMING === 'true' ? { ops: turnOps(host.counts, ops) } : {}),
    }
  );
}

/**
 * A model streams its reply a token at a time; each event is a stored row, a socket frame and a chunk of the
 * HTTP stream, so deltas are sent on together: once MAX_CHARS have gathered, or MAX_WAIT_MS after the first
 * one waiting, or at once when the turn emits anything else (`flush`). The reader sees the same text, in
 * about a quarter of the events for a fast model's token stream.
 */
class DeltaBuffer {
  static readonly MAX_CHARS = 64;
  static readonly MAX_WAIT_MS = 40;
  private pending = '';
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly send: (delta: string) => void) {}

  push(delta: string): void {
    this.pending += delta;
    if (this.pending.length >= DeltaBuffer.MAX_CHARS) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), DeltaBuffer.MAX_WAIT_MS);
  }

  flush(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.pending) return;
    const delta = this.pending;
    this.pending = '';
    this.send(delta);
  }
}
