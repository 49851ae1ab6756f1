/**
 * One voice call: the relay between a caller's WebSocket (our protocol,
 * worker/protocol/voice.ts) and the realtime model (link.ts), living in
 * the session's Durable Object. It runs the model's function calls exactly
 * once (functions.ts), cuts the transcript to what the caller heard on
 * barge-in (transcript.ts), writes both sides into the session's
 * transcript and so to D1, and reopens the upstream with the conversation so
 * far when it drops or nears the provider's session limit.
 */
import type { RealtimeServerEvent, ResponseDoneEvent } from 'openai/resources/realtime/realtime';
import { priceTable, realtimeCostCents } from '../../worker/agent/pricing';
import { systemPrompt } from '../../worker/agent/prompt';
import { runToolCall } from '../../worker/agent/tool-call';
import type { Principal } from '../../worker/auth/principal';
import { loadPromptCalendar } from '../../worker/domain/business-calendar';
import type { VoiceSettings } from '../../worker/chat/voice-settings';
import { createContext } from '../../worker/domain/context';
import { log } from '../../worker/lib/log';
import { BOOKING_CARD_TOOLS, toolLabel } from '../../worker/protocol/chat';
import { audioMs, VOICE_AUDIO, type VoiceEndReason, type VoiceErrorCode, type VoiceServerEvent, type VoiceUsage } from '../../worker/protocol/voice';
import { toRealtimeTools } from '../../worker/tools/adapters';
import { TOOLS } from '../../worker/tools/catalog';
import { selectTools, type AnyTool, type ToolResult } from '../../worker/tools/registry';
import type { SessionHost } from '../session/host';
import { safeClose } from '../session/sockets';
import type { SessionMeta } from '../session/store';
import { appendText, base64Bytes, FrameBudget, parseVoiceFrame } from './frames';
import { CallResponses } from './functions';
import { UpstreamLink } from './link';
import { CallRecorder, toolMessages } from './record';
import { contextItems, realtimeTokens, sessionUpdate } from './upstream';

/** Audio kept while the upstream is (re)connecting (~5 s of base64 PCM16); older audio is dropped. */
const MAX_BUFFERED_CHARS = 320_000;

/** A live call: created when the caller's socket is accepted, gone after `end`. */
export class VoiceCall {
  private ended = false;
  private readonly startedAt: number;
  private readonly link: UpstreamLink;
  private readonly responses: CallResponses;
  private readonly record: CallRecorder;
  private readonly budget = new FrameBudget();
  /** Audio bytes per assistant item on the current upstream, to bound `conversation.item.truncate`. */
  private readonly itemAudio = new Map<string, number>();
  private buffered: string[] = [];
  private bufferedChars = 0;
  private ticker: ReturnType<typeof setInterval> | undefined;
  private rotateTimer: ReturnType<typeof setTimeout> | undefined;
  private rotateDue = false;
  /** The tools the call offers the model and runs: the owner's, as in a chat turn. */
  private readonly tools: AnyTool[];
  private readonly usage: VoiceUsage = { input_tokens: 0, output_tokens: 0, input_audio_tokens: 0, output_audio_tokens: 0, cost_cents: 0 };

  constructor(
    private readonly host: SessionHost,
    private readonly client: WebSocket,
    /** Who the call acts as: the conversation's owner (calls.ts), for its tools and its prompt. */
    private readonly principal: Principal,
    private readonly settings: VoiceSettings,
    readonly id: string,
    private readonly onEnded: (call: VoiceCall) => void,
  ) {
    this.startedAt = host.now();
    this.tools = selectTools(TOOLS, principal);
    this.record = new CallRecorder(host, (itemId, text, seq) => this.send({ type: 'transcript.user', item_id: itemId, text, seq }));
    this.link = new UpstreamLink(settings, { event: (e) => this.onUpstream(e), lost: () => void this.reopen('dropped') }, id);
    this.responses = new CallResponses(
      {
        execute: (callId, name, args) => this.execute(callId, name, args),
        generation: () => this.link.current,
        sendOutput: (generation, callId, result) =>
          this.link.sendIn(generation, { type: 'conversation.item.create', item: { type: 'function_call_output', call_id: callId, output: JSON.stringify(result) } }),
        respond: (generation) => this.link.sendIn(generation, { type: 'response.create' }),
        started: (callId, name) => this.send({ type: 'tool_started', call_id: callId, name, label: toolLabel(name) }),
        finished: (callId, name, result) => {
          const shared = result.ok && BOOKING_CARD_TOOLS.includes(name);
          this.send({ type: 'tool_finished', call_id: callId, name, ok: result.ok, ...(result.ok ? {} : { error: result.error.code }), ...(shared ? { data: result.data } : {}) });
        },
      },
      id,
    );
  }

  private meta(): SessionMeta {
    return this.record.meta();
  }

  /** Marks the interaction as voice, opens the upstream and goes live; a caller that cannot be connected is told why. */
  async start(): Promise<void> {
    const meta = this.meta();
    this.send({ type: 'call.started', call_id: this.id, session_id: meta.session_id, interaction_number: meta.interaction_number, model: this.settings.model, audio: VOICE_AUDIO });
    this.send({ type: 'call.status', status: 'connecting' });
    await this.record.markVoice();
    this.ticker = setInterval(() => this.record.tick(), 250);
    await this.connect();
  }

  // ---- upstream ---------------------------------------------------------------------------------------------

  /** Opens the upstream with the session's prompt and tools and the conversation so far. */
  private async connect(): Promise<void> {
    let pendingResult = false;
    // The hours the prompt states come from the calendar availability uses; without D1 the call goes on without them.
    const calendar = await loadPromptCalendar(createContext(this.host.env, this.principal)).catch(() => undefined);
    const ok = await this.link.open({
      session: () => {
        const meta = this.meta();
        const prompt = systemPrompt({
          businessName: this.host.env.BUSINESS_NAME,
          timeZone: this.host.env.BUSINESS_TIMEZONE,
          now: this.host.now(),
          ...(meta.customer_name ? { customerName: meta.customer_name } : {}),
          ...(calendar ? { calendar } : {}),
        });
        return sessionUpdate(this.settings, prompt, toRealtimeTools(this.tools));
      },
      // Behind the turn queue: tool calls still running finish (and are stored) before the history is read.
      context: async () => {
        const items = contextItems(await this.record.history());
        pendingResult = items.at(-1)?.item.type === 'function_call_output';
        return items;
      },
    });
    if (this.ended) return;
    if (!ok) return this.fail();
    this.send({ type: 'call.status', status: 'live' });
    // A tool result the model never got to speak about (the upstream dropped first): let it answer now.
    if (pendingResult) this.link.send({ type: 'response.create' });
    for (const audio of this.buffered.splice(0)) this.link.send({ type: 'input_audio_buffer.append', audio });
    this.bufferedChars = 0;
    clearTimeout(this.rotateTimer);
    this.rotateTimer = setTimeout(() => this.rotateWhenIdle(true), this.settings.maxSessionMs);
  }

  /** The upstream dropped, or its session nears the provider's limit: reopen it and carry on. */
  private async reopen(why: 'dropped' | 'rotation'): Promise<void> {
    if (this.ended) return;
    log.info('voice_upstream_reopen', { call_id: this.id, why });
    this.rotateDue = false;
    this.send({ type: 'call.status', status: 'reconnecting' });
    if (why === 'rotation') this.link.close('session rotation');
    // Whatever was playing counts as heard unless the client said otherwise; replies in flight are gone.
    this.record.transcript.settleAll();
    this.responses.reset();
    this.itemAudio.clear();
    await this.connect();
  }

  /** Rotation waits for a pause: cutting the model off mid-sentence would be worse than a late rotation. */
  private rotateWhenIdle(due = false): void {
    this.rotateDue ||= due;
    if (this.rotateDue && this.link.live && !this.responses.inProgress()) void this.reopen('rotation');
  }

  private onUpstream(event: RealtimeServerEvent): void {
    if (this.ended) return;
    try {
      this.handle(event);
    } catch (err) {
      log.error('voice_event_failed', { call_id: this.id, type: event.type, error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    }
  }

  private handle(event: RealtimeServerEvent): void {
    const now = this.host.now();
    switch (event.type) {
      case 'input_audio_buffer.speech_started':
        this.responses.interrupted();
        this.record.transcript.speechStarted(now);
        return this.send({ type: 'input_audio_buffer.speech_started', item_id: event.item_id, audio_start_ms: event.audio_start_ms });
      case 'input_audio_buffer.speech_stopped':
        return this.send({ type: 'input_audio_buffer.speech_stopped', item_id: event.item_id });
      case 'input_audio_buffer.committed':
        return this.record.transcript.userCommitted(event.item_id, now);
      case 'conversation.item.input_audio_transcription.completed':
        this.record.transcript.userTranscript(event.item_id, event.transcript, now);
        return this.record.scheduleFlush();
      case 'conversation.item.input_audio_transcription.failed':
        this.record.transcript.userFailed(event.item_id, now);
        return this.record.scheduleFlush();
      case 'response.created':
        if (event.response.id) this.responses.created(event.response.id);
        return;
      case 'response.output_audio.delta': {
        const bytes = base64Bytes(event.delta);
        this.responses.item(event.response_id, event.item_id);
        this.itemAudio.set(event.item_id, (this.itemAudio.get(event.item_id) ?? 0) + bytes);
        this.record.transcript.assistantAudio(event.item_id, bytes, now);
        return this.send({ type: 'response.audio.delta', item_id: event.item_id, response_id: event.response_id, delta: event.delta });
      }
      case 'response.output_audio_transcript.delta':
        this.responses.item(event.response_id, event.item_id);
        this.record.transcript.assistantText(event.item_id, event.delta, now);
        return this.send({ type: 'response.audio_transcript.delta', item_id: event.item_id, response_id: event.response_id, delta: event.delta });
      case 'response.output_audio_transcript.done':
        this.record.transcript.assistantDone(event.item_id, event.transcript, now);
        return this.send({ type: 'response.audio_transcript.done', item_id: event.item_id, response_id: event.response_id, transcript: event.transcript });
      case 'response.function_call_arguments.done':
        return this.responses.argumentsDone(event);
      case 'response.done':
        return this.onResponseDone(event);
      case 'error':
        log.warn('voice_upstream_error', { call_id: this.id, type: event.error.type, code: event.error.code, message: event.error.message });
        return this.send({ type: 'error', code: 'upstream_error', message: event.error.message });
      default:
        return;
    }
  }

  private onResponseDone(event: ResponseDoneEvent): void {
    // A cancelled reply sends no transcript.done: what was generated so far is its text.
    for (const item of this.responses.done(event.response.id, event.response.status)) this.record.transcript.assistantDone(item, undefined, this.host.now());
    this.record.scheduleFlush();
    if (event.response.usage) this.addUsage(event.response.usage);
    this.rotateWhenIdle();
  }

  /**
   * Runs a function call on the turn queue with `runToolCall`, as a chat turn does: only a tool the
   * call offered, with the owner's principal, and once per call: a result this call stored under the
   * same function call id and tool is returned as is (the call is the turn its results replay within,
   * across upstream reconnects and restarts of the object, which keep the call id).
   */
  private execute(callId: string, name: string, args: string): Promise<ToolResult> {
    return this.host.enqueue(async () => {
      const interactionId = this.meta().interaction_id;
      const ctx = createContext(this.host.env, this.principal, interactionId !== undefined ? { interactionId } : {});
      const store = this.host.store.toolResultsOf(`voice:${this.id}`, () => this.host.now());
      const { result, replayed } = await runToolCall({ id: callId, name, arguments: args }, { tools: this.tools, ctx, store, surface: 'voice' });
      if (replayed) return result;
      if (name === 'request_human' && result.ok) this.host.store.saveMeta({ ...this.meta(), status: 'escalated' });
      this.record.transcript.tool(toolMessages(callId, name, args, result), name);
      this.record.writeSettled();
      return result;
    });
  }

  private addUsage(raw: NonNullable<ResponseDoneEvent['response']['usage']>): void {
    const tokens = realtimeTokens(raw);
    const cost = realtimeCostCents(priceTable(this.host.env.MODEL_PRICES), this.settings.model, tokens);
    this.usage.input_tokens += tokens.input;
    this.usage.output_tokens += tokens.output;
    this.usage.input_audio_tokens += tokens.audioInput;
    this.usage.output_audio_tokens += tokens.audioOutput;
    this.usage.cost_cents += cost;
    this.send({ type: 'usage', usage: { ...this.usage } });
    this.record.addUsage(tokens.input, tokens.output, cost);
  }

  // ---- the caller's side ------------------------------------------------------------------------------------

  /** One frame from the caller: validated, rate-limited, relayed. Bad frames get an error event, never a hang-up. */
  onClientFrame(data: string | ArrayBuffer): void {
    if (this.ended) return;
    const budget = this.budget.take(this.host.now());
    if (budget !== 'accept') {
      if (budget === 'drop-warn') this.error('rate_limited', 'Too many frames; audio is being dropped. Send at most 100 frames a second.');
      return;
    }
    const verdict = parseVoiceFrame(data);
    if (!verdict.ok) return this.error(verdict.error.code, verdict.error.message);
    const frame = verdict.data;
    if (frame.type === 'session.end') {
      void this.end('hangup', { closeClient: true });
    } else if (frame.type === 'input_audio_buffer.append') {
      if (!this.link.sendText(appendText(frame.audio))) this.buffer(frame.audio);
    } else {
      this.record.transcript.played(frame.item_id, frame.audio_end_ms);
      const bytes = this.itemAudio.get(frame.item_id);
      // The model's memory of its reply is cut to what was heard (a truncate past the end is an upstream error).
      if (bytes !== undefined && frame.audio_end_ms < audioMs(bytes)) {
        this.link.send({ type: 'conversation.item.truncate', item_id: frame.item_id, content_index: 0, audio_end_ms: frame.audio_end_ms });
      }
      this.record.scheduleFlush();
    }
  }

  private buffer(audio: string): void {
    this.buffered.push(audio);
    this.bufferedChars += audio.length;
    while (this.bufferedChars > MAX_BUFFERED_CHARS && this.buffered.length > 1) this.bufferedChars -= this.buffered.shift()!.length;
  }

  private send(event: VoiceServerEvent): void {
    try {
      this.client.send(JSON.stringify(event));
    } catch {
      // The caller is gone; webSocketClose ends the call.
    }
  }

  private error(code: VoiceErrorCode, message: string, fatal = false): void {
    this.send({ type: 'error', code, message, ...(fatal ? { fatal } : {}) });
  }

  // ---- ending -----------------------------------------------------------------------------------------------

  private async fail(): Promise<void> {
    this.error('upstream_unavailable', 'The voice service cannot be reached right now. Your conversation is saved; please type instead or call again in a minute.', true);
    await this.end('upstream_failed', { closeClient: true, code: 1011 });
  }

  /** Ends the call: closes the upstream at once, writes what is left of the transcript and the totals, then tells and closes the caller. */
  async end(reason: VoiceEndReason, options: { closeClient?: boolean; code?: number } = {}): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    this.link.close('call ended', true);
    clearInterval(this.ticker);
    clearTimeout(this.rotateTimer);
    const durationMs = this.host.now() - this.startedAt;
    await this.record.finish();
    this.onEnded(this);
    this.send({ type: 'call.ended', reason, duration_ms: durationMs, usage: { ...this.usage } });
    if (options.closeClient) safeClose(this.client, options.code ?? 1000, reason);
    log.info('voice_call_ended', { call_id: this.id, session_id: this.meta().session_id, reason, duration_ms: durationMs, ...this.usage });
  }
}
