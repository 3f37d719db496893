// The 数字城管 lifecycle of one incident: which stages it has reached by "now", with timestamps in
// order and the event log that produced them.

import { DEADLINE_HOURS, HOUR_MS, MINUTE_MS, type IncidentCategory, type IncidentStatus, type Priority } from './config';
import type { Rng } from './prng';
import type { IncidentEvent } from './types';

const HANDLERS: Record<IncidentCategory, string> = {
  environment: '环卫所',
  facility: '市政设施管理所',
  safety_hazard: '安全生产监管办',
  dispute: '司法所',
  traffic: '交警中队',
  illegal_construction: '城管中队',
  public_service: '便民服务中心',
  emergency: '应急管理站',
};

export type Lifecycle = {
  status: IncidentStatus;
  acceptedAt: number | null;
  rejectedAt: number | null;
  dispatchedAt: number | null;
  deadlineAt: number | null;
  handledAt: number | null;
  verifiedAt: number | null;
  closedAt: number | null;
  updatedAt: number;
  events: IncidentEvent[];
};

/** Minutes drawn from a log-normal around a median, capped. */
function minutes(rng: Rng, median: number, sigma: number, cap: number): number {
  return Math.min(cap, median * Math.exp(sigma * rng.normal())) * MINUTE_MS;
}

export function simulateLifecycle(rng: Rng, category: IncidentCategory, priority: Priority, reporter: string, reportedAt: number, now: number): Lifecycle {
  const lc = runLifecycle(rng, category, priority, reporter, reportedAt, now);
  // An extension can fall between a rework's handle/return pair; keep the log in time order.
  lc.events.sort((a, b) => a.at - b.at);
  lc.updatedAt = lc.events[lc.events.length - 1]!.at;
  return lc;
}

function runLifecycle(rng: Rng, category: IncidentCategory, priority: Priority, reporter: string, reportedAt: number, now: number): Lifecycle {
  const events: IncidentEvent[] = [{ event: 'report', actor: reporter, note: null, at: reportedAt }];
  const lc: Lifecycle = {
    status: 'reported',
    acceptedAt: null,
    rejectedAt: null,
    dispatchedAt: null,
    deadlineAt: null,
    handledAt: null,
    verifiedAt: null,
    closedAt: null,
    updatedAt: reportedAt,
    events,
  };
  const reached = (at: number) => at <= now;
  const log = (event: IncidentEvent['event'], actor: string, at: number, note: string | null = null) => {
    events.push({ event, actor, note, at });
    lc.updatedAt = at;
  };

  if (rng.chance(0.04)) {
    const at = reportedAt + minutes(rng, 30, 0.8, 240);
    if (reached(at)) {
      lc.status = 'rejected';
      lc.rejectedAt = at;
      log('reject', '指挥中心', at, rng.pick(['不属于受理范围', '重复上报', '信息不实']));
    }
    return lc;
  }
  // The freshest reports still wait in the queue for review or dispatch.
  const fresh = now - reportedAt < 2 * 24 * HOUR_MS;
  if (fresh && rng.chance(0.1)) return lc;
  const urgent = priority === 'urgent' || category === 'emergency';
  const acceptedAt = reportedAt + minutes(rng, urgent ? 5 : 20, 0.7, 240);
  if (!reached(acceptedAt)) return lc;
  lc.status = 'accepted';
  lc.acceptedAt = acceptedAt;
  log('accept', '指挥中心', acceptedAt);

  const dispatchedAt = acceptedAt + minutes(rng, urgent ? 5 : 25, 0.7, 300);
  if (priority === 'urgent' && rng.chance(0.3)) {
    const at = acceptedAt + (dispatchedAt - acceptedAt) / 2;
    if (reached(at)) log('escalate', '指挥中心', at, '升级至县级指挥中心');
  }
  if (!reached(dispatchedAt) || (fresh && rng.chance(0.1))) return lc;
  const limit = DEADLINE_HOURS[category] * HOUR_MS;
  lc.status = 'dispatched';
  lc.dispatchedAt = dispatchedAt;
  lc.deadlineAt = dispatchedAt + limit;
  const handler = HANDLERS[category];
  log('dispatch', '指挥中心', dispatchedAt, `派遣至${handler}`);

  // Some cases stall: recent ones more often, so the overdue backlog is mostly fresh.
  const ageDays = (now - reportedAt) / (24 * HOUR_MS);
  if (rng.chance(ageDays < 60 ? 0.06 : 0.005)) return lc;

  const extended = rng.chance(0.03);
  const late = !extended && rng.chance(0.1);
  const total = limit * (late ? rng.range(1.05, 2.5) : extended ? rng.range(1.1, 1.9) : rng.range(0.15, 0.95));
  if (extended) {
    const at = dispatchedAt + limit * 0.8;
    if (reached(at)) {
      lc.deadlineAt = dispatchedAt + 2 * limit;
      log('extend', handler, at, '申请延期');
    }
  }
  const reworked = rng.chance(0.05);
  if (reworked) {
    const first = dispatchedAt + total * 0.45;
    const back = dispatchedAt + total * 0.55;
    if (reached(first)) log('handle', handler, first);
    if (reached(back)) log('return', '网格员', back, '核查未通过，退回重办');
  }
  const handledAt = dispatchedAt + total * 0.75;
  if (!reached(handledAt)) return lc;
  lc.status = 'handled';
  lc.handledAt = handledAt;
  log('handle', handler, handledAt);
  const verifiedAt = dispatchedAt + total * 0.9;
  if (!reached(verifiedAt)) return lc;
  lc.status = 'verified';
  lc.verifiedAt = verifiedAt;
  log('verify', '网格员', verifiedAt);
  const closedAt = dispatchedAt + total;
  if (!reached(closedAt)) return lc;
  lc.status = 'closed';
  lc.closedAt = closedAt;
  log('close', '指挥中心', closedAt);
  return lc;
}
