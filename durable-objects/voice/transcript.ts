/**
 * The call's transcript in conversation order, before it is written. Realtime
 * events do not arrive in transcript order (a user's transcription can finish
 * after the reply started; how much of a reply was heard is known only when
 * playback stops), so entries wait here in the order their items began and
 * are written from the head as they settle:
 * - a user item settles when its transcription arrives (or fails, or times out);
 * - an assistant item settles when its audio has had time to play, or when the
 *   client reports how much it played (barge-in): its text is then cut to the
 *   share of audio heard. That cut is an approximation by proportion of audio
 *   duration, since the model gives no word timings;
 * - tool calls with their results are settled when added.
 */
import type { ModelMessage } from '../../worker/agent/model';
import { audioMs } from '../../worker/protocol/voice';

/** Time a caller gets to report playback after speech started, before the reply counts as heard in full. */
export const PLAYED_REPORT_WINDOW_MS = 1500;
/** Slack after a reply's audio should have finished playing (network, jitter buffer). */
export const PLAYBACK_GRACE_MS = 2000;
/** A user item whose transcription never arrives is dropped after this. */
export const USER_TRANSCRIPT_TIMEOUT_MS = 15_000;

interface UserEntry {
  kind: 'user';
  itemId: string;
  text?: string;
  settled: boolean;
  deadline: number;
}

interface AssistantEntry {
  kind: 'assistant';
  itemId: string;
  text: string;
  audioBytes: number;
  firstAt: number;
  done: boolean;
  heardMs?: number;
  settled: boolean;
  deadline?: number;
}

interface ToolEntry {
  kind: 'tool';
  messages: ModelMessage[];
  toolName: string;
  settled: true;
}

type Entry = UserEntry | AssistantEntry | ToolEntry;

/** What is ready to be stored, in order. */
export type TranscriptWrite =
  | { kind: 'user'; itemId: string; text: string }
  | { kind: 'assistant'; itemId: string; text: string; interrupted: boolean }
  | { kind: 'tool'; messages: ModelMessage[]; toolName: string };

/** The words of `text` a caller heard after `heardMs` of `totalMs` of audio, with an ellipsis when cut. */
export function heardText(text: string, heardMs: number, totalMs: number): string {
  if (totalMs <= 0 || heardMs >= totalMs - 50) return text;
  const share = Math.max(0, heardMs) / totalMs;
  const cut = text.slice(0, Math.round(text.length * share));
  // Cut back to a whole word: half a word in a transcript reads as a typo.
  const whole = cut.length < text.length && /\S/.test(text[cut.length] ?? '') ? cut.replace(/\S*$/, '') : cut;
  return whole.trim() ? `${whole.trimEnd()}…` : '';
}

/** The pending transcript of one call; see the file comment for when entries settle. */
export class CallTranscript {
  private entries: Entry[] = [];

  private assistant(itemId: string, now: number): AssistantEntry {
    let entry = this.entries.find((e): e is AssistantEntry => e.kind === 'assistant' && e.itemId === itemId);
    if (!entry) {
      entry = { kind: 'assistant', itemId, text: '', audioBytes: 0, firstAt: now, done: false, settled: false };
      this.entries.push(entry);
    }
    return entry;
  }

  private user(itemId: string, now: number): UserEntry {
    let entry = this.entries.find((e): e is UserEntry => e.kind === 'user' && e.itemId === itemId);
    if (!entry) {
      entry = { kind: 'user', itemId, settled: false, deadline: now + USER_TRANSCRIPT_TIMEOUT_MS };
      this.entries.push(entry);
    }
    return entry;
  }

  /** The caller's speech became an item: it takes its place in the order now, its text comes later. */
  userCommitted(itemId: string, now: number): void {
    this.user(itemId, now);
  }

  userTranscript(itemId: string, text: string, now: number): void {
    const entry = this.user(itemId, now);
    entry.text = text.trim();
    entry.settled = true;
  }

  userFailed(itemId: string, now: number): void {
    this.user(itemId, now).settled = true;
  }

  assistantAudio(itemId: string, base64Bytes: number, now: number): void {
    this.assistant(itemId, now).audioBytes += base64Bytes;
  }

  assistantText(itemId: string, delta: string, now: number): void {
    this.assistant(itemId, now).text += delta;
  }

  /** The reply's full transcript is known; it is written once its audio has had time to play. */
  assistantDone(itemId: string, transcript: string | undefined, now: number): void {
    const entry = this.assistant(itemId, now);
    if (transcript !== undefined) entry.text = transcript;
    entry.done = true;
    if (entry.heardMs !== undefined) return this.settleHeard(entry);
    entry.deadline ??= Math.max(now, entry.firstAt + audioMs(entry.audioBytes)) + PLAYBACK_GRACE_MS;
  }

  tool(messages: ModelMessage[], toolName: string): void {
    this.entries.push({ kind: 'tool', messages, toolName, settled: true });
  }

  /** The caller started talking: replies still playing are settled soon, by their played report or in full. */
  speechStarted(now: number): void {
    for (const e of this.entries) {
      if (e.kind === 'assistant' && !e.settled) e.deadline = Math.min(e.deadline ?? Infinity, now + PLAYED_REPORT_WINDOW_MS);
    }
  }

  /**
   * The client heard `audioEndMs` of item `itemId`. Returns the item's audio
   * length in ms (for the upstream truncate), or undefined when the item is unknown.
   */
  played(itemId: string, audioEndMs: number): number | undefined {
    const index = this.entries.findIndex((e) => e.kind === 'assistant' && e.itemId === itemId);
    if (index < 0) return undefined;
    // Replies before the one being played were heard in full.
    for (const e of this.entries.slice(0, index)) if (e.kind === 'assistant' && !e.settled && e.done) e.settled = true;
    const entry = this.entries[index] as AssistantEntry;
    entry.heardMs = audioEndMs;
    if (entry.done) this.settleHeard(entry);
    return audioMs(entry.audioBytes);
  }

  private settleHeard(entry: AssistantEntry): void {
    const totalMs = audioMs(entry.audioBytes);
    entry.text = heardText(entry.text, entry.heardMs ?? totalMs, totalMs);
    entry.settled = true;
  }

  /** Settles what is due at `now`. */
  tick(now: number): void {
    for (const e of this.entries) {
      if (e.kind === 'tool' || e.settled || e.deadline === undefined || e.deadline > now) continue;
      if (e.kind === 'assistant') this.settleHeard(e);
      else e.settled = true;
    }
  }

  /** Settles everything (hang-up, reconnect): reports received count, the rest counts as heard. */
  settleAll(): void {
    for (const e of this.entries) {
      if (e.kind === 'assistant' && !e.settled) this.settleHeard(e);
      else e.settled = true;
    }
  }

  /** Removes and returns the settled entries at the head, in order; empty texts are skipped. */
  drain(): TranscriptWrite[] {
    const out: TranscriptWrite[] = [];
    while (this.entries[0]?.settled) {
      const e = this.entries.shift()!;
      if (e.kind === 'tool') out.push({ kind: 'tool', messages: e.messages, toolName: e.toolName });
      else if (e.kind === 'user' && e.text) out.push({ kind: 'user', itemId: e.itemId, text: e.text });
      else if (e.kind === 'assistant' && e.text) {
        out.push({ kind: 'assistant', itemId: e.itemId, text: e.text, interrupted: e.heardMs !== undefined && e.heardMs < audioMs(e.audioBytes) - 50 });
      }
    }
    return out;
  }

  get pending(): number {
    return this.entries.length;
  }
}
