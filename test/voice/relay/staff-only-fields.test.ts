// Staff-only input fields on the voice surface: the tools a call gives the realtime model (session.update,
// as the fake realtime server received it) carry none for a customer's call. Chat and MCP: test/staff-only-fields.test.ts.
import { describe, expect, it } from 'vitest';
import { staffOnlyFields } from '../../helpers';
import { dial, eventually, fakeEvents, scriptedSession } from './helpers';

describe('voice session tools', () => {
  it("show a customer's call no staff-only field", async () => {
    const s = await scriptedSession([]);
    const caller = await dial(s);
    const update = await eventually(async () => (await fakeEvents(s.scenario)).find((e) => e.event.type === 'session.update'));
    await caller.hangUp();
    const tools = (update.event as { session: { tools: { name: string; parameters: { properties?: Record<string, unknown> } }[] } }).session.tools;
    expect(tools.map((t) => t.name)).toEqual(expect.arrayContaining(['list_bookings', 'list_tickets', 'open_ticket']));
    const fields = await staffOnlyFields();
    expect(fields.length).toBeGreaterThan(0);
    const leaked = tools.flatMap((t) => fields.filter((f) => f.tool === t.name && f.field in (t.parameters.properties ?? {})).map((f) => `${f.tool}.${f.field}`));
    expect(leaked).toEqual([]);
    expect(JSON.stringify(tools)).not.toMatch(/Staff only/);
  });
});
