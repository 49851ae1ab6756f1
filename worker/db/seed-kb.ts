/** Knowledge-base articles for the demo business. */
export const seedKbArticles: { id: number; slug: string; title: string; category: string; tags: string[]; body: string }[] = [
  {
    id: 1,
    slug: 'business-hours',
    title: 'Business hours',
    category: 'General',
    tags: ['hours', 'open', 'schedule'],
    body: 'Our office and technicians work Monday to Friday from 8:00 AM to 5:00 PM and Saturday from 9:00 AM to 1:00 PM (Central Time). We are closed on Sundays and major holidays.',
  },
];
