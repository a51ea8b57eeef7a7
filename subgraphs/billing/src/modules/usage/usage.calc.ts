import { amsterdamDate } from '@kantoor/platform';
import { eachDay } from '../billing-period/billing-period.calc.js';

/**
 * The usage history of an office, derived from the tenancy events billing has stored
 * (one `UsageFact` per event). Pure: no I/O, no clock.
 *
 * Every fact is applied in the order of its `occurredAt` (the moment the change happened in
 * tenancy), never in the order it arrived: an event that arrives late or twice changes
 * nothing that a timely, single delivery would not have produced.
 *
 * Days are calendar days in the Netherlands. An item counts on a day when it existed in a
 * billable form at any moment of that day (so an archived item stops counting the day
 * after it was archived, as billing.md says); when its form changed that day (e.g. other
 * client modules), the last billable form of the day counts. An office counts a day unless
 * it was suspended for the whole of it: a suspended office is billed for the days before
 * its suspension, including the day it was suspended.
 */

/** What an item is billed as (before graduated tiers are applied to INTERNAL). */
export type UsageCode =
  | 'DASHBOARD_USER'
  | 'INTERNAL'
  | 'CLIENT_LOGIN_INVOICING'
  | 'CLIENT_LOGIN_LEDGER'
  | 'CLIENT_LOGIN_LEDGER_INVOICING'
  | 'EXTERNAL';

export type SubjectType = 'OFFICE' | 'USER' | 'ADMINISTRATION';

/** One tenancy event as billing keeps it. */
export interface UsageFact {
  eventId: string;
  /** Event type, e.g. "administration.archived". */
  type: string;
  subjectType: SubjectType;
  subjectId: string;
  officeId: string | null;
  occurredAt: Date;
  /** The calendar day of occurredAt in the Netherlands. */
  occurredOn: string;
  payload: Record<string, unknown>;
}

/** An item in a billable form on a day: which office pays for it, as what. */
export interface Form {
  officeId: string;
  code: UsageCode;
}

/** Which subject an event type is about. */
export function subjectTypeOf(eventType: string): SubjectType | null {
  if (eventType.startsWith('office.')) return 'OFFICE';
  if (eventType.startsWith('user.')) return 'USER';
  if (eventType.startsWith('administration.')) return 'ADMINISTRATION';
  return null;
}

/** Facts at the same instant: creations first, then by event id, so the order is stable. */
export function compareFacts(a: UsageFact, b: UsageFact): number {
  const byTime = a.occurredAt.getTime() - b.occurredAt.getTime();
  if (byTime !== 0) return byTime;
  const rank = (f: UsageFact) => (/\.(created|added)$/.test(f.type) ? 0 : 1);
  const byRank = rank(a) - rank(b);
  if (byRank !== 0) return byRank;
  return a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0;
}

interface SubjectState {
  officeId: string | null;
  /** USER: STAFF/CLIENT/OPS; ADMINISTRATION: its kind. */
  kind: string | null;
  active: boolean;
  clientModules: string[];
  archived: boolean;
  linked: boolean;
}

interface OfficeState {
  known: boolean;
  suspended: boolean;
  /** The day the office was created (its trial's first day). */
  createdOn: string | null;
  trialEndsAt: string | null;
}

const EMPTY_SUBJECT: SubjectState = {
  officeId: null,
  kind: null,
  active: true,
  clientModules: [],
  archived: false,
  linked: false,
};

const EMPTY_OFFICE: OfficeState = {
  known: false,
  suspended: false,
  createdOn: null,
  trialEndsAt: null,
};

function text(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 ? value : null;
}

function applySubject(state: SubjectState, fact: UsageFact): SubjectState {
  const p = fact.payload;
  switch (fact.type) {
    case 'user.added':
    case 'user.changed':
      return {
        ...state,
        officeId: text(p.officeId),
        kind: text(p.kind) ?? state.kind,
        active: typeof p.active === 'boolean' ? p.active : true,
      };
    case 'user.deactivated':
      return { ...state, officeId: text(p.officeId) ?? state.officeId, active: false };
    case 'administration.created':
    case 'administration.updated':
      return {
        ...state,
        officeId: text(p.officeId),
        kind: text(p.kind) ?? state.kind,
        clientModules: Array.isArray(p.clientModules)
          ? p.clientModules.filter((m): m is string => typeof m === 'string')
          : state.clientModules,
        archived: fact.type === 'administration.created' ? false : state.archived,
      };
    case 'administration.archived':
      return { ...state, archived: true };
    case 'administration.unarchived':
      return { ...state, archived: false };
    case 'administration.linked':
      return { ...state, officeId: text(p.officeId), linked: true };
    case 'administration.unlinked':
      return { ...state, officeId: null, linked: false };
    default:
      return state;
  }
}

function applyOffice(state: OfficeState, fact: UsageFact): OfficeState {
  switch (fact.type) {
    case 'office.created':
      return {
        ...state,
        known: true,
        createdOn: fact.occurredOn,
        trialEndsAt: text(fact.payload.trialEndsAt),
      };
    case 'office.suspended':
      return { ...state, known: true, suspended: true };
    case 'office.reinstated':
      return { ...state, known: true, suspended: false };
    default:
      return state;
  }
}

/** The code an administration with client login is billed at, by the client's modules. */
export function clientLoginCode(clientModules: readonly string[]): UsageCode {
  const ledger = clientModules.includes('LEDGER');
  const invoicing = clientModules.includes('INVOICING');
  if (ledger && invoicing) return 'CLIENT_LOGIN_LEDGER_INVOICING';
  if (ledger) return 'CLIENT_LOGIN_LEDGER';
  // INVOICING, and the lowest price ("from 7.50") should the modules be unknown.
  return 'CLIENT_LOGIN_INVOICING';
}

/** The billable form of a user or administration in `state`, or null when it costs nothing. */
function formOf(subjectType: SubjectType, state: SubjectState): Form | null {
  if (state.officeId === null) return null;
  if (subjectType === 'USER') {
    // Dashboard users are STAFF (any office role); client logins are not billed per user.
    return state.kind === 'STAFF' && state.active
      ? { officeId: state.officeId, code: 'DASHBOARD_USER' }
      : null;
  }
  if (subjectType !== 'ADMINISTRATION' || state.archived) return null;
  switch (state.kind) {
    case 'INTERNAL':
      return { officeId: state.officeId, code: 'INTERNAL' };
    case 'INTERNAL_WITH_CLIENT_LOGIN':
      return { officeId: state.officeId, code: clientLoginCode(state.clientModules) };
    case 'EXTERNAL':
      return { officeId: state.officeId, code: 'EXTERNAL' };
    default:
      // Only linking brings an administration of unknown kind into an office: an own subscription.
      return state.linked ? { officeId: state.officeId, code: 'EXTERNAL' } : null;
  }
}

function groupBySubject(facts: readonly UsageFact[]): Map<string, UsageFact[]> {
  const groups = new Map<string, UsageFact[]>();
  for (const fact of facts) {
    const key = `${fact.subjectType}:${fact.subjectId}`;
    let list = groups.get(key);
    if (!list) groups.set(key, (list = []));
    list.push(fact);
  }
  for (const list of groups.values()) list.sort(compareFacts);
  return groups;
}

/**
 * For each of `days` (consecutive, ascending): the form the subject is billed in that day,
 * or null. `facts` are the subject's, sorted with compareFacts.
 */
export function dailyForms(
  subjectType: SubjectType,
  facts: readonly UsageFact[],
  days: readonly string[],
): (Form | null)[] {
  let state = EMPTY_SUBJECT;
  let i = 0;
  return days.map((day) => {
    while (i < facts.length && facts[i]!.occurredOn < day) state = applySubject(state, facts[i++]!);
    let form = formOf(subjectType, state);
    while (i < facts.length && facts[i]!.occurredOn === day) {
      state = applySubject(state, facts[i++]!);
      form = formOf(subjectType, state) ?? form;
    }
    return form;
  });
}

/** For each of `days`: whether the office is billed that day (not suspended all day long). */
export function officeActiveDays(
  facts: readonly UsageFact[],
  days: readonly string[],
): { active: boolean[]; state: OfficeState } {
  let state = EMPTY_OFFICE;
  let i = 0;
  const active = days.map((day) => {
    while (i < facts.length && facts[i]!.occurredOn < day) state = applyOffice(state, facts[i++]!);
    let billed = !state.suspended;
    while (i < facts.length && facts[i]!.occurredOn === day) {
      state = applyOffice(state, facts[i++]!);
      billed = billed || !state.suspended;
    }
    return billed;
  });
  while (i < facts.length) state = applyOffice(state, facts[i++]!);
  return { active, state };
}

/** How long one item was billed as one code in a range of days. */
export interface ItemUsage {
  itemId: string;
  code: UsageCode;
  /** Days it counted (the office not suspended). */
  days: number;
  /** Of those, days inside the office's free trial. */
  trialDays: number;
}

export interface OfficeUsage {
  officeId: string;
  items: ItemUsage[];
  /** Days of the range inside the trial on which the office was billed. */
  trialDays: number;
  /** End of the free trial, as tenancy said at office creation; null when unknown or none. */
  trialEndsAt: string | null;
  /** The first day that is no longer free (the Dutch calendar day of trialEndsAt). */
  trialEndDay: string | null;
}

/**
 * The usage of `officeId` on the days `from`..`to` (both included), from the facts of the
 * office and of every user and administration that ever belonged to it (other facts are
 * ignored).
 */
export function officeUsage(
  officeId: string,
  facts: readonly UsageFact[],
  from: string,
  to: string,
): OfficeUsage {
  const days = eachDay(from, to);
  const groups = groupBySubject(facts);
  const office = officeActiveDays(groups.get(`OFFICE:${officeId}`) ?? [], days);
  const trialEndsAt = office.state.trialEndsAt;
  const trialEndDay = trialEndsAt ? amsterdamDate(new Date(trialEndsAt)) : null;
  const trialStartDay = office.state.createdOn;
  const inTrial = days.map(
    (day) =>
      trialEndDay !== null && day < trialEndDay && (trialStartDay === null || day >= trialStartDay),
  );
  const items = new Map<string, ItemUsage>();
  for (const subjectFacts of groups.values()) {
    const { subjectType, subjectId } = subjectFacts[0]!;
    if (subjectType === 'OFFICE') continue;
    dailyForms(subjectType, subjectFacts, days).forEach((form, index) => {
      if (!form || form.officeId !== officeId || !office.active[index]) return;
      const key = `${subjectId}:${form.code}`;
      let usage = items.get(key);
      if (!usage) {
        items.set(key, (usage = { itemId: subjectId, code: form.code, days: 0, trialDays: 0 }));
      }
      usage.days += 1;
      if (inTrial[index]) usage.trialDays += 1;
    });
  }
  return {
    officeId,
    items: [...items.values()],
    trialDays: days.filter((_day, index) => office.active[index] && inTrial[index]).length,
    trialEndsAt,
    trialEndDay,
  };
}

/** What `officeId` has at `instant`: each item's billable form then, and the trial's end. */
export function currentUsage(
  officeId: string,
  facts: readonly UsageFact[],
  instant: Date,
): { forms: Form[]; trialEndsAt: string | null } {
  const groups = groupBySubject(facts.filter((f) => f.occurredAt.getTime() <= instant.getTime()));
  const forms: Form[] = [];
  let trialEndsAt: string | null = null;
  for (const subjectFacts of groups.values()) {
    const { subjectType, subjectId } = subjectFacts[0]!;
    if (subjectType === 'OFFICE') {
      if (subjectId === officeId) {
        trialEndsAt = subjectFacts.reduce(applyOffice, EMPTY_OFFICE).trialEndsAt;
      }
      continue;
    }
    const form = formOf(subjectType, subjectFacts.reduce(applySubject, EMPTY_SUBJECT));
    if (form && form.officeId === officeId) forms.push(form);
  }
  return { forms, trialEndsAt };
}
