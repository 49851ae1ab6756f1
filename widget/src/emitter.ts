/**
 * The widget's events for the host page: `Switchboard.on(name, fn)` listeners
 * and a bubbling, composed `switchboard:<name>` DOM event on the element, for
 * open, close, message, booking, voice and rating.
 */
type Listener = (detail: unknown) => void;

export class Emitter {
  private listeners = new Map<string, Set<Listener>>();

  constructor(private readonly target: EventTarget) {}

  /** Adds a listener; the returned function removes it. */
  on(name: string, fn: Listener): () => void {
    let set = this.listeners.get(name);
    if (!set) this.listeners.set(name, (set = new Set()));
    set.add(fn);
    return () => set.delete(fn);
  }

  off(name: string, fn: Listener): void {
    this.listeners.get(name)?.delete(fn);
  }

  /** Tells the page; a listener that throws is logged, never breaks the widget. */
  emit(name: string, detail: unknown): void {
    this.target.dispatchEvent(new CustomEvent(`switchboard:${name}`, { detail, bubbles: true, composed: true }));
    for (const fn of this.listeners.get(name) ?? []) {
      try {
        fn(detail);
      } catch (err) {
        console.error(err);
      }
    }
  }
}
