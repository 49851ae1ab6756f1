// The manage page of one booking, opened from the link in its confirmation (/manage.html#t=<token>).
// The token is in the URL fragment, which the browser never sends to a server; this script moves it to
// sessionStorage, clears it from the address bar, and sends it as `Authorization: Bearer` to the REST API
// (view, calendar file, availability, reschedule, cancel). Everything shown is set as text.
(() => {
  const KEY = 'switchboard-manage-token';
  const main = document.getElementById('booking');
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('t');
  if (fromHash) {
    sessionStorage.setItem(KEY, fromHash);
    history.replaceState(null, '', location.pathname);
  }
  const token = sessionStorage.getItem(KEY);

  const el = (tag, attrs = {}, ...children) => {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    node.append(...children);
    return node;
  };
  const say = (title, text) => main.replaceChildren(el('h1', {}, title), el('p', {}, text));
  const gone = () => say('This link no longer works', 'The booking was cancelled, its visit is over, or the link is incomplete. Please contact us or book again from our website.');

  /** The booking number the token names (read for display only; the server checks the signature). */
  function bookingNumber() {
    try {
      const payload = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
      return typeof payload.sub === 'string' ? payload.sub : null;
    } catch {
      return null;
    }
  }

  async function api(method, path, body) {
    const headers = { authorization: `Bearer ${token}`, accept: 'application/json' };
    if (body) headers['content-type'] = 'application/json';
    const res = await fetch(`/api/v1${path}`, { method, headers, body: body ? JSON.stringify(body) : undefined });
    const data = res.headers.get('content-type')?.includes('json') ? await res.json() : await res.blob();
    return { res, data };
  }

  const when = (iso) =>
    new Intl.DateTimeFormat('en-US', { weekday: 'long', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZone: 'UTC' }).format(
      // The local wall-clock time of the business, shown as written (its offset is the business zone's).
      new Date(`${iso.slice(0, 19)}Z`),
    );
  const money = (cents) => `$${(cents / 100).toFixed(cents % 100 ? 2 : 0)}`;

  function show(b, notice) {
    const dl = el('dl', { class: 'manage-details' });
    const row = (k, v) => dl.append(el('dt', {}, k), el('dd', {}, v));
    row('Booking number', b.number);
    row('Status', b.status === 'cancelled' ? 'Cancelled' : b.status === 'completed' ? 'Completed' : 'Confirmed');
    row('Service', b.service.name);
    row('When', when(b.start));
    row('Technician', b.employee.name);
    row('Address', b.address);
    row('Price', money(b.price_cents));
    const parts = [el('div', { class: 'category' }, 'Your booking'), el('h1', {}, b.service.name), dl];
    if (notice) parts.splice(2, 0, el('p', { role: 'status', class: 'manage-notice' }, notice));
    if (b.status === 'cancelled') return main.replaceChildren(...parts);
    const calendar = el('button', { type: 'button', class: 'cta', 'data-action': 'calendar' }, 'Add to calendar');
    calendar.addEventListener('click', () => downloadCalendar(b.number));
    const reschedule = el('button', { type: 'button', class: 'cta', 'data-action': 'reschedule' }, 'Reschedule');
    reschedule.addEventListener('click', () => pickTime(b));
    const cancel = el('button', { type: 'button', class: 'cta secondary', 'data-action': 'cancel' }, 'Cancel booking');
    cancel.addEventListener('click', () => cancelBooking(b));
    main.replaceChildren(...parts, el('p', { class: 'manage-actions' }, calendar, ' ', reschedule, ' ', cancel), el('div', { id: 'times' }));
  }

  async function downloadCalendar(number) {
    const { res, data } = await api('GET', `/bookings/${encodeURIComponent(number)}/ics`);
    if (!res.ok) return gone();
    const url = URL.createObjectURL(data);
    const a = el('a', { href: url, download: `${number}.ics` });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  function pickTime(b) {
    const box = document.getElementById('times');
    const today = new Date().toISOString().slice(0, 10);
    const date = el('input', { type: 'date', id: 'new-date', min: today, value: b.start.slice(0, 10) });
    const find = el('button', { type: 'submit', class: 'cta' }, 'Show open times');
    const form = el('form', { class: 'manage-form' }, el('label', { for: 'new-date' }, 'New date '), date, ' ', find);
    const slots = el('div', { class: 'manage-slots', 'aria-live': 'polite' });
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const query = new URLSearchParams({ service: b.service.slug, date_from: date.value });
      const { res, data } = await api('GET', `/availability?${query}`);
      if (!res.ok) return slots.replaceChildren(el('p', {}, data.error?.message ?? 'Could not look up times.'));
      const day = data.days[0];
      if (!day || !day.slots.length) return slots.replaceChildren(el('p', {}, day?.closed ? `We are closed that day (${day.closed}).` : 'No open times that day; try another.'));
      slots.replaceChildren(
        ...day.slots.map((s) => {
          const button = el('button', { type: 'button', class: 'slot', 'data-start': s.start }, s.time);
          button.addEventListener('click', () => move(b, s.start));
          return button;
        }),
      );
    });
    box.replaceChildren(form, slots);
  }

  async function move(b, start) {
    const { res, data } = await api('POST', `/bookings/${encodeURIComponent(b.number)}/reschedule`, { start });
    if (res.status === 401 || res.status === 404) return gone();
    if (!res.ok) return show(b, data.error?.message ?? 'That time could not be booked.');
    show(data, `Rescheduled to ${when(data.start)}. Add it to your calendar again to update the event.`);
  }

  async function cancelBooking(b) {
    if (!confirm(`Cancel booking ${b.number}?`)) return;
    const { res, data } = await api('POST', `/bookings/${encodeURIComponent(b.number)}/cancel`, { reason: 'Cancelled from the manage link' });
    if (res.status === 401 || res.status === 404) return gone();
    if (!res.ok) return show(b, data.error?.message ?? 'The booking could not be cancelled.');
    show(data, 'Your booking is cancelled. This link no longer works from now on.');
  }

  (async () => {
    const number = token && bookingNumber();
    if (!number) return gone();
    try {
      const { res, data } = await api('GET', `/bookings/${encodeURIComponent(number)}`);
      if (!res.ok) return gone();
      show(data);
    } catch {
      say('Could not load your booking', 'Check your connection and try again.');
    }
  })();
})();
