/**
 * Which language a customer writes in, per message: Spanish when its words say
 * so (accents, ¿¡, common words), else English; a message too short to tell
 * ("10am", "ok") keeps the language the conversation already had.
 */
export type Lang = 'en' | 'es';

const SPANISH_WORDS = new Set(
  'hola buenos buenas dias días tardes noches necesito quiero quisiera puede pueden podria podría usted ustedes gracias por favor sí si cita reservar reserva agendar mañana hoy lunes martes miércoles miercoles jueves viernes sábado sabado domingo semana próximo proximo que qué cuando cuándo cuanto cuánto cuesta precio horario tienen hay mi mis su el la los las una un del de para con sin pero también tambien calefacción calefaccion caldera fuga agua caliente tubería tuberia drenaje baño cocina luz enchufe técnico tecnico dirección direccion teléfono telefono nombre llamo soy vivo calle avenida ayuda urgente emergencia huele olor cancelar cambiar mover horas abren cierran está esta estoy tengo funciona'.split(' '),
);
// Words both languages use in chat ("ok", "no", "a") tell nothing, so they are in neither list.
const ENGLISH_WORDS = new Set(
  'hi hello hey the an my is are i need want would like can could you your please thanks thank book appointment schedule tomorrow today next what when how much price hours open fix repair broken leak heat furnace drain call me name phone address street cancel move change help yes is it at on for to of and if that this one its with from have has was were be will just get got'.split(' '),
);

/**
 * @example detectLanguage('necesito un plomero', 'en') // 'es'
 */
export function detectLanguage(text: string, previous: Lang): Lang {
  const t = text.toLowerCase();
  // "podemos seguir en espanol?", "can we do this in spanish": the language asked for, whatever the words around it.
  if (/\b(?:en|in) (?:espa[ñn]ol|spanish)\b|\b(?:habla[ns]?|hablar|speak|talk) (?:en )?(?:espa[ñn]ol|spanish)\b/.test(t)) return 'es';
  if (/\b(?:(?:continue|switch|back to|keep going|go on|do this|talk|speak) in english|(?:seguir|hablar|continuar|cambiar) (?:en|a|al) ingl[eé]s)\b/.test(t)) return 'en';
  if (/[¿¡ñ]/.test(t)) return 'es';
  const words = t.match(/[a-záéíóúüñ]+/g) ?? [];
  let es = 0;
  let en = 0;
  for (const w of words) {
    if (SPANISH_WORDS.has(w)) es++;
    if (ENGLISH_WORDS.has(w)) en++;
    if (/[áéíóú]/.test(w)) es++;
  }
  if (es === en) return previous;
  return es > en ? 'es' : 'en';
}
