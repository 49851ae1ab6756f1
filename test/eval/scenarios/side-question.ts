// A question in the middle of a booking ("do you charge for the visit?", "are your techs
// licensed?"): it gets a real answer, then the booking continues with the details already given.
// The service changes only when the customer asks for it.
// Phones of this file: 847-555-01xx (0101-0117).
import type { Scenario } from '../types.ts';
import { BK } from './common.ts';

export const sideQuestion: Scenario[] = [
  {
    id: 'side-01-visit-fee',
    category: 'side_question',
    goal: 'ask whether the visit costs extra in the middle of booking a drain cleaning',
    turns: ['i want to book a drain cleaning next wednesday at 10', 'do you charge for the visit?', 'ok cool. ben hale 847-555-0101 905 davis st evanston'],
    expect: {
      booking: { service: 'drain-cleaning', date: { weekday: 'wednesday' }, time: '10:00', name: 'ben hale', phone: '8475550101', address: '905 davis st' },
      replies: [{ turn: 1, includes: [/\$(149|89)/] }, { includes: [BK] }],
    },
  },
  {
    id: 'side-02-licensed',
    category: 'side_question',
    goal: 'ask about licensing in the middle of booking an AC tune-up',
    turns: ['ac tune up thursday at 9am', 'are your techs licensed?', 'good. Carmen Ortiz, 847 555 0102, 1234 N Harlem Ave, Elmwood Park'],
    expect: {
      booking: { service: 'ac-tune-up', date: { weekday: 'thursday' }, time: '09:00', name: 'Carmen Ortiz', phone: '8475550102', address: '1234 N Harlem Ave' },
      replies: [{ turn: 1, includes: [/licens/i] }, { includes: [BK] }],
    },
  },
  {
    id: 'side-03-apple-pay',
    category: 'side_question',
    goal: 'ask about Apple Pay while booking an outlet repair',
    turns: ['outlet repair next monday 10am', 'can i pay with apple pay?', 'great. Noah Feldman 8475550103 1131 Greenleaf Ave Wilmette'],
    expect: {
      booking: { service: 'outlet-repair', date: { weekday: 'monday' }, time: '10:00', name: 'Noah Feldman', phone: '8475550103', address: '1131 Greenleaf Ave' },
      replies: [{ turn: 1, includes: [/apple pay/i] }, { includes: [BK] }],
    },
  },
  {
    id: 'side-04-how-long-install',
    category: 'side_question',
    goal: 'ask how long a water heater install takes, then finish the booking',
    turns: ['need a water heater installed tuesday 9am', 'how long does the install take?', 'ok. Priya Menon, 847-555-0104, 8300 N Skokie Blvd, Skokie'],
    expect: {
      booking: { service: 'water-heater-install', date: { weekday: 'tuesday' }, time: '09:00', name: 'Priya Menon', phone: '8475550104', address: '8300 N Skokie Blvd' },
      replies: [{ turn: 1, includes: [/4 hours|four hours|240 min/i] }, { includes: [BK] }],
    },
  },
  {
    id: 'side-05-what-if-i-cancel',
    category: 'side_question',
    goal: 'ask the cancellation policy before committing to a furnace repair',
    turns: ['furnace repair friday at 11', 'what if i need to cancel?', 'ok fine, Tyrone Gibbs 847-555-0105 2750 W Devon Ave Chicago'],
    expect: {
      booking: { service: 'furnace-repair', date: { weekday: 'friday' }, time: '11:00', name: 'Tyrone Gibbs', phone: '8475550105', address: '2750 W Devon Ave' },
      replies: [{ turn: 1, includes: [/24 hours/i] }, { includes: [BK] }],
    },
  },
  {
    id: 'side-06-guarantee',
    category: 'side_question',
    goal: 'ask whether the work is guaranteed while booking a leak repair',
    turns: ['leak repair under the bathroom sink wednesday at 12', 'is the work guaranteed?', 'alright. Hye-jin Park, 847-555-0106, 4655 W Touhy Ave, Lincolnwood'],
    expect: {
      booking: { service: 'leak-repair', date: { weekday: 'wednesday' }, time: '12:00', name: 'Hye-jin Park', phone: '8475550106', address: '4655 W Touhy Ave' },
      replies: [{ turn: 1, includes: [/one[- ]year|1[- ]year|30 days/i] }, { includes: [BK] }],
    },
  },
  {
    id: 'side-07-open-sundays',
    category: 'side_question',
    goal: 'ask about Sundays mid-booking and keep the Monday slot',
    turns: ['booking an ac tune-up monday at 1pm', 'btw are you open on sundays?', 'ok just monday then. Frank Delaney 847 555 0107 111 S Prospect Ave Park Ridge'],
    expect: {
      booking: { service: 'ac-tune-up', date: { weekday: 'monday' }, time: '13:00', name: 'Frank Delaney', phone: '8475550107', address: '111 S Prospect Ave' },
      replies: [{ turn: 1, includes: [/closed|not open|aren'?t open/i] }, { includes: [BK] }],
    },
  },
  {
    id: 'side-08-des-plaines',
    category: 'side_question',
    goal: 'ask whether Des Plaines is covered while booking lights',
    turns: ['need some lights installed thursday at 11', 'do you come out to des plaines?', 'perfect thats where i am. Rebecca Stone, 847-555-0108, 1501 Ellinwood St, Des Plaines'],
    expect: {
      booking: { service: 'lighting-install', date: { weekday: 'thursday' }, time: '11:00', name: 'Rebecca Stone', phone: '8475550108', address: '1501 Ellinwood St' },
      replies: [{ turn: 1, includes: [/des plaines/i] }, { includes: [BK] }],
    },
  },
  {
    id: 'side-09-need-to-be-home',
    category: 'side_question',
    goal: 'ask whether someone must be home, then finish a duct cleaning booking',
    turns: ['duct cleaning wednesday 9am', 'do i need to be home for it?', 'ok. Hassan Ali 847-555-0109 6045 N Kenmore Ave Chicago'],
    expect: {
      booking: { service: 'duct-cleaning', date: { weekday: 'wednesday' }, time: '09:00', name: 'Hassan Ali', phone: '8475550109', address: '6045 N Kenmore Ave' },
      replies: [{ turn: 1, includes: [/adult|home/i] }, { includes: [BK] }],
    },
  },
  {
    id: 'side-10-financing',
    category: 'side_question',
    goal: 'ask about financing in the middle of booking a panel upgrade',
    turns: ['i need a panel upgrade, next tuesday at 9', 'do you do financing?', 'nice. Yolanda Price, 847.555.0110, 2207 W Pratt Blvd, Chicago'],
    expect: {
      booking: { service: 'panel-upgrade', date: { weekday: 'tuesday' }, time: '09:00', name: 'Yolanda Price', phone: '8475550110', address: '2207 W Pratt Blvd' },
      replies: [{ turn: 1, includes: [/0%|monthly/i] }, { includes: [BK] }],
    },
  },
  {
    id: 'side-11-parts-included',
    category: 'side_question',
    goal: 'ask whether the furnace repair price includes parts, then book',
    turns: ['furnace repair monday at 11am', 'does the $189 include parts?', 'ok got it. Stan Kowal 847-555-0111 3400 N Harlem Ave Chicago'],
    expect: {
      booking: { service: 'furnace-repair', date: { weekday: 'monday' }, time: '11:00', name: 'Stan Kowal', phone: '8475550111', address: '3400 N Harlem Ave' },
      replies: [{ turn: 1, includes: [/parts/i, /quoted|separate|not included|extra/i] }, { includes: [BK] }],
    },
  },
  {
    id: 'side-12-buy-my-own-charger',
    category: 'side_question',
    goal: 'ask who supplies the EV charger, then book the installation',
    turns: ['ev charger install friday at 10', 'do i have to buy the charger myself?', 'ok. Lena Fischer, 847-555-0112, 925 Sherman Ave, Evanston'],
    expect: {
      booking: { service: 'ev-charger-install', date: { weekday: 'friday' }, time: '10:00', name: 'Lena Fischer', phone: '8475550112', address: '925 Sherman Ave' },
      replies: [{ turn: 1, includes: [/bought|buy|purchase/i] }, { includes: [BK] }],
    },
  },
  {
    id: 'side-13-who-is-coming',
    category: 'side_question',
    goal: 'ask which technician is coming, then finish the booking',
    turns: ['drain cleaning thursday at 2pm', "who's the technician?", 'ok. Gary Lin 847-555-0113 4900 W Oakton St Skokie'],
    expect: {
      booking: { service: 'drain-cleaning', date: { weekday: 'thursday' }, time: '14:00', name: 'Gary Lin', phone: '8475550113', address: '4900 W Oakton St' },
      // The plumbers who do drain cleaning: Dev Patel and Sarah Kim.
      replies: [{ turn: 1, includes: [/Dev|Sarah/] }, { includes: [BK] }],
    },
  },
  {
    id: 'side-14-text-before-arrival',
    category: 'side_question',
    goal: 'ask whether the tech texts before arriving, then book',
    turns: ['ac tune-up wednesday 11:30', 'will you text me before the tech shows up?', 'great. Isabel Cruz 847-555-0114 5420 N Winthrop Ave Chicago'],
    expect: {
      booking: { service: 'ac-tune-up', date: { weekday: 'wednesday' }, time: '11:30', name: 'Isabel Cruz', phone: '8475550114', address: '5420 N Winthrop Ave' },
      replies: [{ turn: 1, includes: [/text/i] }, { includes: [BK] }],
    },
  },
  {
    id: 'side-15-two-price-questions',
    category: 'side_question',
    goal: 'ask two questions about cost between choosing the time and giving details',
    turns: ['i want an outlet fixed', 'next wednesday 9', 'wait how much is it?', "and is there a fee if the electrician comes and can't fix it?", 'ok. patrick doyle', '847-555-0115', '6330 W Higgins Ave Chicago'],
    expect: {
      booking: { service: 'outlet-repair', date: { weekday: 'wednesday' }, time: '09:00', name: 'patrick doyle', phone: '8475550115', address: '6330 W Higgins Ave' },
      replies: [{ turn: 2, includes: [/\$119/] }, { includes: [BK] }],
    },
  },
  {
    id: 'side-16-closing-time-between-details',
    category: 'side_question',
    goal: 'ask the Friday closing time between giving the phone and the address',
    turns: ['furnace repair friday at 10', 'Natalie Brooks, 847 555 0116', 'what time do you close on fridays?', 'ok thanks, the address is 3250 N Oketo Ave, Chicago'],
    expect: {
      booking: { service: 'furnace-repair', date: { weekday: 'friday' }, time: '10:00', name: 'Natalie Brooks', phone: '8475550116', address: '3250 N Oketo Ave' },
      replies: [{ turn: 2, includes: [/5(:00)?\s?(pm|p\.m\.)|17:00/i] }, { includes: [BK] }],
    },
  },
  {
    id: 'side-17-other-price-same-service',
    category: 'side_question',
    goal: 'ask the price of a different service out of curiosity without switching the booking to it',
    turns: ['drain cleaning monday 12pm', 'how much would a water heater replacement be, just curious', 'ok maybe later. for now just the drain. Ahmed Yusuf 847-555-0117 7235 W Addison St Chicago'],
    expect: {
      booking: { service: 'drain-cleaning', date: { weekday: 'monday' }, time: '12:00', name: 'Ahmed Yusuf', phone: '8475550117', address: '7235 W Addison St' },
      replies: [{ turn: 1, includes: [/\$1,?450/] }, { includes: [BK] }],
    },
  },
];
