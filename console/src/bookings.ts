/**
 * Side panel: today's and upcoming bookings (GET /api/v1/bookings from today,
 * in the business's time zone), refreshed every minute and on demand.
 */
import { ApiError, type Api } from './api';
import { byId, h, label, localClock, localDay, todayIn } from './dom';
import type { BookingItem, BookingList } from './types';

const REFRESH_MS = 60_000;

export class Bookings {
  private readonly today = byId<HTMLUListElement>('bk-today');
  private readonly upcoming = byId<HTMLUListElement>('bk-upcoming');
  private readonly error = byId('bk-error');
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly api: Api,
    private readonly timeZone: () => string | undefined,
    private readonly onAuthError: (err: ApiError) => void,
  ) {
    byId('bk-refresh').addEventListener('click', () => void this.refresh());
  }

  start(): void {
    clearInterval(this.timer);
    void this.refresh();
    this.timer = setInterval(() => void this.refresh(), REFRESH_MS);
  }

  stop(): void {
    clearInterval(this.timer);
    this.today.replaceChildren();
    this.upcoming.replaceChildren();
  }

  async refresh(): Promise<void> {
    const day = todayIn(this.timeZone());
    try {
      const list = await this.api.get<BookingList>(`/bookings?${new URLSearchParams({ date_from: day, limit: '100' })}`);
      this.error.textContent = '';
      const active = list.bookings.filter((b) => b.status !== 'cancelled');
      this.fill(this.today, active.filter((b) => b.start.slice(0, 10) === day), 'No bookings today.', false);
      this.fill(this.upcoming, active.filter((b) => b.start.slice(0, 10) > day), 'Nothing upcoming.', true);
    } catch (err) {
      if (err instanceof ApiError && (err.status === 401 || err.status === 403)) return this.onAuthError(err);
      this.error.textContent = `Could not load bookings: ${(err as Error).message}`;
    }
  }

  private fill(list: HTMLUListElement, bookings: BookingItem[], empty: string, withDay: boolean): void {
    if (!bookings.length) {
      list.replaceChildren(h('li', { class: 'muted' }, empty));
      return;
    }
    list.replaceChildren(
      ...bookings.map((b) =>
        h(
          'li',
          { class: 'bk', 'data-number': b.number },
          h('span', { class: 'when' }, `${withDay ? `${localDay(b.start)}, ` : ''}${localClock(b.start)}–${localClock(b.end)}`),
          h('span', { class: 'what' }, b.service.name),
          h('span', { class: 'small' }, `${b.customer.name} · ${b.employee.name}`),
          h('span', { class: 'small muted' }, `${b.number} · ${label(b.status)}`),
        ),
      ),
    );
  }
}
