// A detail changes mid-conversation: the time, the day, the phone, the address, the spelling of a
// name, the service itself, sometimes after the booking is already made. The booking must carry
// the final version of every detail.
// Phones of this file: 872-555-01xx (0101-0117, plus 0120 as a wrong number).
import type { Scenario } from '../types.ts';
import { BK } from './common.ts';

export const correction: Scenario[] = [
  {
    id: 'correction-01-wait-11-is-better',
    category: 'correction',
    goal: 'move the requested time from 9 to 11 before booking',
    turns: ['ac tune up next wednesday at 9', 'wait actually 11 is better', 'Nadia Petrakis 872-555-0101 2045 W Chase Ave Chicago'],
    expect: {
      booking: { service: 'ac-tune-up', date: { weekday: 'wednesday' }, time: '11:00', name: 'Nadia Petrakis', phone: '8725550101', address: '2045 W Chase Ave' },
      replies: [{ includes: [BK] }],
    },
  },
  {
    id: 'correction-02-wrong-phone',
    category: 'correction',
    goal: 'correct a mistyped phone number right after giving it',
    turns: ['need a drain cleaning thursday at 10', 'Omar Farouk, 872-555-0120', "sorry wrong number, it's 872-555-0102", '5900 N Sheridan Rd Chicago'],
    expect: {
      booking: { service: 'drain-cleaning', date: { weekday: 'thursday' }, time: '10:00', name: 'Omar Farouk', phone: '8725550102', address: '5900 N Sheridan Rd' },
      replies: [{ includes: [BK] }],
    },
  },
  {
    id: 'correction-03-no-wait-thursday',
    category: 'correction',
    goal: 'change the day from Tuesday to Thursday, keeping the time',
    turns: ['can someone fix a leaky pipe under my sink tuesday at 10', 'no wait, thursday. same time', 'Greta Lindqvist', '872.555.0103', '1247 W Granville Ave Chicago'],
    expect: {
      booking: { service: 'leak-repair', date: { weekday: 'thursday' }, time: '10:00', name: 'Greta Lindqvist', phone: '8725550103', address: '1247 W Granville Ave' },
      replies: [{ includes: [BK] }],
    },
  },
  {
    id: 'correction-04-leak-not-clog',
    category: 'correction',
    goal: 'switch from drain cleaning to leak repair after looking under the sink',
    turns: ['my kitchen sink needs a drain cleaning, wednesday at 1pm', "actually now that i look it's not clogged, the pipe underneath is leaking", 'Rosa Delgado 872-555-0104', '3119 W 26th St Chicago'],
    expect: {
      booking: { service: 'leak-repair', date: { weekday: 'wednesday' }, time: '13:00', name: 'Rosa Delgado', phone: '8725550104', address: '3119 W 26th St' },
      replies: [{ includes: [BK, /\$175/] }],
    },
  },
  {
    id: 'correction-05-house-number-swap',
    category: 'correction',
    goal: 'fix swapped house-number digits within the same message',
    turns: ['book a furnace repair monday at 10', 'Paul Ivanov, 872 555 0105', '465 linden ave wilmette... no sorry, 456 Linden Ave, Wilmette'],
    expect: {
      booking: { service: 'furnace-repair', date: { weekday: 'monday' }, time: '10:00', name: 'Paul Ivanov', phone: '8725550105', address: '456 Linden Ave' },
      replies: [{ includes: [BK] }],
    },
  },
  {
    id: 'correction-06-name-spelling',
    category: 'correction',
    goal: 'correct the spelling of the first name',
    turns: ["I'd like an outlet repaired friday at 10", 'Kristin Larsen, 872-555-0106', "sorry, it's Kirsten, not Kristin. K-I-R-S-T-E-N", '2215 Central St, Evanston'],
    expect: {
      booking: { service: 'outlet-repair', date: { weekday: 'friday' }, time: '10:00', name: 'Kirsten Larsen', phone: '8725550106', address: '2215 Central St' },
      replies: [{ includes: [BK] }],
    },
  },
  {
    id: 'correction-07-wrong-day-after-booking',
    category: 'correction',
    goal: 'after the booking is made, realise it should be Tuesday, not Monday',
    turns: ['drain cleaning next monday at 9am, Li Wei, 872-555-0107, 3535 N Clark St Chicago', 'oh shoot, i meant tuesday not monday. same time', 'yes'],
    expect: {
      booking: { service: 'drain-cleaning', date: { weekday: 'tuesday' }, time: '09:00', name: 'Li Wei', phone: '8725550107', address: '3535 N Clark St' },
      replies: [{ includes: [BK] }],
    },
  },
  {
    id: 'correction-08-meant-am',
    category: 'correction',
    goal: 'correct 1 pm to 10 am',
    turns: ['can i book a lighting install thursday at 1', 'sorry i meant 10am not 1pm', 'Jorge Castillo 872 555 0108 6412 N Lakewood Ave Chicago'],
    expect: {
      booking: { service: 'lighting-install', date: { weekday: 'thursday' }, time: '10:00', name: 'Jorge Castillo', phone: '8725550108', address: '6412 N Lakewood Ave' },
      replies: [{ includes: [BK] }],
    },
  },
  {
    id: 'correction-09-outlet-to-ev-charger',
    category: 'correction',
    goal: 'replace an outlet repair request with an EV charger installation at the same time',
    turns: ['book an outlet repair wednesday at 9', 'hmm actually what i really need is an EV charger installed in the garage. can we do that instead, same time?', 'Eitan Levi 872-555-0109 1033 Wesley Ave Evanston'],
    expect: {
      booking: { service: 'ev-charger-install', date: { weekday: 'wednesday' }, time: '09:00', name: 'Eitan Levi', phone: '8725550109', address: '1033 Wesley Ave' },
      replies: [{ includes: [BK, /\$650/] }],
    },
  },
  {
    id: 'correction-10-day-changed-twice',
    category: 'correction',
    goal: 'change the day twice and end on Friday',
    turns: ['ac tune up monday at 11', 'hmm make that wednesday', 'no sorry, friday. friday at 11', 'Mei Tanaka', '8725550110', '1907 W Belle Plaine Ave Chicago'],
    expect: {
      booking: { service: 'ac-tune-up', date: { weekday: 'friday' }, time: '11:00', name: 'Mei Tanaka', phone: '8725550110', address: '1907 W Belle Plaine Ave' },
      replies: [{ includes: [BK] }],
    },
  },
  {
    id: 'correction-11-phone-fixed-in-same-message',
    category: 'correction',
    goal: 'a phone number corrected inside the same message',
    turns: ['water heater install next tuesday at 10am', "Haruto Sato, 872-555-0111 - no wait, that's my work line, use my cell 872-555-0112", '2740 W Addison St Chicago'],
    expect: {
      booking: { service: 'water-heater-install', date: { weekday: 'tuesday' }, time: '10:00', name: 'Haruto Sato', phone: '8725550112', address: '2740 W Addison St' },
      replies: [{ includes: [BK] }],
    },
  },
  {
    id: 'correction-12-later-same-day',
    category: 'correction',
    goal: 'move an estimate to the afternoon of the same day once the customer remembers their schedule',
    turns: ['hvac replacement estimate thursday at 9', 'Ann-Marie Dubois, 872-555-0113', "wait, i won't be home till after lunch thursday. can we do 1pm instead", 'the house is 1010 Park Ave, River Forest'],
    expect: {
      booking: { service: 'hvac-estimate', date: { weekday: 'thursday' }, time: '13:00', name: 'Ann-Marie Dubois', phone: '8725550113', address: '1010 Park Ave' },
      replies: [{ includes: [BK] }],
    },
  },
  {
    id: 'correction-13-push-after-booking',
    category: 'correction',
    goal: 'push a booked duct cleaning to 10:30 the same day',
    turns: ['duct cleaning monday 9am. Carla Mendes 872-555-0114, 4233 N Kostner Ave Chicago', 'ugh sorry can we push it to 10:30 same day?', 'yes thats fine'],
    expect: {
      booking: { service: 'duct-cleaning', date: { weekday: 'monday' }, time: '10:30', name: 'Carla Mendes', phone: '8725550114', address: '4233 N Kostner Ave' },
      replies: [{ includes: [BK] }],
    },
  },
  {
    id: 'correction-14-change-then-change-back',
    category: 'correction',
    goal: 'change the day and then go back to the original one',
    turns: ['panel upgrade wednesday 9am', 'actually make it thursday', 'nah forget that, wednesday is fine after all', 'Ken Adeyemi 872-555-0115 5050 W Montrose Ave Chicago'],
    expect: {
      booking: { service: 'panel-upgrade', date: { weekday: 'wednesday' }, time: '09:00', name: 'Ken Adeyemi', phone: '8725550115', address: '5050 W Montrose Ave' },
      replies: [{ includes: [BK] }],
    },
  },
  {
    id: 'correction-15-email-typo',
    category: 'correction',
    goal: 'correct a typo in the email address',
    turns: ['furnace repair next tuesday at 12', 'Julia Robertson, 872-555-0116, julia.robertson@exmaple.com', 'typo sorry, its julia.robertson@example.com', '2018 Maple Ave, Evanston'],
    expect: {
      booking: {
        service: 'furnace-repair',
        date: { weekday: 'tuesday' },
        time: '12:00',
        name: 'Julia Robertson',
        phone: '8725550116',
        address: '2018 Maple Ave',
        email: 'julia.robertson@example.com',
      },
      replies: [{ includes: [BK] }],
    },
  },
  {
    id: 'correction-16-half-hour-later',
    category: 'correction',
    goal: 'shift the start by half an hour',
    turns: ['need 2 ceiling lights installed friday at 12', 'sorry, 12:30', 'Benedict Ude, 872-555-0117, 7 Ashland Ave, River Forest'],
    expect: {
      booking: { service: 'lighting-install', date: { weekday: 'friday' }, time: '12:30', name: 'Benedict Ude', phone: '8725550117', address: '7 Ashland Ave' },
      replies: [{ includes: [BK] }],
    },
  },
  {
    id: 'correction-17-home-later-4pm',
    category: 'correction',
    goal: 'move a drain cleaning to 4 pm because the customer gets home late',
    turns: ['can someone unclog my bathroom sink thursday 3pm', "hmm i don't get home till 4. make it 4pm", 'Sofia Brennan 872-555-0118 1218 W Thorndale Ave Chicago'],
    expect: {
      booking: { service: 'drain-cleaning', date: { weekday: 'thursday' }, time: '16:00', name: 'Sofia Brennan', phone: '8725550118', address: '1218 W Thorndale Ave' },
      replies: [{ includes: [BK] }],
    },
  },
];
