// Bookings the way people actually type: lowercase, typos, texting shorthand, emoji, run-on
// sentences, several facts in one message, details in any order, relative dates.
// Phones of this file: 773-555-01xx (0101-0117).
import type { Scenario } from '../types.ts';
import { BK } from './common.ts';

export const messy: Scenario[] = [
  {
    id: 'messy-01-tmrw-furnce',
    category: 'messy',
    goal: 'book a furnace repair for tomorrow with typos and texting shorthand',
    turns: ['furnce keeps shutting off after like 10 min, can u send sum1 tmrw', '11am', 'jake morales 773 555 0101 3312 w fullerton ave chgo'],
    expect: {
      booking: { service: 'furnace-repair', date: { inDays: 1 }, time: '11:00', name: 'jake morales', phone: '7735550101', address: '3312 w fullerton' },
      replies: [{ includes: [BK] }],
    },
  },
  {
    id: 'messy-02-one-line-no-commas',
    category: 'messy',
    goal: 'book a drain cleaning from a single line without punctuation',
    turns: ['need drain cleaned next thurs 10am sarah oneil 7735550102 1919 n sedgwick st chicago'],
    expect: {
      booking: { service: 'drain-cleaning', date: { weekday: 'thursday' }, time: '10:00', name: 'sarah oneil', phone: '7735550102', address: '1919 n sedgwick' },
      replies: [{ includes: [BK] }],
    },
  },
  {
    id: 'messy-03-emoji-ac',
    category: 'messy',
    goal: 'book an AC tune-up through messages full of emoji',
    turns: ['hiii 👋 my ac needs a tune up before we list the house 🏠', 'next mon at 10 ☀️', '🙋‍♀️ keisha brown', '773.555.0103', '5517 s harper ave chicago 🙏'],
    expect: {
      booking: { service: 'ac-tune-up', date: { weekday: 'monday' }, time: '10:00', name: 'keisha brown', phone: '7735550103', address: '5517 s harper' },
      replies: [{ includes: [BK, /\$129/] }],
    },
  },
  {
    id: 'messy-04-fragmented-messages',
    category: 'messy',
    goal: 'book a leak repair from a request split over many tiny messages',
    turns: ['hey', 'so my bathroom sink', 'its leaking under it. like a steady drip', 'can someone come wed', 'like noon', 'ok its tony russo 773-555-0104', '2525 w armitage ave chicago'],
    expect: {
      booking: { service: 'leak-repair', date: { weekday: 'wednesday' }, time: '12:00', name: 'tony russo', phone: '7735550104', address: '2525 w armitage' },
      replies: [{ includes: [BK] }],
    },
  },
  {
    id: 'messy-05-typo-outlet',
    category: 'messy',
    goal: 'book an outlet repair written with many typos',
    turns: ['outlit in kitchen dosnt work at all, chekced the breakers there fine', 'fri 9am plz', 'name luis gomez ph 773 555 0105', 'addr 4120 n kedvale ave chicago'],
    expect: {
      booking: { service: 'outlet-repair', date: { weekday: 'friday' }, time: '09:00', name: 'luis gomez', phone: '7735550105', address: '4120 n kedvale' },
      replies: [{ includes: [BK, /\$119/] }],
    },
  },
  {
    id: 'messy-06-plus-one-phone',
    category: 'messy',
    goal: 'book with an international-format phone number',
    turns: ['i want to book a drain cleaning for this friday at 11', 'brenda kowalski. my cell is +1 (773) 555-0106', '6200 n milwaukee ave chicago il'],
    expect: {
      booking: { service: 'drain-cleaning', date: { weekday: 'friday' }, time: '11:00', name: 'brenda kowalski', phone: '7735550106', address: '6200 n milwaukee' },
      replies: [{ includes: [BK] }],
    },
  },
  {
    id: 'messy-07-run-on-sentence',
    category: 'messy',
    goal: 'book a lighting installation from one long run-on message',
    turns: [
      'hi yes hello i tried calling last week but nobody picked up so im trying this instead i need someone to put in new light fixtures in my kitchen 4 of them pendant lights can you do next tuesday around 1 my name is Olga Petrova my number is 773 555 0107 and im at 3817 N Pulaski Rd Chicago thank you',
    ],
    expect: {
      booking: { service: 'lighting-install', date: { weekday: 'tuesday' }, time: '13:00', name: 'Olga Petrova', phone: '7735550107', address: '3817 N Pulaski' },
      replies: [{ includes: [BK, /\$220/] }],
    },
  },
  {
    id: 'messy-08-week-from-today',
    category: 'messy',
    goal: 'book an AC tune-up "a week from today"',
    turns: ['can i get an ac tune-up a week from today, 9am?', 'ian mcdonald', '7735550108', '1402 w farwell ave apt 3 chicago'],
    expect: {
      booking: { service: 'ac-tune-up', date: { inDays: 7 }, time: '09:00', name: 'ian mcdonald', phone: '7735550108', address: '1402 w farwell' },
      replies: [{ includes: [BK] }],
    },
  },
  {
    id: 'messy-09-water-heater-the-10th',
    category: 'messy',
    goal: 'book a water heater swap on "the 10th" with an aside about the tank',
    turns: ['can u swap out my water heater on the 10th at 9am', 'its a 50 gal gas one if that matters', 'ok. rachel greene 773-555-0109', '440 n oak park ave, oak park'],
    expect: {
      booking: { service: 'water-heater-install', date: { dayOfMonth: 10 }, time: '09:00', name: 'rachel greene', phone: '7735550109', address: '440 n oak park ave' },
      replies: [{ includes: [BK, /\$1,?450/] }],
    },
  },
  {
    id: 'messy-10-all-caps',
    category: 'messy',
    goal: 'book a duct cleaning written entirely in capitals',
    turns: ['I NEED SOMEONE TO CLEAN MY AIR DUCTS THE DUST IN THIS HOUSE IS INSANE', 'WEDNESDAY 9AM', 'DOUG FERRIS 773 555 0110 7301 W TOUHY AVE NILES'],
    expect: {
      booking: { service: 'duct-cleaning', date: { weekday: 'wednesday' }, time: '09:00', name: 'doug ferris', phone: '7735550110', address: '7301 w touhy' },
      replies: [{ includes: [BK, /\$349/] }],
    },
  },
  {
    id: 'messy-11-texting-abbrev',
    category: 'messy',
    goal: 'book a leak repair with "appt", "@", "#" and a unit number',
    turns: ['yo can i get an appt for a leak under my kitchen sink', 'thurs @ 1030', 'its marco bianchi', '#: 773-555-0111', '9 e elm st unit 5, chicago'],
    expect: {
      booking: { service: 'leak-repair', date: { weekday: 'thursday' }, time: '10:30', name: 'marco bianchi', phone: '7735550111', address: '9 e elm st' },
      replies: [{ includes: [BK] }],
    },
  },
  {
    id: 'messy-12-labelled-fields-with-email',
    category: 'messy',
    goal: 'book a furnace repair giving name, email and phone as labelled fields',
    turns: ['book me for a furnace repair monday at 1pm, its blowing lukewarm air', 'name: hannah schmidt / email: hannah.schmidt@example.com / phone: 773 555 0112', 'address: 1820 ridge ave, evanston'],
    expect: {
      booking: {
        service: 'furnace-repair',
        date: { weekday: 'monday' },
        time: '13:00',
        name: 'hannah schmidt',
        phone: '7735550112',
        address: '1820 ridge ave',
        email: 'hannah.schmidt@example.com',
      },
      replies: [{ includes: [BK] }],
    },
  },
  {
    id: 'messy-13-voice-dictation',
    category: 'messy',
    goal: 'book an EV charger from a voice-dictated message with spelled-out digits',
    turns: [
      'hi yeah I need a electrician to come put in a EV charger at my house on Wednesday at 10 a.m. my name is Victor Ahn A H N my phone number is 7 7 3 5 5 5 0 1 1 3 and I live at 2631 West Lunt Avenue Chicago',
    ],
    expect: {
      booking: { service: 'ev-charger-install', date: { weekday: 'wednesday' }, time: '10:00', name: 'victor ahn', phone: '7735550113', address: '2631 west lunt' },
      replies: [{ includes: [BK, /\$650/] }],
    },
  },
  {
    id: 'messy-14-contact-first',
    category: 'messy',
    goal: 'give contact details first, then the problem, then the time',
    turns: ["hi, I'm Beth Adler, 773-555-0114, 810 Judson Ave Evanston", 'my kitchen sink is clogged again, water just sits there', 'next tue 11'],
    expect: {
      booking: { service: 'drain-cleaning', date: { weekday: 'tuesday' }, time: '11:00', name: 'Beth Adler', phone: '7735550114', address: '810 Judson Ave' },
      replies: [{ includes: [BK, /\$149/] }],
    },
  },
  {
    id: 'messy-15-friday-morning',
    category: 'messy',
    goal: 'book a tub unclog "friday morning, 9 ok"',
    turns: ['can a plumber come unclog my tub friday morning? 9 ok', 'wei zhang 773 555 0115 3000 s halsted st chicago'],
    expect: {
      booking: { service: 'drain-cleaning', date: { weekday: 'friday' }, time: '09:00', name: 'wei zhang', phone: '7735550115', address: '3000 s halsted' },
      replies: [{ includes: [BK] }],
    },
  },
  {
    id: 'messy-16-estimate-with-zip',
    category: 'messy',
    goal: 'book a furnace replacement estimate in one terse line with a ZIP code',
    turns: ['hvac estimate for a new furnace plz. wed at 11. tamika jones. 7735550116. 9135 s bishop st chicago il 60620'],
    expect: {
      booking: { service: 'hvac-estimate', date: { weekday: 'wednesday' }, time: '11:00', name: 'tamika jones', phone: '7735550116', address: '9135 s bishop' },
      replies: [{ includes: [BK] }],
    },
  },
  {
    id: 'messy-17-price-and-time-at-once',
    category: 'messy',
    goal: 'ask the price and a time in one message, then book',
    turns: ['how much for an outlet fix and can u come monday at 12', 'ok book it. dmitri volkov 773 555 0117, 1655 w jarvis ave chicago'],
    expect: {
      booking: { service: 'outlet-repair', date: { weekday: 'monday' }, time: '12:00', name: 'dmitri volkov', phone: '7735550117', address: '1655 w jarvis' },
      replies: [{ turn: 0, includes: [/\$119/] }, { includes: [BK] }],
    },
  },
];
