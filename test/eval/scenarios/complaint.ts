// Frustrated customers: a repair that did not hold, a no-show, a bill, a rude technician; and
// people who just want a person. A complaint gets an apology and a ticket (a person follows up);
// "talk to a human" gets a handoff. Nothing is booked.
// Phones of this file: 224-555-01xx (0101-0112).
import type { Scenario } from '../types.ts';
import { PERSON, SORRY, TK } from './common.ts';

export const complaint: Scenario[] = [
  {
    id: 'complaint-01-broke-again',
    category: 'complaint',
    goal: 'the furnace broke again two days after the visit: apology, ticket, the 30-day guarantee',
    turns: ['my furnace broke again 2 days after your tech left, this is ridiculous', 'Brian Walsh, 224-555-0101'],
    expect: { booking: null, ticket: true, replies: [{ includes: [SORRY] }, { includes: [TK] }, { includes: [/30 days|no charge|free|at no cost/i] }] },
  },
  {
    id: 'complaint-02-talk-to-a-human',
    category: 'complaint',
    goal: 'ask for a human and get handed off',
    turns: ['talk to a human'],
    expect: { booking: null, handoff: true },
  },
  {
    id: 'complaint-03-bot-useless',
    category: 'complaint',
    goal: 'an angry customer demands a real person',
    turns: ['this bot is useless. get me a real person NOW'],
    expect: { booking: null, handoff: true },
  },
  {
    id: 'complaint-04-overcharged',
    category: 'complaint',
    goal: 'a customer charged more than the listed drain-cleaning price wants a refund',
    turns: ['i was charged $300 for a drain cleaning that your site says is $149. i want a refund', 'Lisa Park 224 555 0102, the visit was last week'],
    expect: { booking: null, ticket: true, replies: [{ includes: [SORRY] }] },
  },
  {
    id: 'complaint-05-no-show',
    category: 'complaint',
    goal: 'the technician never showed up: apology and a ticket',
    turns: ['your technician never showed up yesterday, i took the whole day off work for this!!', 'Dwayne Harris, 224-555-0103'],
    expect: { booking: null, ticket: true, replies: [{ includes: [SORRY] }] },
  },
  {
    id: 'complaint-06-rude-electrician',
    category: 'complaint',
    goal: 'report a rude technician who left a mess',
    turns: ['the electrician who came out on monday was really rude to my wife and left wire scraps all over the floor', 'name is Gordon Pratt, 224-555-0104'],
    expect: { booking: null, ticket: true, replies: [{ includes: [SORRY] }] },
  },
  {
    id: 'complaint-07-manager',
    category: 'complaint',
    goal: 'ask to speak to a manager',
    turns: ['i want to speak to a manager'],
    expect: { booking: null, handoff: true },
  },
  {
    id: 'complaint-08-water-damage',
    category: 'complaint',
    goal: 'a leak repair caused ceiling damage downstairs: apology and a ticket',
    turns: ["your plumber fixed a leak in my upstairs bathroom last week and now there's a water stain spreading on the kitchen ceiling below. who is paying for this?", 'Arlene Fisk 224-555-0105'],
    expect: { booking: null, ticket: true, replies: [{ includes: [SORRY] }] },
  },
  {
    id: 'complaint-09-late-fee-while-sick',
    category: 'complaint',
    goal: 'dispute a late-change fee charged while the customer was ill',
    turns: ['why was i charged a $50 late change fee?? i rescheduled because i had the flu', 'Victor Salas, 224-555-0106'],
    expect: { booking: null, ticket: true, replies: [{ includes: [/waive/i] }] },
  },
  {
    id: 'complaint-10-warranty-claim',
    category: 'complaint',
    goal: 'an outlet replaced months ago failed again: warranty claim ticket',
    turns: ['the outlet you replaced back in march stopped working again. is that covered under warranty?', 'Ingrid Holm 224-555-0107'],
    expect: { booking: null, ticket: true, replies: [{ includes: [/warranty/i, /one[- ]year|1[- ]year|12 months/i] }] },
  },
  {
    id: 'complaint-11-no-callback',
    category: 'complaint',
    goal: 'nobody returned three voicemails: a person should call back',
    turns: ["i've called 3 times and left voicemails, nobody calls back. can someone from your office please just call me today?", 'Rita Moreno 224 555 0108'],
    expect: { booking: null, handoff: true, replies: [{ includes: [SORRY] }] },
  },
  {
    id: 'complaint-12-clogged-again',
    category: 'complaint',
    goal: 'a drain cleaned days ago is clogged again: apology, ticket and the free return visit',
    turns: ['wow great job, the drain you "cleaned" on friday is completely clogged again. thanks a lot', 'Colin Burke 224-555-0109'],
    expect: { booking: null, ticket: true, replies: [{ includes: [SORRY] }, { includes: [/30 days|no charge|free|at no cost/i] }] },
  },
  {
    id: 'complaint-13-yelp-threat',
    category: 'complaint',
    goal: 'a customer threatening a 1-star review wants a call',
    turns: ['this is the worst service ive ever had. im leaving a 1 star review on yelp unless someone calls me back today. 224-555-0110, Meredith Gale'],
    expect: { booking: null, handoff: true, replies: [{ includes: [SORRY] }] },
  },
  {
    id: 'complaint-14-give-up-on-booking',
    category: 'complaint',
    goal: 'a customer abandons a booking and asks for a person',
    turns: ['i need a drain cleaning', 'ugh forget it, can i just talk to a person'],
    expect: { booking: null, handoff: true },
  },
  {
    id: 'complaint-15-agent-agent',
    category: 'complaint',
    goal: 'phone-menu style "agent", repeated louder',
    turns: ['agent', 'AGENT'],
    expect: { booking: null, handoff: true },
  },
  {
    id: 'complaint-16-double-charge',
    category: 'complaint',
    goal: 'a double charge on the card is a billing dispute: ticket',
    turns: ['i got charged twice on my card for the same visit', 'Mira Shah 224-555-0111. both charges were $175 on the 20th'],
    expect: { booking: null, ticket: true, replies: [{ includes: [SORRY] }] },
  },
  {
    id: 'complaint-17-scratched-floor',
    category: 'complaint',
    goal: 'a scratched hardwood floor from the install: apology and a ticket',
    turns: ['your guys scratched up our hardwood floors when they brought the new water heater in. not happy', 'Howard Lim, 224-555-0112'],
    expect: { booking: null, ticket: true, replies: [{ includes: [SORRY] }, { includes: [PERSON] }] },
  },
];
