/**
 * The model's responses during a call and the function calls in them, run
 * exactly once by call id:
 * - the same `response.function_call_arguments.done` twice within a response
 *   is ignored (the call is already running or answered on this upstream);
 * - a call id seen again in a later response of the same call (a replay) is
 *   answered from the SessionStore's tool_results (keyed by this call and the
 *   function call id and tool), not executed again; one still running is awaited;
 * - a call whose response was cancelled by barge-in before its arguments were
 *   complete is not executed at all: the caller talked over it;
 * - results go back as `function_call_output` items, and once a completed
 *   response's calls are all answered, one `response.create` lets the model speak.
 */
import type { ResponseFunctionCallArgumentsDoneEvent } from 'openai/resources/realtime/realtime';
import { log } from '../../worker/lib/log';
import type { ToolResult } from '../../worker/tools/registry';

type Status = 'in_progress' | 'completed' | 'cancelled' | 'failed' | 'incomplete';

interface ResponseState {
  status: Status;
  calls: Set<string>;
  pending: Set<string>;
  /** Assistant items (spoken replies) of this response. */
  items: Set<string>;
  continued: boolean;
  /** The upstream generation the response came from: nothing is sent for it to a newer upstream. */
  generation: number;
}

/** What the response tracker needs from its call: running tools, and talking to both sides. */
export interface FunctionPorts {
  /** Runs the call unless a result is stored under its id (then returns that). Never rejects. */
  execute(callId: string, name: string, args: string): Promise<ToolResult>;
  /** The upstream generation now (a result is sent only to the upstream that asked). */
  generation(): number;
  sendOutput(generation: number, callId: string, result: ToolResult): void;
  /** Asks the model to respond (after tool results), if the upstream is still of `generation`. */
  respond(generation: number): void;
  started(callId: string, name: string): void;
  finished(callId: string, name: string, result: ToolResult): void;
}

/** The responses of the current upstream session and their function calls. */
export class CallResponses {
  private readonly responses = new Map<string, ResponseState>();
  private readonly running = new Map<string, Promise<ToolResult>>();

  constructor(
    private readonly ports: FunctionPorts,
    private readonly callId: string,
  ) {}

  private get(id: string): ResponseState {
    let state = this.responses.get(id);
    if (!state) {
      state = { status: 'in_progress', calls: new Set(), pending: new Set(), items: new Set(), continued: false, generation: this.ports.generation() };
      this.responses.set(id, state);
    }
    return state;
  }

  created(responseId: string): void {
    this.get(responseId);
  }

  /** An assistant item (audio or transcript) belongs to `responseId`. */
  item(responseId: string, itemId: string): void {
    this.get(responseId).items.add(itemId);
  }

  /** The caller started talking: with interrupt_response the provider cancels replies in progress. */
  interrupted(): void {
    for (const r of this.responses.values()) if (r.status === 'in_progress') r.status = 'cancelled';
  }

  inProgress(): boolean {
    return [...this.responses.values()].some((r) => r.status === 'in_progress');
  }

  /** Forgets the responses of a replaced upstream (their ids mean nothing to the next one). */
  reset(): void {
    this.responses.clear();
  }

  argumentsDone(event: ResponseFunctionCallArgumentsDoneEvent): void {
    const response = this.get(event.response_id);
    if (response.calls.has(event.call_id)) {
      log.info('voice_duplicate_call_event', { call_id: this.callId, tool_call_id: event.call_id });
      return;
    }
    if (response.status !== 'in_progress' && response.status !== 'completed') {
      log.info('voice_call_skipped', { call_id: this.callId, tool_call_id: event.call_id, response_status: response.status });
      return;
    }
    response.calls.add(event.call_id);
    response.pending.add(event.call_id);
    this.ports.started(event.call_id, event.name);
    let run = this.running.get(event.call_id);
    if (!run) {
      run = this.ports.execute(event.call_id, event.name, event.arguments);
      this.running.set(event.call_id, run);
    }
    void run.then((result) => {
      this.ports.finished(event.call_id, event.name, result);
      this.ports.sendOutput(response.generation, event.call_id, result);
      response.pending.delete(event.call_id);
      this.continueAfter(response);
    });
  }

  /** The response ended; returns its assistant items (a cancelled one sends no transcript.done for them). */
  done(responseId: string | undefined, status: Status | undefined): string[] {
    if (!responseId) return [];
    const response = this.get(responseId);
    response.status = !status || status === 'in_progress' ? 'completed' : status;
    this.continueAfter(response);
    return [...response.items];
  }

  private continueAfter(response: ResponseState): void {
    if (response.status !== 'completed' || response.calls.size === 0 || response.pending.size > 0 || response.continued) return;
    response.continued = true;
    this.ports.respond(response.generation);
  }
}
