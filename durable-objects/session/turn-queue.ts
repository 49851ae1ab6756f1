/**
 * The session's turn queue. Input gates do not hold across an outbound fetch
 * (the model, D1), so without it a second message could start its turn while
 * the first waits on the model. Every write of the session (chat turns, staff
 * messages, voice transcripts, tool calls and usage) runs through it, one job at a time.
 */
export class TurnQueue {
  private tail: Promise<unknown> = Promise.resolve();

  /**
   * Runs `job` after every job queued before it has settled (a failed job does not stop the queue).
   * @example const seq = await queue.enqueue(async () => host.storeMessage(message));
   */
  enqueue<T>(job: () => Promise<T>): Promise<T> {
    const run = this.tail.then(job, job);
    this.tail = run.catch(() => undefined);
    return run;
  }
}
