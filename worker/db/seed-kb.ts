/**
 * Knowledge-base articles for the demo business, Brightside Home Services
 * (HVAC, plumbing and electrical in the Chicago area). Prices match the
 * services in ./seed-data.ts; the phone number uses the fictional 555-01xx
 * range. Tags are extra search words (the FTS index reads them). The hours
 * the articles state are written from the calendar's seed rows, the same rows
 * availability reads (test/business-calendar.test.ts checks they agree).
 */
import { calendarArticleBodies } from '../domain/hours-articles.ts';
import { seedHolidays, seedOpeningHours } from './seed-data.ts';

/** The articles that state the hours, from the same rows availability reads (rewritten when an admin changes them). */
const CALENDAR_BODIES = calendarArticleBodies(seedOpeningHours, seedHolidays);

export const seedKbArticles: { id: number; slug: string; title: string; category: string; tags: string[]; body: string }[] = [
  {
    id: 1,
    slug: 'business-hours',
    title: "Business hours: when we're open",
    category: 'General',
    tags: ['hours', 'open', 'opening', 'schedule', 'saturday', 'weekend', 'closed', 'holidays'],
    body: CALENDAR_BODIES['business-hours'],
  },
  {
    id: 2,
    slug: 'pricing-and-service-call-fee',
    title: 'Pricing and the service-call (diagnostic) fee',
    category: 'Billing',
    tags: ['price', 'prices', 'cost', 'fee', 'diagnostic', 'trip', 'quote', 'estimate', 'flat-rate'],
    body:
      'We charge flat, up-front prices, never by the hour. Listed services include the trip and diagnosis: AC tune-up $129, furnace repair from $189 ' +
      '(parts quoted separately), duct cleaning $349, drain cleaning $149, leak repair $175, outlet and switch repair $119, lighting installation $220 ' +
      '(up to 4 fixtures), Level 2 EV charger installation $650, water heater installation $1,450, and a 200 A panel upgrade $1,800 with the permit included. ' +
      'For a problem that is not one of these services, our service-call (diagnostic) fee is $89; it is credited toward the repair if you go ahead. ' +
      'The technician always gives you the final price in writing before any work starts. Replacement estimates for furnaces, heat pumps and AC systems are free.',
  },
  {
    id: 3,
    slug: 'emergency-service',
    title: 'Emergency service: nights, Sundays and holidays',
    category: 'Policies',
    tags: ['emergency', 'urgent', 'after-hours', '24/7', 'night', 'weekend', 'burst', 'no-heat', 'surcharge'],
    body: CALENDAR_BODIES['emergency-service'],
  },
  {
    id: 4,
    slug: 'cancellation-and-rescheduling',
    title: 'Cancellation and rescheduling policy',
    category: 'Policies',
    tags: ['cancel', 'cancellation', 'reschedule', 'change', 'appointment', 'late', 'no-show', 'fee'],
    body:
      'You can cancel or reschedule an appointment free of charge up to 24 hours before its start time, through our online assistant, by phone or by email. ' +
      'Changes made less than 24 hours ahead carry a $50 late-change fee, and a missed appointment where nobody is home (a no-show) is charged our $89 service-call fee. ' +
      'We waive these fees for emergencies, severe weather and illness; just let us know. If we ever need to reschedule you, there is never a charge, ' +
      'and we will offer the next available slot with the same technician when possible. Have your booking number (BK-…) ready to make changes quickly.',
  },
  {
    id: 5,
    slug: 'service-areas',
    title: 'Service areas: Chicago and nearby suburbs',
    category: 'General',
    tags: ['area', 'areas', 'location', 'suburbs', 'chicago', 'coverage', 'travel', 'zip'],
    body:
      'We serve the whole City of Chicago and these suburbs: Evanston, Skokie, Wilmette, Lincolnwood, Niles, Park Ridge, Des Plaines, Oak Park, River Forest, ' +
      'Forest Park, Berwyn, Cicero, Elmwood Park, Elmhurst, Oak Lawn and Evergreen Park. There is no travel charge anywhere in this area. ' +
      'For addresses up to 10 miles beyond it, such as Schaumburg, Downers Grove or Orland Park, we add a $35 travel fee and can usually schedule within the week. ' +
      'We do not serve Northwest Indiana or Wisconsin. Not sure whether your address is covered? Give the assistant your ZIP code and we will check.',
  },
  {
    id: 6,
    slug: 'payment-methods',
    title: 'Payment methods and when payment is due',
    category: 'Billing',
    tags: ['payment', 'pay', 'card', 'credit', 'cash', 'check', 'invoice', 'deposit'],
    body:
      'Payment is due when the work is finished, before the technician leaves. We accept Visa, Mastercard, American Express and Discover, debit cards, ' +
      'Apple Pay and Google Pay, personal checks, cash, and ACH bank transfer for invoices. Installations over $1,000, such as water heaters, ' +
      'panel upgrades and new HVAC systems, need a 25% deposit when you approve the quote, with the balance due on completion. ' +
      'You receive an itemized receipt by email. Property managers and landlords can ask for net-30 invoicing after a short credit application. ' +
      'We never ask for payment by gift card or wire transfer; if someone does, it is not us.',
  },
  {
    id: 7,
    slug: 'warranty-and-guarantee',
    title: 'Warranty and satisfaction guarantee',
    category: 'Policies',
    tags: ['warranty', 'guarantee', 'satisfaction', 'callback', 'parts', 'labor', 'refund'],
    body:
      'Every repair comes with a one-year warranty on our labor, and parts carry the manufacturer’s warranty (often 5 to 10 years on equipment). ' +
      'New installations of water heaters, furnaces, AC systems, EV chargers and electrical panels get a two-year labor warranty. ' +
      'On top of that we offer a satisfaction guarantee: if the same problem comes back within 30 days of a repair, we return and fix it at no charge. ' +
      'To make a warranty claim, have your booking number ready and ask the assistant to open a ticket, or call the office. ' +
      'The warranty does not cover damage from misuse, other contractors’ work, or flooding and power surges.',
  },
  {
    id: 8,
    slug: 'financing',
    title: 'Financing and monthly payments',
    category: 'Billing',
    tags: ['financing', 'finance', 'loan', 'monthly', 'payments', 'credit', 'apr', 'installment'],
    body:
      'For projects over $1,000, such as a new water heater, an electrical panel upgrade or a complete HVAC replacement, we offer financing through a partner lender. ' +
      'Approved customers can choose 12 months at 0% APR when paid in full within the promotional period, or fixed monthly payments over 36 to 84 months. ' +
      'Applying takes about five minutes online or with your technician, uses a soft credit check that does not affect your score, and you get a decision right away. ' +
      'Financing covers equipment, labor and permits. Ask for a free replacement estimate and we will show you both the cash price and the monthly options.',
  },
  {
    id: 9,
    slug: 'licensing-and-insurance',
    title: 'Licensing, insurance and technician background checks',
    category: 'General',
    tags: ['license', 'licensed', 'insured', 'insurance', 'bonded', 'certified', 'background', 'epa'],
    body:
      'Brightside Home Services is a licensed plumbing contractor in the State of Illinois, a licensed electrical contractor with the City of Chicago, ' +
      'and our HVAC technicians hold EPA Section 608 certification for handling refrigerant. We carry $2 million in general liability insurance and workers’ ' +
      'compensation for every employee, and we can email a certificate of insurance to your building manager or condo association on request. ' +
      'All technicians are our own employees, never day laborers, and pass a background check and drug screening before they are hired. ' +
      'Each one wears a Brightside uniform and photo ID badge.',
  },
  {
    id: 10,
    slug: 'what-to-expect-at-your-visit',
    title: 'What to expect at your visit',
    category: 'General',
    tags: ['visit', 'appointment', 'arrival', 'window', 'technician', 'prepare', 'text'],
    body:
      'We confirm your appointment the day before and text you when the technician is on the way, with their name and photo. ' +
      'Appointments start within the booked time; if we are running more than 15 minutes late, we call you. ' +
      'The technician wears shoe covers, inspects the problem, explains what they found and gives you a written, flat price before starting any work. ' +
      'Please make sure an adult is home, the equipment is reachable (clear the area around the furnace, water heater or panel), and pets are secured. ' +
      'When the work is done, we test everything, clean up, and walk you through what we did.',
  },
  {
    id: 11,
    slug: 'ac-maintenance-tips',
    title: 'Air conditioning maintenance tips',
    category: 'HVAC',
    tags: ['ac', 'air-conditioning', 'cooling', 'filter', 'tune-up', 'condenser', 'maintenance', 'summer'],
    body:
      'A little care keeps your AC efficient and avoids mid-July breakdowns. Change or clean the air filter every one to three months, more often with pets. ' +
      'Keep two feet of clear space around the outdoor condenser and hose off cottonwood fluff and leaves, with the power off. ' +
      'Make sure supply vents and return grilles are open and unblocked. Pour a cup of diluted bleach into the condensate drain line each spring to prevent clogs. ' +
      'If the system blows warm air, check the thermostat setting and the breaker first. ' +
      'Book an AC tune-up ($129) each spring, before the first heat wave, when appointments are easiest to get.',
  },
  {
    id: 12,
    slug: 'furnace-troubleshooting',
    title: 'Furnace not heating? Troubleshooting steps',
    category: 'HVAC',
    tags: ['furnace', 'heat', 'heating', 'no-heat', 'cold', 'thermostat', 'pilot', 'winter'],
    body:
      'Before you call, try these checks. Make sure the thermostat is set to Heat and a few degrees above room temperature, and replace its batteries. ' +
      'Check that the furnace switch (it looks like a light switch near the unit) is on and the breaker has not tripped. ' +
      'A clogged filter can make the furnace shut itself off, so replace it. Make sure the furnace door panel is firmly closed, because a safety switch stops it otherwise. ' +
      'If the furnace still does not heat, book a furnace repair (from $189). ' +
      'If you smell gas or your carbon monoxide alarm sounds, leave the house and call 911.',
  },
  {
    id: 13,
    slug: 'frozen-pipes',
    title: 'Frozen pipes: prevention and what to do',
    category: 'Plumbing',
    tags: ['frozen', 'freeze', 'pipes', 'burst', 'winter', 'cold', 'thaw', 'water'],
    body:
      'Chicago cold snaps freeze pipes on outside walls, in crawl spaces and in garages. To prevent it, keep the heat at 55 °F or higher even when you travel, ' +
      'open cabinet doors under sinks on outside walls, let a faucet drip on the coldest nights, and shut off and drain outdoor hose bibs in the fall. ' +
      'If a faucet gives only a trickle, a pipe is probably frozen: keep the faucet open and warm the pipe gently with a hair dryer, never with an open flame. ' +
      'If a pipe has burst, shut off the main water valve right away and call us; a burst pipe is an emergency we handle around the clock.',
  },
  {
    id: 14,
    slug: 'water-heater-warning-signs',
    title: 'Signs your water heater needs repair or replacement',
    category: 'Plumbing',
    tags: ['water-heater', 'hot-water', 'tank', 'leak', 'rust', 'noise', 'replacement'],
    body:
      'Most tank water heaters last 8 to 12 years. Warning signs include water pooling around the base, rusty or discolored hot water, rumbling or popping noises ' +
      '(sediment build-up), hot water that runs out much faster than it used to, and a unit older than ten years. ' +
      'A leaking tank cannot be repaired and should be replaced before it fails completely. ' +
      'Our water heater installation ($1,450) covers removal and disposal of the old unit and a new 40 to 50 gallon tank, including code-required fittings. ' +
      'Flushing the tank once a year slows sediment build-up. If you have no hot water at all, check the pilot light or breaker first.',
  },
  {
    id: 15,
    slug: 'ev-charger-installation',
    title: 'EV charger installation (Level 2)',
    category: 'Electrical',
    tags: ['ev', 'electric-vehicle', 'charger', 'tesla', 'level-2', 'garage', 'car'],
    body:
      'A Level 2 charger adds about 25 to 35 miles of range per hour, compared with 3 to 5 miles from a regular outlet. ' +
      'Our EV charger installation ($650) includes a dedicated 240-volt circuit of up to 50 amps, mounting the charger you bought (Tesla, ChargePoint, Emporia and others), ' +
      'up to 25 feet of wiring from the panel, and testing with your car. ' +
      'It assumes your electrical panel has spare capacity; our electrician checks this first, and if it does not, a panel upgrade may be needed. ' +
      'Longer wire runs and detached garages are quoted on site. Ask about utility rebates, which can cover part of the cost.',
  },
  {
    id: 16,
    slug: 'panel-upgrades-and-permits',
    title: 'Electrical panel upgrades and permits',
    category: 'Electrical',
    tags: ['panel', 'breaker', 'upgrade', '200-amp', 'permit', 'inspection', 'fuse', 'electrical'],
    body:
      'Consider a panel upgrade if breakers trip often, you still have a fuse box or a 60 or 100 amp service, or you are adding an EV charger, heat pump or kitchen remodel. ' +
      'Our electrical panel upgrade to a 200 amp panel costs $1,800 and includes the permit. ' +
      'We pull the permit from the City of Chicago or your suburb, coordinate the power shut-off with ComEd, and schedule the inspection. ' +
      'The work usually takes one day, and your power is off for four to eight hours. ' +
      'Permits are required by law for panel work; an unpermitted panel can cause problems with insurance and when you sell your home.',
  },
  {
    id: 17,
    slug: 'how-to-book',
    title: 'How to book an appointment',
    category: 'General',
    tags: ['book', 'booking', 'schedule', 'appointment', 'availability', 'online', 'confirm'],
    body: CALENDAR_BODIES['how-to-book'],
  },
  {
    id: 18,
    slug: 'contact-and-escalation',
    title: 'Contact us and speak to a person',
    category: 'General',
    tags: ['contact', 'phone', 'email', 'human', 'manager', 'complaint', 'escalate', 'ticket'],
    body:
      'Call us at (312) 555-0142 during business hours or email help@brightside.example, which we answer within one business day. ' +
      'You can ask our online assistant for a person at any time; during business hours a team member joins the chat, and otherwise the assistant opens a ticket ' +
      'so we call you back the next business day. For a complaint, a billing dispute or a warranty claim, ask for a ticket: you get a ticket number (TK-…) ' +
      'and a service manager follows up within one business day. ' +
      'For emergencies outside business hours, use the emergency line announced on our phone menu.',
  },
  {
    id: 19,
    slug: 'gas-smell-and-carbon-monoxide',
    title: 'Gas smell or carbon monoxide alarm: safety first',
    category: 'Policies',
    tags: ['gas', 'smell', 'leak', 'carbon-monoxide', 'co', 'alarm', 'safety', 'emergency'],
    body:
      'If you smell gas (a rotten-egg odor) or hear a hissing gas line, do not switch lights or appliances on or off and do not use your phone indoors. ' +
      'Leave the building with everyone, then call 911 or your gas utility from outside. ' +
      'If your carbon monoxide alarm sounds, get everyone into fresh air and call 911, especially if anyone has a headache, dizziness or nausea. ' +
      'Once the utility or fire department has made the home safe, call us to find and repair the cause, for example a cracked heat exchanger or a blocked flue. ' +
      'We recommend a CO alarm on every floor and near bedrooms.',
  },
  // The same policies in Spanish (slugs end in -es), so Spanish-speaking customers get answers in their language.
  {
    id: 20,
    slug: 'business-hours-es',
    title: 'Horario de atención',
    category: 'General',
    tags: ['es', 'horario', 'horarios', 'abren', 'abiertos', 'cierran', 'sábado', 'domingo', 'feriados'],
    body: CALENDAR_BODIES['business-hours-es'],
  },
  {
    id: 21,
    slug: 'pricing-and-service-call-fee-es',
    title: 'Precios y cargo por visita de diagnóstico',
    category: 'Billing',
    tags: ['es', 'precio', 'precios', 'cuesta', 'costo', 'cobran', 'cargo', 'visita', 'diagnóstico', 'tarifa'],
    body:
      'Cobramos precios fijos por adelantado, nunca por hora; los servicios de la lista incluyen la visita y el diagnóstico: limpieza de drenaje $149, reparación de fugas $175, ' +
      'mantenimiento de aire acondicionado $129, reparación de calefacción desde $189, reparación de enchufes $119 e instalación de cargador para auto eléctrico $650. ' +
      'Para un problema que no está en la lista, el cargo por visita de diagnóstico es de $89, y se descuenta de la reparación si la hace con nosotros. ' +
      'El técnico siempre le da el precio final por escrito antes de empezar. Los presupuestos para reemplazar calefacción o aire acondicionado son gratis.',
  },
  {
    id: 22,
    slug: 'emergency-service-es',
    title: 'Emergencias: noches, domingos y feriados',
    category: 'Policies',
    tags: ['es', 'emergencia', 'urgente', 'guardia', 'noche', 'recargo', 'inundación', 'tubería', 'calefacción'],
    body:
      'Nuestro equipo de guardia atiende emergencias las 24 horas, todos los días: sin calefacción con temperaturas bajo cero, una tubería rota que no puede cerrar, ' +
      'aguas negras que se regresan, sin agua caliente en un hogar con bebés o personas mayores, y enchufes que sacan chispas. ' +
      'Fuera de horario se suma un recargo de $150 al precio normal; le decimos el total antes de enviar al técnico. ' +
      'Mientras llega, cierre la llave de paso del agua o corte el breaker del circuito afectado. ' +
      'Si huele a gas, no nos llame primero: salga de la casa y llame al 911 o a la compañía de gas desde afuera.',
  },
  {
    id: 23,
    slug: 'cancellation-and-rescheduling-es',
    title: 'Cancelaciones y cambios de cita',
    category: 'Policies',
    tags: ['es', 'cancelar', 'cancelación', 'cambiar', 'cita', 'reprogramar', 'cargo'],
    body:
      'Puede cancelar o cambiar su cita sin costo hasta 24 horas antes de la hora de inicio, con nuestro asistente en línea, por teléfono o por correo. ' +
      'Los cambios con menos de 24 horas de anticipación tienen un cargo de $50, y si nadie está en casa se cobra la visita de $89. ' +
      'No cobramos esos cargos en caso de emergencia, mal tiempo o enfermedad; solo avísenos. Tenga a mano su número de reserva (BK-…).',
  },
  {
    id: 24,
    slug: 'service-areas-es',
    title: 'Zonas de servicio',
    category: 'General',
    tags: ['es', 'zona', 'zonas', 'área', 'servicio', 'cubren', 'suburbios', 'llegan', 'vienen'],
    body:
      'Sí, atendemos toda la ciudad de Chicago y estos suburbios: Evanston, Skokie, Wilmette, Lincolnwood, Niles, Park Ridge, Des Plaines, Oak Park, River Forest, ' +
      'Forest Park, Berwyn, Cicero, Elmwood Park, Elmhurst, Oak Lawn y Evergreen Park, sin cargo por traslado. ' +
      'Para direcciones hasta 10 millas más allá, como Schaumburg, Downers Grove u Orland Park, sumamos un cargo de traslado de $35. ' +
      'No atendemos el noroeste de Indiana ni Wisconsin.',
  },
  {
    id: 25,
    slug: 'warranty-and-guarantee-es',
    title: 'Garantía y satisfacción',
    category: 'Policies',
    tags: ['es', 'garantía', 'garantia', 'cubre', 'reclamo', 'satisfacción'],
    body:
      'Cada reparación tiene un año de garantía en la mano de obra, y las piezas llevan la garantía del fabricante (a menudo de 5 a 10 años en equipos). ' +
      'Las instalaciones nuevas tienen dos años de garantía en la mano de obra. ' +
      'Si el mismo problema vuelve dentro de los 30 días de una reparación, regresamos y lo arreglamos sin costo. ' +
      'Para hacer un reclamo de garantía, tenga su número de reserva y pida al asistente que abra un caso.',
  },
  {
    id: 26,
    slug: 'licensing-and-insurance-es',
    title: 'Licencias, seguro y técnicos',
    category: 'General',
    tags: ['es', 'licencia', 'licencias', 'seguro', 'asegurados', 'certificados', 'técnicos'],
    body:
      'Brightside Home Services tiene licencia de plomería del Estado de Illinois y licencia de electricista de la Ciudad de Chicago, ' +
      'y nuestros técnicos de calefacción y aire acondicionado tienen la certificación EPA 608. ' +
      'Tenemos un seguro de responsabilidad civil de $2 millones y todos los técnicos son empleados nuestros, con verificación de antecedentes.',
  },
  {
    id: 27,
    slug: 'contact-and-escalation-es',
    title: 'Contacto y hablar con una persona',
    category: 'General',
    tags: ['es', 'contacto', 'teléfono', 'llamar', 'correo', 'persona', 'queja'],
    body:
      'Llámenos al (312) 555-0142 en horario de atención o escriba a help@brightside.example; respondemos en un día hábil. ' +
      'Puede pedirle al asistente una persona en cualquier momento: en horario de atención alguien del equipo se une a la conversación y, si no, el asistente abre un caso para que le llamemos.',
  },
  {
    id: 28,
    slug: 'payment-methods-es',
    title: 'Formas de pago y cuándo se paga',
    category: 'Billing',
    tags: ['es', 'pago', 'pagar', 'tarjeta', 'crédito', 'débito', 'efectivo', 'cheque', 'depósito', 'aceptan'],
    body:
      'El pago se hace al terminar el trabajo, antes de que el técnico se vaya. Aceptamos tarjetas de crédito Visa, Mastercard, American Express y Discover, tarjetas de débito, ' +
      'Apple Pay y Google Pay, cheques personales, efectivo y transferencia bancaria (ACH) para facturas. Las instalaciones de más de $1,000, como calentadores de agua, ' +
      'cambios de panel y sistemas nuevos de calefacción o aire, piden un depósito del 25% al aprobar la cotización y el resto al terminar. ' +
      'Recibe un recibo detallado por correo. Nunca pedimos pagos con tarjetas de regalo ni por giro; si alguien lo hace, no somos nosotros.',
  },
  {
    id: 29,
    slug: 'financing-es',
    title: 'Financiamiento y pagos mensuales',
    category: 'Billing',
    tags: ['es', 'financiamiento', 'financiar', 'pagos', 'mensuales', 'plazos', 'crédito', 'préstamo'],
    body:
      'Para trabajos de más de $1,000, como un calentador de agua nuevo, un cambio de panel eléctrico o un sistema de calefacción y aire completo, ofrecemos financiamiento con un prestamista asociado. ' +
      'Si lo aprueban, puede elegir 12 meses al 0% de interés si paga todo dentro del periodo promocional, o pagos mensuales fijos de 36 a 84 meses. ' +
      'La solicitud toma unos cinco minutos en línea o con su técnico, usa una consulta de crédito que no afecta su puntaje y la respuesta es inmediata. ' +
      'El financiamiento cubre equipo, mano de obra y permisos. Pida un presupuesto gratis de reemplazo y le mostramos el precio de contado y las opciones mensuales.',
  },
];
