// Ordinary bookings: one service, the way customers ask for it, step by step or all at once.
// Phones of this file: 312-555-01xx (0101-0116).
import type { Scenario } from '../types.ts';
import { BK } from './common.ts';

export const booking: Scenario[] = [
  {
    id: 'booking-01-clogged-kitchen-sink',
    category: 'booking',
    goal: 'book a drain cleaning for a clogged kitchen sink, answering one question at a time',
    turns: ['hi, my kitchen sink is clogged and wont drain', 'can someone come next wednesday?', '10:30 works', "Kevin O'Brien", '312-555-0101', '4410 N Damen Ave, Chicago'],
    expect: {
      booking: { service: 'drain-cleaning', date: { weekday: 'wednesday' }, time: '10:30', name: "Kevin O'Brien", phone: '3125550101', address: '4410 N Damen Ave' },
      replies: [{ includes: [BK, /\$149/] }],
    },
  },
  {
    id: 'booking-02-ac-tune-up-one-message',
    category: 'booking',
    goal: 'book an AC tune-up with every detail in one polite message, then confirm',
    turns: ["I'd like to book an AC tune-up for next Monday at 9am. My name is Laura Chen, phone 312 555 0102, address 2210 W Roscoe St, Chicago IL 60618.", 'yes please'],
    expect: {
      booking: { service: 'ac-tune-up', date: { weekday: 'monday' }, time: '09:00', name: 'Laura Chen', phone: '3125550102', address: '2210 W Roscoe St' },
      replies: [{ includes: [BK, /\$129/] }],
    },
  },
  {
    id: 'booking-03-furnace-banging',
    category: 'booking',
    goal: 'book a furnace repair for a noisy furnace that still heats',
    turns: [
      'our furnace is making a loud banging noise every time it kicks on. it still heats but its kind of scary. can you send someone thursday?',
      'anytime after 11 is fine, say 11:30',
      'Marcus Webb 312.555.0103',
      '1530 Hinman Ave, Evanston',
    ],
    expect: {
      booking: { service: 'furnace-repair', date: { weekday: 'thursday' }, time: '11:30', name: 'Marcus Webb', phone: '3125550103', address: '1530 Hinman Ave' },
      replies: [{ includes: [BK, /\$189/] }],
    },
  },
  {
    id: 'booking-04-tesla-charger',
    category: 'booking',
    goal: 'book an EV charger installation for a new Tesla',
    turns: ['just got a tesla, need a level 2 charger put in the garage', 'this friday at 9 am if possible', 'Amir Haddad, (312) 555-0104, 718 Forest Ave, Oak Park'],
    expect: {
      booking: { service: 'ev-charger-install', date: { weekday: 'friday' }, time: '09:00', name: 'Amir Haddad', phone: '3125550104', address: '718 Forest Ave' },
      replies: [{ includes: [BK, /\$650/] }],
    },
  },
  {
    id: 'booking-05-replace-old-water-heater',
    category: 'booking',
    goal: 'book a water heater replacement for a 14-year-old tank',
    turns: ['our water heater is 14 years old and starting to rust, we want to replace it before it dies', 'next tuesday morning, 9 if you have it', 'Gloria Sanchez', '3125550105', '6023 S Kenneth Ave, Chicago'],
    expect: {
      booking: { service: 'water-heater-install', date: { weekday: 'tuesday' }, time: '09:00', name: 'Gloria Sanchez', phone: '3125550105', address: '6023 S Kenneth Ave' },
      replies: [{ includes: [BK, /\$1,?450/] }],
    },
  },
  {
    id: 'booking-06-free-estimate',
    category: 'booking',
    goal: 'ask whether estimates are free, then book an HVAC replacement estimate',
    turns: ['thinking about replacing our old furnace and AC, do you do free estimates?', 'great, can i get one on wednesday at 1pm', 'Joan Pike, 312-555-0106, 915 Elmwood Ave, Wilmette'],
    expect: {
      booking: { service: 'hvac-estimate', date: { weekday: 'wednesday' }, time: '13:00', name: 'Joan Pike', phone: '3125550106', address: '915 Elmwood Ave' },
      replies: [{ turn: 0, includes: [/free|no (charge|cost)|\$0\b/i] }, { includes: [BK] }],
    },
  },
  {
    id: 'booking-07-recessed-lights-and-fan',
    category: 'booking',
    goal: 'book a lighting installation for three recessed lights and a fan, high-rise unit',
    turns: ['want 3 recessed lights and a ceiling fan installed in the living room', 'thursday 10am', "name's Derek Fong", 'phone +1 (312) 555-0107', '3340 N Lake Shore Dr Apt 12B, Chicago'],
    expect: {
      booking: { service: 'lighting-install', date: { weekday: 'thursday' }, time: '10:00', name: 'Derek Fong', phone: '3125550107', address: '3340 N Lake Shore Dr' },
      replies: [{ includes: [BK, /\$220/] }],
    },
  },
  {
    id: 'booking-08-gfci-wont-reset',
    category: 'booking',
    goal: 'book an outlet repair for dead bathroom outlets',
    turns: ["a couple outlets in my bathroom stopped working and the gfci button won't reset", 'monday at 11', 'Priscilla Owens 312 555 0108', '77 W Huron St Unit 1904, Chicago'],
    expect: {
      booking: { service: 'outlet-repair', date: { weekday: 'monday' }, time: '11:00', name: 'Priscilla Owens', phone: '3125550108', address: '77 W Huron St' },
      replies: [{ includes: [BK, /\$119/] }],
    },
  },
  {
    id: 'booking-09-ducts-known-visitor',
    category: 'booking',
    goal: 'a visitor whose name and email the widget already sent books a duct cleaning without repeating them',
    session: { customer_name: 'Ruth Goldberg', customer_email: 'ruth.goldberg@example.com' },
    turns: ["Hi, I'd like to have our air ducts cleaned.", 'This Friday at 9 would be ideal.', 'My number is 312-555-0109 and the address is 1120 Chicago Ave, Evanston.'],
    expect: {
      booking: { service: 'duct-cleaning', date: { weekday: 'friday' }, time: '09:00', name: 'Ruth Goldberg', phone: '3125550109', address: '1120 Chicago Ave', email: 'ruth.goldberg@example.com' },
      replies: [{ includes: [BK, /\$349/] }],
    },
  },
  {
    id: 'booking-10-fuse-box-to-panel',
    category: 'booking',
    goal: 'book a 200 A panel upgrade to replace an old fuse box',
    turns: ['we still have an old fuse box, looking to upgrade to a 200 amp panel', 'how about next monday at 9?', 'Walter Nowak', '312-555-0110', '5421 W Belmont Ave, Chicago'],
    expect: {
      booking: { service: 'panel-upgrade', date: { weekday: 'monday' }, time: '09:00', name: 'Walter Nowak', phone: '3125550110', address: '5421 W Belmont Ave' },
      replies: [{ includes: [BK, /\$1,?800/] }],
    },
  },
  {
    id: 'booking-11-dripping-faucet-on-the-9th',
    category: 'booking',
    goal: 'book a leak repair on a day of the month, at noon',
    turns: ['the faucet in my bathroom drips nonstop, can a plumber come on the 9th?', '12 noon please', 'Sunita Rao, 312-555-0111, 2700 Central St, Evanston'],
    expect: {
      booking: { service: 'leak-repair', date: { dayOfMonth: 9 }, time: '12:00', name: 'Sunita Rao', phone: '3125550111', address: '2700 Central St' },
      replies: [{ includes: [BK, /\$175/] }],
    },
  },
  {
    id: 'booking-12-schaumburg-travel-fee',
    category: 'booking',
    goal: 'book a drain cleaning just outside the service area, where a travel fee applies',
    turns: ['can you do a drain cleaning in schaumburg? bathtub is super slow', 'ok thats fine. wednesday at 9am', 'Greg Palmer 312-555-0112 1400 E Golf Rd, Schaumburg'],
    expect: {
      booking: { service: 'drain-cleaning', date: { weekday: 'wednesday' }, time: '09:00', name: 'Greg Palmer', phone: '3125550112', address: '1400 E Golf Rd' },
      replies: [{ includes: [BK, /\$35/] }],
    },
  },
  {
    id: 'booking-13-gary-indiana',
    category: 'booking',
    goal: 'a customer in Northwest Indiana is told it is outside the service area, and nothing is booked',
    turns: ['i need a water heater replaced, can you come tuesday?', 'im at 601 W 5th Ave, Gary IN 46402'],
    expect: {
      booking: null,
      replies: [{ includes: [/indiana|(don'?t|do not|doesn'?t|not able to|can'?t) (serve|cover|service|come)|outside (of )?our (service )?area/i] }],
    },
  },
  {
    id: 'booking-14-kenosha-wisconsin',
    category: 'booking',
    goal: 'a Wisconsin address is declined instead of booked',
    turns: ['Do you install light fixtures in Kenosha, WI? Looking at thursday at 10. Mark Ellison, 312-555-0113, 2100 60th St, Kenosha'],
    expect: {
      booking: null,
      replies: [{ turn: 0, includes: [/wisconsin|(don'?t|do not|doesn'?t|not able to|can'?t) (serve|cover|service|come)|outside (of )?our (service )?area/i] }],
    },
  },
  {
    id: 'booking-15-tomorrow-afternoon',
    category: 'booking',
    goal: 'book a shower drain cleaning for tomorrow afternoon',
    turns: ['any chance someone can clean out my shower drain tomorrow at 2?', 'Faith Mbeki', '312 555 0114', '8120 S Kostner Ave, Chicago'],
    expect: {
      booking: { service: 'drain-cleaning', date: { inDays: 1 }, time: '14:00', name: 'Faith Mbeki', phone: '3125550114', address: '8120 S Kostner Ave' },
      replies: [{ includes: [BK] }],
    },
  },
  {
    id: 'booking-16-pick-from-offered-times',
    category: 'booking',
    goal: 'ask what is open on a day, then pick one of the offered times',
    turns: ['what times do you have thursday for an ac tune up?', 'ok 12:30 please', 'Bao Nguyen, 312-555-0115, 4800 N Broadway, Chicago'],
    expect: {
      booking: { service: 'ac-tune-up', date: { weekday: 'thursday' }, time: '12:30', name: 'Bao Nguyen', phone: '3125550115', address: '4800 N Broadway' },
      replies: [{ includes: [BK] }],
    },
  },
  {
    id: 'booking-17-formal-light-switch',
    category: 'booking',
    goal: 'a formal customer books a light-switch repair and confirms',
    turns: [
      'Good morning. I would like to schedule a technician to replace a broken light switch in our hallway. Would next Tuesday at 10:00 AM be available?',
      'My name is Eleanor Whitfield; you can reach me at 312-555-0116. The address is 1042 Pleasant St, Oak Park, IL 60302.',
      'Yes, please go ahead.',
    ],
    expect: {
      booking: { service: 'outlet-repair', date: { weekday: 'tuesday' }, time: '10:00', name: 'Eleanor Whitfield', phone: '3125550116', address: '1042 Pleasant St' },
      replies: [{ includes: [BK, /\$119/] }],
    },
  },
  {
    id: 'booking-18-before-eleven-is-a-window',
    category: 'booking',
    goal: '"before 11" is a window: the open times before 11 are offered, and the one picked is booked (not 11:00)',
    turns: [
      'bathroom sink drain is clogged, need someone friday, it has to be before 11 because i work after',
      'the 9:30 one',
      'Rosa Whitcombe 312-555-0194, 2210 W Roscoe St Chicago',
    ],
    expect: {
      booking: { service: 'drain-cleaning', date: { weekday: 'friday' }, time: '09:30', name: 'Rosa Whitcombe', phone: '3125550194', address: '2210 W Roscoe St' },
      replies: [
        { turn: 0, includes: [/9:30/], excludes: [/\b(12|1|2|3):\d\d ?PM/i] },
        { includes: [BK] },
      ],
    },
  },
  {
    id: 'booking-19-between-ten-and-noon',
    category: 'booking',
    goal: '"between 10 and 12" offers only the times in that window',
    turns: ['can an electrician come fix an outlet next monday between 10 and 12?', '10:30', 'Omar Haddad, 3125550195, 5010 N Kedzie Ave, Chicago'],
    expect: {
      booking: { service: 'outlet-repair', date: { weekday: 'monday' }, time: '10:30', name: 'Omar Haddad', phone: '3125550195', address: '5010 N Kedzie Ave' },
      replies: [{ turn: 0, includes: [/10:00 AM|10:30 AM|11:00 AM/], excludes: [/\b(8:00|8:30|9:00|9:30) AM|\b(1|2|3|4):\d\d PM/i] }],
    },
  },
  {
    id: 'booking-20-thursday-afternoon',
    category: 'booking',
    goal: '"thursday afternoon" offers afternoon times only; the one picked is booked',
    turns: ['hi, could i get an ac tune up thursday afternoon?', '2:30 is good', 'Priya Raman, 312 555 0196, 6430 N Sheridan Rd, Chicago'],
    expect: {
      booking: { service: 'ac-tune-up', date: { weekday: 'thursday' }, time: '14:30', name: 'Priya Raman', phone: '3125550196', address: '6430 N Sheridan Rd' },
      replies: [{ turn: 0, includes: [/\b(12|1|2):\d\d PM/], excludes: [/\b(8|9|10|11):\d\d AM/] }, { includes: [BK] }],
    },
  },
];
