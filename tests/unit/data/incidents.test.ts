import { describe, expect, it } from 'vitest';
import { DAY_MS, DEADLINE_HOURS, HOUR_MS, INCIDENT_CATEGORIES, TZ_OFFSET_MS } from '../../../data/demo-town/config';
import type { Incident } from '../../../data/demo-town/types';
import { town } from './town-fixture';

const t = town();
const incidents = t.copies[0]!.incidents;
const STAGES = ['reportedAt', 'acceptedAt', 'dispatchedAt', 'handledAt', 'verifiedAt', 'closedAt'] as const;
const local = (ms: number) => new Date(ms + TZ_OFFSET_MS);

describe('demo town incidents', () => {
  it('has about 40,000 incidents over the 12 months before now, in every category', () => {
    expect(incidents.length).toBeGreaterThan(39000);
    expect(incidents.length).toBeLessThan(41000);
    expect(incidents.every((i) => i.reportedAt < t.now && i.reportedAt >= t.now - 365 * DAY_MS)).toBe(true);
    expect(new Set(incidents.map((i) => i.category))).toEqual(new Set(INCIDENT_CATEGORIES));
  });

  it('orders lifecycle timestamps and fills them up to the status', () => {
    const bad: string[] = [];
    for (const i of incidents) {
      const times = STAGES.map((s) => i[s]);
      const reached = times.filter((v) => v !== null) as number[];
      const prefix = times.slice(0, reached.length).every((v) => v !== null);
      const ordered = reached.every((v, k) => k === 0 || reached[k - 1]! <= v);
      const expectedStatus = i.rejectedAt !== null ? 'rejected' : ['reported', 'accepted', 'dispatched', 'handled', 'verified', 'closed'][reached.length - 1];
      const rejectOk = i.rejectedAt === null || (reached.length === 1 && i.rejectedAt >= i.reportedAt);
      const allPast = [...reached, i.rejectedAt ?? 0, i.updatedAt].every((v) => v <= t.now);
      if (!prefix || !ordered || i.status !== expectedStatus || !rejectOk || !allPast) bad.push(i.externalId);
    }
    expect(bad).toEqual([]);
  });

  it('sets the deadline from dispatch by category (doubled after an extension)', () => {
    const bad = incidents.filter((i) => {
      if (i.dispatchedAt === null) return i.deadlineAt !== null;
      const hours = DEADLINE_HOURS[i.category] * (i.events.some((e) => e.event === 'extend') ? 2 : 1);
      return i.deadlineAt !== i.dispatchedAt + hours * HOUR_MS;
    });
    expect(bad.map((i) => i.externalId)).toEqual([]);
  });

  it('logs events in time order that match the stages', () => {
    const stageEvent: Record<string, keyof Incident> = {
      report: 'reportedAt',
      accept: 'acceptedAt',
      dispatch: 'dispatchedAt',
      verify: 'verifiedAt',
      close: 'closedAt',
      reject: 'rejectedAt',
    };
    const bad = incidents.filter((i) => {
      const ordered = i.events.every((e, k) => k === 0 || i.events[k - 1]!.at <= e.at);
      const stagesMatch = i.events.every((e) => !(e.event in stageEvent) || i[stageEvent[e.event]!] === e.at);
      const lastHandle = i.events.filter((e) => e.event === 'handle').at(-1);
      const handleMatch = i.handledAt === null || lastHandle?.at === i.handledAt;
      return !ordered || !stagesMatch || !handleMatch || i.events[0]!.event !== 'report';
    });
    expect(bad.map((i) => i.externalId)).toEqual([]);
    const kinds = new Set(incidents.flatMap((i) => i.events.map((e) => e.event)));
    expect(kinds).toEqual(new Set(['report', 'accept', 'reject', 'dispatch', 'handle', 'verify', 'close', 'return', 'escalate', 'extend']));
  });

  it('closes most on time, some late, and leaves some open past their deadline and some recent ones open', () => {
    const closed = incidents.filter((i) => i.status === 'closed');
    const late = closed.filter((i) => i.closedAt! > i.deadlineAt!).length / closed.length;
    expect(late).toBeGreaterThan(0.05);
    expect(late).toBeLessThan(0.15);
    const openOverdue = incidents.filter((i) => !['closed', 'rejected'].includes(i.status) && i.deadlineAt !== null && i.deadlineAt < t.now);
    expect(openOverdue.length).toBeGreaterThan(100);
    const recent = incidents.filter((i) => i.reportedAt > t.now - DAY_MS);
    const recentOpen = recent.filter((i) => !['closed', 'rejected'].includes(i.status));
    expect(recentOpen.length / recent.length).toBeGreaterThan(0.3);
    expect(new Set(recentOpen.map((i) => i.status))).toEqual(new Set(['reported', 'accepted', 'dispatched', 'handled', 'verified']));
  });

  it('peaks in summer, dips at weekends and happens mostly in daytime', () => {
    const month = (m: number) => incidents.filter((i) => local(i.reportedAt).getUTCMonth() === m).length;
    expect(month(6)).toBeGreaterThan(month(0) * 1.4);
    const perDay = (weekend: boolean) => {
      const days = new Map<number, number>();
      for (const i of incidents) {
        const d = local(i.reportedAt);
        if ([0, 6].includes(d.getUTCDay()) === weekend)
          days.set(Math.floor((i.reportedAt + TZ_OFFSET_MS) / DAY_MS), (days.get(Math.floor((i.reportedAt + TZ_OFFSET_MS) / DAY_MS)) ?? 0) + 1);
      }
      return [...days.values()].reduce((a, b) => a + b, 0) / days.size;
    };
    expect(perDay(true)).toBeLessThan(perDay(false) * 0.9);
    const daytime = incidents.filter((i) => {
      const h = local(i.reportedAt).getUTCHours();
      return h >= 8 && h < 18;
    }).length;
    expect(daytime / incidents.length).toBeGreaterThan(0.6);
  });
});
