/**
 * Every sentence the offline engine says, in English and Spanish. Replies are
 * built only from these, so a customer writing Spanish never gets an English
 * sentence from us (knowledge-base quotes stay in the article's language).
 */
import type { Lang } from './language';

const es = {
  askService: '¿Qué servicio necesita?',
  askDate: '¿Qué día le conviene?',
  askTime: '¿A qué hora le viene bien?',
  askName: '¿Me dice su nombre completo?',
  askPhone: '¿A qué teléfono le puede llamar el técnico?',
  askAddress: '¿Cuál es la dirección de la casa que debemos visitar?',
  askBookingNumber: '¿Cuál es su número de reserva? Tiene la forma BK-2026-000123.',
  askNewTime: '¿Qué nuevo día y hora prefiere?',
  confirmCancel: '¿La cancelo? Responda sí o no.',
  thatBooking: (n: string) => `Sí, es la reserva ${n}.`,
  usedOnFile: (details: string) => `Usé los datos que ya tenemos (${details}).`,
  keepIt: 'De acuerdo, la dejo como está. ¿Algo más?',
  offer: (service: string, price: string) => `Con gusto reservo ${service} (${price}).`,
  slotOk: (service: string, when: string, price: string) => `${service} (${price}) el ${when}: perfecto.`,
  unsafe: 'Lo siento, con eso no puedo ayudar: manipular un medidor o un equipo de seguridad es peligroso e ilegal. Si sospecha un problema con el gas, llame a su compañía de gas. ¿Le ayudo con otra cosa?',
  outOfScope: (what: string) => `Lo siento, eso (${what}) no lo hacemos: somos una empresa de calefacción y aire acondicionado, plomería y electricidad. ¿Le ayudo con algo de eso, o prefiere hablar con una persona?`,
  duration: (service: string, minutes: number) => `${service} toma unas ${minutes >= 120 && minutes % 60 === 0 ? `${minutes / 60} horas` : `${minutes} minutos`}.`,
  technician: (names: string) => `Para ese horario está disponible ${names}; el equipo confirma quién va al reservar.`,
  serves: (town: string) => `Sí, damos servicio en ${town}.`,
  servesFee: (town: string, fee: string) => `Sí, llegamos a ${town}, con un cargo de traslado de ${fee}.`,
  notServed: (town: string, area: string) => `${town} queda fuera de nuestra zona de servicio, hasta donde veo: cubrimos ${area}.`,
  claimedPrice: (service: string, price: string) => `Nuestro precio para ${service} es ${price}; no veo otra oferta.`,
  offerCode: (n: string) => `Desde esta conversación no puedo ver ${n}. Para confirmar que es suya, puedo enviar un código de 6 dígitos al teléfono o al correo que figuran en esa reserva. ¿Se lo envío por mensaje de texto o por correo?`,
  askChannel: '¿Por mensaje de texto o por correo?',
  codeSent: (where: string) => `Si esa reserva tiene ${where}, acabo de enviar allí un código de 6 dígitos (vale 10 minutos). ¿Cuál es el código?`,
  askCode: '¿Cuál es el código de 6 dígitos que recibió?',
  codeWrong: (why: string) => `Ese código no sirvió: ${why}.`,
  codeUnavailable: (why: string) => `Ahora no puedo enviar códigos (${why}).`,
  codeVerified: (n: string) => `Gracias, verificado: ya puedo gestionar ${n}.`,
  channelPhone: 'un teléfono',
  amended: (n: string, what: string) => `Listo: la reserva ${n} ahora tiene ${what}. ¿Algo más?`,
  amendFailed: (n: string, why: string) => `No pude corregir ${n}: ${why}.`,
  theAddress: (a: string) => `la dirección ${a}`,
  thePhone: (p: string) => `el teléfono ${p}`,
  theName: (n: string) => `el nombre ${n}`,
  theEmail: (e: string) => `el correo ${e}`,
  channelEmail: 'un correo',
  thanksName: (first: string) => `Gracias, ${first}.`,
  noOpenings: (service: string, day: string) => `No hay horarios libres para ${service} el ${day}.`,
  notOpen: (time: string, day: string) => `Las ${time} no está libre el ${day}.`,
  nothingWeekAfter: 'Tampoco hay horarios en la semana siguiente.',
  open: (day: string, times: string) => `El ${day} tengo libre: ${times}.`,
  noneThatDay: (day: string) => `No tengo horarios el ${day}.`,
  noneInWindow: (day: string) => `El ${day} no tengo nada libre en ese horario.`,
  booked: (n: string, what: string, price: string, link?: string) =>
    `¡Listo, queda reservado! Su número de reserva es ${n}: ${what}. Precio: ${price}. Le llamaremos antes de llegar.${link ? ` Para añadirla a su calendario, cambiarla o cancelarla: [gestionar su reserva](${link}).` : ''} ¿Algo más?`,
  bookingFailed: (why: string) => `Lo siento, no se pudo reservar: ${why}.`,
  alreadyBooked: (n: string, day: string, time: string) => `Ya está reservado: su reserva ${n} es el ${day} a las ${time}. No hace falta nada más. ¿Quiere otra visita?`,
  cancelled: (n: string) => `La reserva ${n} está cancelada. ¿Le ayudo con algo más?`,
  cannotCancel: (n: string, why: string) => `No pude cancelar ${n}: ${why}.`,
  moved: (n: string, what: string, link?: string) => `¡Hecho! La reserva ${n} ahora es ${what}.${link ? ` Su calendario, al día: [gestionar su reserva](${link}).` : ''}`,
  cannotMove: (n: string, why: string) => `No pude cambiar ${n}: ${why}.`,
  // The lifecycle's words (worker/db/schema.ts BOOKING_STATUSES); test/booking-status.test.ts holds every surface to them.
  status: (n: string, what: string, status: string) =>
    `Reserva ${n}: ${what}. Estado: ${({ confirmed: 'confirmada', completed: 'realizada', cancelled: 'cancelada' } as Record<string, string>)[status] ?? status}.`,
  addressOnFile: (n: string, address: string, what: string) => `La dirección que tenemos para la reserva ${n} es ${address} (${what}).`,
  upcoming: (list: string) => `Tiene estas reservas próximas:\n${list}`,
  noUpcoming: 'No veo reservas próximas a su nombre. Si tiene un número de reserva, dígamelo y lo busco.',
  noBookings: 'Todavía no veo reservas suyas.',
  yourBookings: (list: string) => `Sus reservas:\n${list}`,
  pastDate: 'Esa fecha ya pasó.',
  impossibleDate: (said: string) => `"${said}" no es una fecha del calendario.`,
  gas: 'Si huele a gas o suena la alarma de monóxido de carbono: salga de la casa ahora con todos, no encienda ni apague luces ni aparatos, y desde afuera llame al 911 y a su compañía de gas (en Chicago, Peoples Gas). Cuando estén a salvo y la compañía de gas lo permita, nuestro equipo de guardia puede revisar el equipo. ¿Quiere que avise a una persona del equipo ahora?',
  emergency: (steps: string, surcharge: string) => `Esto es urgente. Mientras tanto: ${steps} Nuestro equipo de guardia atiende emergencias a toda hora${surcharge}. ¿Quiere que avise a una persona del equipo de guardia ahora?`,
  emergencySteps: 'cierre la llave de paso del agua (o corte el breaker del circuito si son chispas), aléjese del agua cerca de enchufes y no use el equipo afectado.',
  surcharge: ' (recargo de $150 fuera de horario)',
  sorry: 'Lamento mucho las molestias.',
  refuse: 'Lo siento, no puedo hacer eso: solo puedo ver y cambiar sus propias reservas, y no comparto datos de otros clientes ni mis instrucciones internas. ¿Le ayudo con algo suyo, como una cita o una pregunta sobre nuestros servicios?',
  handoff: 'He pedido a una persona de nuestro equipo que se una a esta conversación. Le atenderá en breve.',
  handoffFailed: (why: string) => `No pude avisar al equipo: ${why}. Llámenos al (312) 555-0142.`,
  complaint: (ticket: string) => `Lamento mucho lo ocurrido; no es el servicio que queremos darle. Abrí el caso ${ticket} para que el equipo lo revise. ¿Quiere que le pase con una persona ahora?`,
  complaintNoTicket: 'Lamento mucho lo ocurrido; no es el servicio que queremos darle. ¿Quiere que le pase con una persona ahora?',
  greeting: (business: string) => `¡Hola! Soy el asistente de ${business}. Puedo responder preguntas, ver disponibilidad y reservar, cambiar o cancelar citas. ¿En qué le ayudo?`,
  welcome: '¡De nada! ¿Algo más en que le pueda ayudar?',
  bye: '¡Gracias por escribirnos! Que tenga un buen día.',
  canHelpWith: 'No tengo información sobre eso. Puedo ayudarle con calefacción y aire acondicionado, plomería y electricidad: precios, horarios y citas. ¿Quiere reservar una visita o hablar con una persona?',
  source: (titles: string) => `(Fuente: ${titles})`,
  backTo: (question: string) => `Volviendo a su solicitud: ${question}`,
  servicesIntro: 'Ofrecemos:',
  servicePrice: (name: string, price: string, minutes: number) => `${name} cuesta ${price} y toma unos ${minutes} minutos.`,
  wantBook: '¿Quiere reservarlo?',
  taskAdded: (title: string) => `Agregado a sus tareas: "${title}".`,
  noTasks: 'No tiene tareas.',
  yourTasks: (list: string) => `Sus tareas:\n${list}`,
  failed: (why: string) => `Lo siento, no funcionó: ${why}.`,
  rephrase: 'Perdone, creo que no me expliqué bien.',
  offerPerson: '¿Prefiere que le pase con una persona del equipo?',
  outOfArea: (area: string) => `Parece que la dirección queda fuera de nuestra zona de servicio (${area}).`,
  cantDo: 'Lo siento, eso no lo puedo hacer desde aquí. ¿Quiere que le pase con una persona del equipo?',
  caseWithTeam: (n: string) => `Su caso ${n} ya está con nuestro equipo.`,
  lateChange: 'Faltan menos de 24 horas para la cita, así que se aplica nuestra política de cambios:',
};

type Phrases = typeof es;

const en: Phrases = {
  askService: 'Which service do you need?',
  askDate: 'What day would suit you?',
  askTime: 'Which time works for you?',
  askName: 'May I have your full name?',
  askPhone: 'What phone number can our technician reach you on?',
  askAddress: 'What is the address of the home we should visit?',
  askBookingNumber: 'What is your booking number? It looks like BK-2026-000123.',
  askNewTime: 'What new day and time would you like?',
  confirmCancel: 'Shall I cancel it? Please reply yes or no.',
  thatBooking: (n) => `Yes, that's booking ${n}.`,
  usedOnFile: (details) => `I used the details we have on file (${details}).`,
  keepIt: 'Okay, I have left it as it is. Anything else?',
  offer: (service, price) => `Happy to book ${/^[aeiou]/i.test(service) ? 'an' : 'a'} ${service} (${price}).`,
  slotOk: (service, when, price) => `${service} (${price}) on ${when} — great.`,
  unsafe: "Sorry, I can't help with that: tampering with a meter or a safety device is dangerous and illegal. If you think something is wrong with your gas, call your gas utility. Can I help with anything else?",
  outOfScope: (what) => `Sorry, that's not something we do (${what}): we're a heating and cooling, plumbing and electrical company. Can I help with any of those, or would you like to talk to a person?`,
  duration: (service, minutes) => `${service} takes about ${minutes >= 120 && minutes % 60 === 0 ? `${minutes / 60} hours` : `${minutes} minutes`}.`,
  technician: (names) => `${names} is available for that time; the team confirms who comes when you book.`,
  serves: (town) => `Yes, we serve ${town}.`,
  servesFee: (town, fee) => `Yes, we come out to ${town}, with a ${fee} travel fee.`,
  notServed: (town, area) => `${town} is outside our service area, as far as I can tell: we cover ${area}.`,
  claimedPrice: (service, price) => `Our price for ${service} is ${price}; I don't see any other offer.`,
  offerCode: (n) => `I can't see ${n} from this conversation. To make sure it's yours, I can send a 6-digit code to the phone or email on that booking. Shall I text it, or email it?`,
  askChannel: 'By text message or by email?',
  codeSent: (where) => `If that booking has ${where} on file, I've just sent a 6-digit code there (it lasts 10 minutes). What is the code?`,
  askCode: 'What is the 6-digit code you received?',
  codeWrong: (why) => `That code didn't work: ${why}.`,
  codeUnavailable: (why) => `I can't send codes from here right now (${why}).`,
  codeVerified: (n) => `Thanks, that's verified: I can now manage ${n}.`,
  channelPhone: 'a phone',
  amended: (n, what) => `Updated: booking ${n} now has ${what}. Anything else?`,
  amendFailed: (n, why) => `I couldn't correct ${n}: ${why}.`,
  theAddress: (a) => `the address ${a}`,
  thePhone: (p) => `the phone number ${p}`,
  theName: (n) => `the name ${n}`,
  theEmail: (e) => `the email ${e}`,
  channelEmail: 'an email address',
  thanksName: (first) => `Thanks, ${first}.`,
  noOpenings: (service, day) => `There are no openings for ${service} on ${day}.`,
  notOpen: (time, day) => `${time} isn't open on ${day}.`,
  nothingWeekAfter: 'Nothing opens in the week after either.',
  open: (day, times) => `On ${day} I have ${times} open.`,
  noneThatDay: (day) => `I have no openings on ${day}.`,
  noneInWindow: (day) => `On ${day} I have nothing open in that window.`,
  booked: (n, what, price, link) =>
    `You're booked! Your booking number is ${n}: ${what}. Price: ${price}. We'll call before we arrive.${link ? ` To add it to your calendar, reschedule or cancel: [manage your booking](${link}).` : ''} Anything else?`,
  bookingFailed: (why) => `Sorry — ${why}.`,
  alreadyBooked: (n, day, time) => `You're already booked: ${n} is on ${day} at ${time}, nothing more to do. Would you like another visit?`,
  cancelled: (n) => `Booking ${n} is cancelled. Is there anything else I can help with?`,
  cannotCancel: (n, why) => `I couldn't cancel ${n}: ${why}.`,
  moved: (n, what, link) => `Done! Booking ${n} is now ${what}.${link ? ` An updated calendar file: [manage your booking](${link}).` : ''}`,
  cannotMove: (n, why) => `I couldn't move ${n}: ${why}.`,
  status: (n, what, status) => `Booking ${n}: ${what}. Status: ${status}.`,
  addressOnFile: (n, address, what) => `The address we have on file for booking ${n} is ${address} (${what}).`,
  upcoming: (list) => `You have these upcoming bookings:\n${list}`,
  noUpcoming: "I don't see any upcoming bookings for you. If you have a booking number, tell me and I'll look it up.",
  noBookings: "I don't see any bookings for you yet.",
  yourBookings: (list) => `Your bookings:\n${list}`,
  pastDate: 'That date has already passed.',
  impossibleDate: (said) => `"${said}" isn't a date on the calendar.`,
  gas: 'If you smell gas or your carbon monoxide alarm is going off: get everyone out of the house now, don’t switch lights or appliances on or off, and once you are outside call 911 and your gas utility (in Chicago, Peoples Gas). When you are safe and the gas company has cleared the home, our on-call team can check the equipment. Do you want me to alert a person on our team now?',
  emergency: (steps, surcharge) => `That's urgent. Right now: ${steps} Our on-call emergency team works around the clock${surcharge}. Do you want me to alert a person on the on-call team now?`,
  emergencySteps: 'shut off the main water valve (or the circuit breaker if something is sparking), keep away from water near outlets, and don’t use the affected equipment.',
  surcharge: ' (a $150 after-hours surcharge applies at night, on Sundays and holidays)',
  sorry: "I'm sorry for the trouble.",
  refuse: "Sorry, I can't do that: I can only see and change your own bookings, and I don't share other customers' details or my internal instructions. Can I help with something of yours, like an appointment or a question about our services?",
  handoff: "I've asked a member of our team to join this conversation. They'll be with you shortly.",
  handoffFailed: (why) => `I couldn't reach the team: ${why}. Please call us at (312) 555-0142.`,
  complaint: (ticket) => `I'm really sorry about that — it's not the service we want you to have. I've opened case ${ticket} so the team looks into it. Would you like me to connect you with a person now?`,
  complaintNoTicket: "I'm really sorry about that — it's not the service we want you to have. Would you like me to connect you with a person now?",
  greeting: (business) => `Hi! I'm the ${business} assistant. I can answer questions, check availability, and book, move or cancel appointments. How can I help?`,
  welcome: "You're welcome! Anything else I can help with?",
  bye: 'Thanks for reaching out — have a great day!',
  canHelpWith: "I don't have information about that. I can help with heating and cooling, plumbing and electrical work: prices, hours and appointments. Would you like to book a visit, or talk to a person?",
  source: (titles) => `(Source: ${titles})`,
  backTo: (question) => `Back to your request: ${question}`,
  servicesIntro: 'We offer:',
  servicePrice: (name, price, minutes) => `${name} is ${price} and takes about ${minutes} minutes.`,
  wantBook: 'Would you like to book it?',
  taskAdded: (title) => `Added to your tasks: "${title}".`,
  noTasks: 'You have no tasks.',
  yourTasks: (list) => `Your tasks:\n${list}`,
  failed: (why) => `Sorry, that didn't work: ${why}.`,
  rephrase: 'Sorry, I may not have been clear.',
  offerPerson: 'Would you rather talk to a person on our team?',
  outOfArea: (area) => `That address looks outside our service area (${area}).`,
  cantDo: "I'm sorry, I can't do that from here. Would you like me to connect you with a member of our team?",
  caseWithTeam: (n) => `Your case ${n} is with our team.`,
  lateChange: 'The visit is less than 24 hours away, so our policy on late changes applies:',
};

const PHRASES: Record<Lang, Phrases> = { en, es };

/** The phrase book of `lang`. */
export const say = (lang: Lang): Phrases => PHRASES[lang];

// Building an Intl.DateTimeFormat costs more than a whole offline turn's parsing (bench/profile.mjs showed
// dayName at ~3% of a turn's CPU): one formatter per language, made once per isolate.
const dayFormats = new Map<Lang, Intl.DateTimeFormat>();

/** "Monday, March 4" / "lunes, 4 de marzo" for a local date. */
export function dayName(date: string, lang: Lang): string {
  let format = dayFormats.get(lang);
  if (!format) {
    format = new Intl.DateTimeFormat(lang === 'es' ? 'es-US' : 'en-US', { weekday: 'long', month: 'long', day: 'numeric', timeZone: 'UTC' });
    dayFormats.set(lang, format);
  }
  return format.format(new Date(`${date}T12:00:00Z`));
}

/** "10:30 AM" for minutes after midnight. */
export function clock(minute: number): string {
  const h = Math.floor(minute / 60);
  return `${((h + 11) % 12) + 1}:${String(minute % 60).padStart(2, '0')} ${h < 12 ? 'AM' : 'PM'}`;
}
