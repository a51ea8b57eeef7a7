import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildSchema,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import {
  allow,
  deny,
  isAuthenticated,
  isOfficeAdmin,
  isOps,
  type Permission,
} from '@kantoor/platform';
import { eventually } from '@kantoor/platform/testing';
import { ALL_SUBGRAPHS } from '../scripts/subgraphs';
import { isAdminOfAdministrationOffice } from '../subgraphs/tenancy/src/modules/access/access.permissions';
import { isLoginSession } from '../subgraphs/tenancy/src/modules/link/link.permissions';
import {
  isAdminOfOffice,
  isOfOfficeOrOps,
  isSelfOrOfficeAdmin,
} from '../subgraphs/tenancy/src/modules/user/user.permissions';
import type { Factories } from './factories';
import { startTestSystemWithFactories, type TestSystem } from './system';

/**
 * Issue 15: the authorization matrix. Every Query field, every Mutation and every field of
 * Administration (the entry point to an administration's books, reached through
 * `administration(id)`) of the composed API schema, for eight kinds of caller, each in a
 * world of its own (an office O with an administration A, its staff and client, another
 * office with its ADMIN, an operator). The expected answer of each cell comes from the
 * subgraphs' shield rule tables, evaluated for the caller (rule semantics below; a rule the
 * matrix has no model for fails the test). Arguments are built generically from the input
 * types (A's id for every administrationId, O's ids for users and offices).
 *
 * Asserted: a cell the rules refuse answers no data and the rule's code (FORBIDDEN or
 * UNAUTHENTICATED), and the refused cells together write nothing (every table of every
 * subgraph's schema compared before and after). A cell the rules allow is run too, and
 * must not be refused by a rule: services may still refuse with a userError or their own
 * FORBIDDEN (listed and compared with the known list below).
 */

type Outcome = 'ALLOW' | 'FORBIDDEN' | 'UNAUTHENTICATED';
const ROLES = [
  'anonymous',
  'officeAdmin',
  'memberWithoutGrants',
  'memberReadOnly',
  'clientOneModule',
  'apiTokenSubset',
  'otherOfficeAdmin',
  'ops',
] as const;
type Role = (typeof ROLES)[number];

interface Caller {
  role: Role;
  token?: string;
  anonymous: boolean;
  userKind?: 'STAFF' | 'CLIENT' | 'OPS';
  officeRole?: 'ADMIN' | 'MEMBER' | null;
  officeId?: string | null;
  scoped: boolean;
  /** Effective permissions in A (tenancy's view, cut to the API token's scope). */
  permissions: Set<Permission>;
}

interface World {
  officeId: string;
  administrationId: string;
  memberId: string;
  caller: Caller;
}

const api: GraphQLSchema = buildSchema(
  readFileSync(join(__dirname, '..', 'schema', 'api.graphql'), 'utf8'),
);

// ---- the rule tables, merged over the subgraphs -------------------------------------------

type Rule = { name?: string; getRules?: () => Rule[]; constructor: { name: string } };
const ruleMaps = ALL_SUBGRAPHS.flatMap((d) => d.rules as Record<string, Record<string, Rule>>[]);

/** The rule guarding `type.field` in the subgraph that resolves it. */
function ruleOf(type: string, field: string): Rule {
  const explicit = ruleMaps.map((m) => m[type]?.[field]).filter((r): r is Rule => !!r);
  // Administration.id is `allow` in every subgraph; any other field has one owner.
  if (explicit.length > 0) return explicit[0]!;
  const star = ruleMaps.map((m) => m[type]?.['*']).filter((r): r is Rule => !!r);
  if (star.length !== 1) throw new Error(`no single rule for ${type}.${field}`);
  return star[0]!;
}

const user = (c: Caller) => !c.anonymous;
const staffAdmin = (c: Caller) =>
  c.userKind === 'STAFF' && c.officeRole === 'ADMIN' && !!c.officeId && !c.scoped;

/**
 * What each leaf rule answers for a caller, on the matrix's targets (A and office O). The
 * parent-based rules of Office and User do not guard any cell; they are listed so that a
 * rule table using them on a root field is still modelled.
 */
function leafOutcome(rule: Rule, c: Caller, w: World): Outcome {
  const need = (ok: boolean): Outcome =>
    !user(c) ? 'UNAUTHENTICATED' : ok ? 'ALLOW' : 'FORBIDDEN';
  if (rule === allow) return 'ALLOW';
  if (rule === deny) return 'FORBIDDEN';
  if (rule === isAuthenticated || rule.name === 'vat-is-user') return need(true);
  if (rule === isOps) return need(c.userKind === 'OPS' && !c.scoped);
  if (rule === isOfficeAdmin) return need(staffAdmin(c));
  if (rule === isLoginSession) return need(!c.scoped);
  if (rule === isAdminOfAdministrationOffice || rule === isAdminOfOffice)
    return need(staffAdmin(c) && c.officeId === w.officeId);
  if (rule.name === 'billing-admin-of-this-office')
    return need(staffAdmin(c) && c.officeId === w.officeId);
  if (rule === isOfOfficeOrOps) return need(c.officeId === w.officeId || c.userKind === 'OPS');
  if (rule === isSelfOrOfficeAdmin) return need(staffAdmin(c) && c.officeId === w.officeId);
  const name = rule.name ?? '';
  // canOpen, and canOpenOr whose alternative (an object issued by signUpBusiness to its
  // owner) no cell reads: the viewer may open the administration.
  if (name.startsWith('can-open-')) return need(c.permissions.size > 0);
  const can = /^can-([A-Z_]+)-/.exec(name);
  if (can) return need(c.permissions.has(can[1] as Permission));
  throw new Error(`the matrix has no model for rule ${name} (${rule.constructor.name})`);
}

/** graphql-shield's or/and: the first allow (or) or the first refusal (and) decides. */
function outcome(rule: Rule, c: Caller, w: World): Outcome {
  const kind = rule.constructor.name;
  if (kind === 'RuleOr' || kind === 'RuleAnd' || kind === 'RuleChain') {
    const results = rule.getRules!().map((r) => outcome(r, c, w));
    if (kind === 'RuleOr')
      return results.includes('ALLOW') ? 'ALLOW' : results.find((r) => r !== 'ALLOW')!;
    return results.find((r) => r !== 'ALLOW') ?? 'ALLOW';
  }
  return leafOutcome(rule, c, w);
}

// ---- generic arguments ----------------------------------------------------------------------

function scalarValue(type: string, name: string, w: World): unknown {
  switch (type) {
    case 'ID':
      if (name === 'administrationId' || name === 'fromAdministrationId') return w.administrationId;
      if (name === 'userId') return w.memberId;
      if (name === 'officeId') return w.officeId;
      return randomUUID();
    case 'String':
      if (name === 'email') return `matrix-${randomUUID()}@example.test`;
      if (name === 'password') return 'matrix-password-2026';
      if (name === 'period') return '2026-Q1';
      if (name === 'fromPeriod') return '2099-01';
      if (name === 'countryCode') return 'NL';
      if (name === 'iban') return 'NL91ABNA0417164300';
      if (/code$/i.test(name)) return '1000';
      return 'matrix';
    case 'Date':
      return name === 'to' ? '2026-12-31' : '2026-01-01';
    case 'DateTime':
      return new Date(Date.now() + 86_400_000).toISOString();
    case 'Decimal':
      return '1.00';
    case 'Int':
      return name === 'fiscalYear' || name === 'year' ? 2026 : 1;
    case 'Float':
      return 1;
    case 'Boolean':
      return false;
    default:
      throw new Error(`no value for scalar ${type}`);
  }
}

/** A minimal value of `type`: required input fields only, one item per list. */
function valueOf(type: GraphQLInputType, name: string, w: World): unknown {
  const nullable = getNullableType(type) as GraphQLInputType;
  if (isListType(nullable)) return [valueOf(nullable.ofType, name, w)];
  if (isEnumType(nullable)) return nullable.getValues()[0]!.value;
  if (isInputObjectType(nullable)) {
    const value: Record<string, unknown> = {};
    for (const f of Object.values(nullable.getFields()))
      if (isNonNullType(f.type) || f.name === 'administrationId')
        value[f.name] = valueOf(f.type, f.name, w);
    return value;
  }
  return scalarValue(getNamedType(nullable).name, name, w);
}

/** `field(args) { __typename }` with variables for its required arguments. */
function selection(field: GraphQLField<unknown, unknown>, w: World, prefix: string) {
  const defs: string[] = [];
  const args: string[] = [];
  const variables: Record<string, unknown> = {};
  for (const arg of field.args) {
    if (!isNonNullType(arg.type)) continue;
    const v = `${prefix}_${arg.name}`;
    defs.push(`$${v}: ${String(arg.type)}`);
    args.push(`${arg.name}: $${v}`);
    variables[v] = valueOf(arg.type, arg.name, w);
  }
  const leaf = isLeafType(getNamedType(field.type));
  const text = `${field.name}${args.length ? `(${args.join(', ')})` : ''}${leaf ? '' : ' { __typename }'}`;
  return { defs, text, variables };
}

// ---- the system and the worlds ----------------------------------------------------------------

let system: TestSystem;
let make: Factories;
beforeAll(async () => ({ system, make } = await startTestSystemWithFactories()));
afterAll(() => system?.stop());

async function permissionsOf(userId: string, administrationId: string): Promise<Set<Permission>> {
  const rows: { permission: Permission }[] =
    await system.subgraphs.tenancy.runtime.dataSource.query(
      `SELECT permission FROM tenancy.effective_permissions WHERE user_id = $1 AND administration_id = $2`,
      [userId, administrationId],
    );
  return new Set(rows.map((r) => r.permission));
}

async function makeWorld(role: Role): Promise<World> {
  const office = await make.office(`Matrix ${role}`);
  const admin = await make.user({ officeId: office.id, officeRole: 'ADMIN' });
  const member = await make.user({ officeId: office.id, officeRole: 'MEMBER' });
  const administration = await make.administration({
    officeId: office.id,
    kind: 'INTERNAL_WITH_CLIENT_LOGIN',
    modules: ['LEDGER', 'INVOICING'],
    clientModules: ['INVOICING'],
    vatNumber: 'NL123456782B01',
  });
  const world = { officeId: office.id, administrationId: administration.id, memberId: member.id };
  const staff = async (id: string, officeRole: 'ADMIN' | 'MEMBER', officeId = office.id) => ({
    token: await make.token(id),
    anonymous: false,
    userKind: 'STAFF' as const,
    officeRole,
    officeId,
    scoped: false,
    permissions: await permissionsOf(id, administration.id),
  });
  let caller: Omit<Caller, 'role'>;
  switch (role) {
    case 'anonymous':
      caller = { anonymous: true, scoped: false, permissions: new Set() };
      break;
    case 'officeAdmin':
      caller = await staff(admin.id, 'ADMIN');
      break;
    case 'memberWithoutGrants':
      caller = await staff((await make.user({ officeId: office.id })).id, 'MEMBER');
      break;
    case 'memberReadOnly': {
      const reader = await make.user({ officeId: office.id });
      await make.grant(reader.id, administration.id, ['LEDGER_READ', 'INVOICING_READ', 'VAT_READ']);
      caller = await staff(reader.id, 'MEMBER');
      break;
    }
    case 'clientOneModule': {
      const client = await make.user({ officeId: office.id, kind: 'CLIENT' });
      await make.grant(client.id, administration.id, ['INVOICING_READ', 'INVOICING_WRITE']);
      caller = {
        token: await make.token(client.id),
        anonymous: false,
        userKind: 'CLIENT',
        officeRole: null,
        officeId: office.id,
        scoped: false,
        permissions: await permissionsOf(client.id, administration.id),
      };
      break;
    }
    case 'apiTokenSubset': {
      const session = await make.token(admin.id);
      const created = await system.query<{ createApiToken: { token: string } }>(
        `mutation($input: CreateApiTokenInput!) { createApiToken(input: $input) { token } }`,
        {
          token: session,
          variables: {
            input: {
              name: 'Matrix tool',
              expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
              permissions: ['LEDGER_READ', 'INVOICING_READ'],
            },
          },
        },
      );
      const all = await permissionsOf(admin.id, administration.id);
      caller = {
        token: created.data!.createApiToken.token,
        anonymous: false,
        userKind: 'STAFF',
        officeRole: 'ADMIN',
        officeId: office.id,
        scoped: true,
        permissions: new Set([...all].filter((p) => p === 'LEDGER_READ' || p === 'INVOICING_READ')),
      };
      break;
    }
    case 'otherOfficeAdmin': {
      const other = await make.office(`Matrix other ${role}`);
      const otherAdmin = await make.user({ officeId: other.id, officeRole: 'ADMIN' });
      caller = await staff(otherAdmin.id, 'ADMIN', other.id);
      break;
    }
    case 'ops': {
      const ops = await make.user({ kind: 'OPS' });
      caller = {
        token: await make.token(ops.id),
        anonymous: false,
        userKind: 'OPS',
        officeRole: null,
        officeId: null,
        scoped: false,
        permissions: await permissionsOf(ops.id, administration.id),
      };
      break;
    }
  }
  return { ...world, caller: { role, ...caller } };
}

// ---- the cells ---------------------------------------------------------------------------------

interface Cell {
  role: Role;
  type: 'Query' | 'Mutation' | 'Administration';
  field: string;
  expected: Outcome;
  /** What came back: data present, and the codes of errors at this field. */
  data?: unknown;
  codes?: unknown[];
  messages?: string[];
}

/** Mutations that end the caller's session or the world's setup run after all others, in this order. */
const LAST = [
  'archiveAdministration',
  'unlinkAdministration',
  'suspendOffice',
  'deactivateUser',
  'revokeApiToken',
  'logout',
];

/**
 * Cells the rules allow but a service refuses for this caller (FORBIDDEN from the service,
 * the "rules are the first line" checks of CONVENTIONS.md). Found by the matrix and kept
 * here so that a new one is noticed.
 */
const SERVICE_REFUSALS: string[] = [
  // Only the owner of an EXTERNAL administration accepts an invitation (A is internal).
  ...ROLES.filter((r) => r !== 'anonymous' && r !== 'apiTokenSubset').map(
    (r) => `${r} Mutation.acceptLinkInvitation`,
  ),
  // Only the owner or an ADMIN of the linked office ends a link (the office ADMIN's cell
  // gets NOT_LINKED as a userError: A is not linked).
  'memberReadOnly Mutation.unlinkAdministration',
  'clientOneModule Mutation.unlinkAdministration',
  // Only the client or an office ADMIN approves a VAT return.
  'memberReadOnly Mutation.approveVatReturn',
  // Token management needs a login session (issue 15).
  'apiTokenSubset Query.apiTokens',
  'apiTokenSubset Mutation.revokeApiToken',
];

type Response = Awaited<ReturnType<TestSystem['query']>>;

function rootSelection(w: World, cells: Cell[]) {
  const defs: string[] = [];
  const texts: string[] = [];
  const variables: Record<string, unknown> = {};
  cells.forEach((cell, i) => {
    const type = cell.type === 'Query' ? api.getQueryType()! : api.getMutationType()!;
    const s = selection(type.getFields()[cell.field]!, w, `v${i}`);
    defs.push(...s.defs);
    texts.push(s.text);
    Object.assign(variables, s.variables);
  });
  const op = cells[0]!.type === 'Query' ? 'query' : 'mutation';
  return {
    text: `${op}${defs.length ? `(${defs.join(', ')})` : ''} { ${texts.join(' ')} }`,
    variables,
  };
}

function record(cell: Cell, r: Response, path: string[], parentMissing: boolean) {
  const errors = (r.errors ?? []).filter(
    (e) => JSON.stringify(e.path?.slice(0, path.length)) === JSON.stringify(path),
  );
  cell.codes = errors.map((e) => e.extensions?.code);
  cell.messages = errors.map((e) => e.message);
  if (parentMissing && cell.codes.length === 0) {
    // Refused above the field (the parent, or the whole request: e.g. HTTP 401).
    const above = (r.errors ?? []).filter((e) => !e.path || e.path.length < path.length);
    cell.codes = above.map((e) => e.extensions?.code);
    cell.messages = above.map((e) => e.message);
  }
}

/** Root fields one by one (mutations that may write run alone, in order). */
let requests = 0;
async function runRoot(w: World, cell: Cell): Promise<void> {
  requests++;
  const op = rootSelection(w, [cell]);
  const r = await system.query(op.text, { token: w.caller.token, variables: op.variables });
  cell.data = r.data?.[cell.field] ?? null;
  record(cell, r, [cell.field], !r.data);
}

/** The subgraph resolving each Mutation field (the supergraph's @join__field). */
const mutationGraph: Record<string, string> = (() => {
  const sdl = readFileSync(join(__dirname, '..', 'schema', 'supergraph.graphql'), 'utf8');
  const body = sdl.slice(sdl.indexOf('type Mutation'));
  const block = body.slice(body.indexOf('{'), body.indexOf('\n}'));
  const result: Record<string, string> = {};
  for (const m of block.matchAll(/^\s+(\w+)\([^]*?@join__field\(graph: (\w+)\)/gm))
    result[m[1]!] = m[2]!;
  return result;
})();

/**
 * The gateway sends consecutive mutations of one subgraph in one fetch, where the first
 * refused one (a non-null payload) ends the fetch: a batch holds one mutation per subgraph.
 */
function mutationBatches(cells: Cell[]): Cell[][] {
  const bySubgraph = new Map<string, Cell[]>();
  for (const cell of cells) {
    const graph = mutationGraph[cell.field] ?? cell.field;
    bySubgraph.set(graph, [...(bySubgraph.get(graph) ?? []), cell]);
  }
  const batches: Cell[][] = [];
  for (const list of bySubgraph.values()) list.forEach((cell, i) => (batches[i] ??= []).push(cell));
  return batches;
}

/**
 * Root fields the rules refuse, many in one request: each must come back with its own
 * error at its path (a refused non-null field nulls `data`, so the errors carry the
 * answer); a field without one is asked again alone.
 */
async function runRefusedRoots(w: World, cells: Cell[]): Promise<void> {
  if (cells.length === 0) return;
  requests++;
  const op = rootSelection(w, cells);
  const r = await system.query(op.text, { token: w.caller.token, variables: op.variables });
  for (const cell of cells) {
    cell.data = r.data?.[cell.field] ?? null;
    record(cell, r, [cell.field], false);
    if (cell.codes!.length === 0) {
      await runRoot(w, cell);
    }
  }
}

/** Every Administration field of the cells in one request under administration(id: A). */
async function runAdministration(w: World, cells: Cell[]): Promise<void> {
  if (cells.length === 0) return;
  const type = api.getType('Administration') as unknown as {
    getFields(): Record<string, GraphQLField<unknown, unknown>>;
  };
  const defs: string[] = ['$id: ID!'];
  const texts: string[] = [];
  const variables: Record<string, unknown> = { id: w.administrationId };
  cells.forEach((cell, i) => {
    const s = selection(type.getFields()[cell.field]!, w, `a${i}`);
    defs.push(...s.defs);
    texts.push(s.text);
    Object.assign(variables, s.variables);
  });
  requests++;
  const r = await system.query(
    `query(${defs.join(', ')}) { administration(id: $id) { ${texts.join(' ')} } }`,
    { token: w.caller.token, variables },
  );
  const parent = (r.data?.administration ?? null) as Record<string, unknown> | null;
  for (const cell of cells) {
    cell.data = parent ? (parent[cell.field] ?? null) : null;
    record(cell, r, ['administration', cell.field], !parent);
  }
}

/**
 * Every row of every table of every subgraph's schema; an API token's last_used_at is
 * written by any use of the token and left out, and so is the dashboard's read model
 * (tenancy.open_actions, and the modules' open_actions_dirty queues, tenancy's
 * processed_events), which the modules' background reports of the setup's own changes keep
 * filling while the matrix runs (decision 0014).
 */
async function everything(): Promise<Record<string, string>> {
  const db = system.subgraphs.tenancy.runtime.dataSource;
  const tables: { s: string; t: string }[] = await db.query(
    `SELECT table_schema AS s, table_name AS t FROM information_schema.tables
      WHERE table_type = 'BASE TABLE' AND table_schema IN ('tenancy', 'ledger', 'invoicing', 'vat', 'billing')
        AND table_name NOT IN ('open_actions', 'open_actions_dirty')
        AND NOT (table_schema = 'tenancy' AND table_name = 'processed_events')
      ORDER BY 1, 2`,
  );
  const result: Record<string, string> = {};
  for (const { s, t } of tables) {
    const [row] = await db.query(
      `SELECT count(*)::int AS n, md5(coalesce(string_agg((to_jsonb(x) - 'last_used_at')::text, '|' ORDER BY (to_jsonb(x) - 'last_used_at')::text), '')) AS h FROM "${s}"."${t}" x`,
    );
    result[`${s}.${t}`] = `${row.n}:${row.h}`;
  }
  return result;
}

test('authorization matrix: every query field, mutation and Administration field x 8 callers', async () => {
  const t0 = Date.now();
  const mark = (what: string) =>
    process.stdout.write(`matrix ${what}: ${Date.now() - t0} ms, ${requests} requests\n`);
  const worlds = new Map<Role, World>();
  for (const role of ROLES) worlds.set(role, await makeWorld(role));
  mark('worlds');
  // The ledger, invoicing and VAT know every A (tenancy's event) before anything is asked.
  await eventually(async () => {
    const ids = [...worlds.values()].map((w) => w.administrationId);
    const [row] = await system.subgraphs.ledger.runtime.dataSource.query(
      `SELECT count(DISTINCT administration_id)::int AS n FROM ledger.accounts WHERE administration_id = ANY($1)`,
      [ids],
    );
    return row.n === ids.length ? true : undefined;
  });

  const fields = {
    Query: Object.keys(api.getQueryType()!.getFields()),
    Mutation: Object.keys(api.getMutationType()!.getFields()).sort(
      (a, b) => LAST.indexOf(a) - LAST.indexOf(b),
    ),
    Administration: Object.keys(
      (api.getType('Administration') as unknown as { getFields(): object }).getFields(),
    ),
  };
  const cells: Cell[] = [];
  for (const role of ROLES) {
    const w = worlds.get(role)!;
    for (const [type, names] of Object.entries(fields) as [Cell['type'], string[]][]) {
      for (const field of names) {
        // Administration's fields are read through Query.administration, itself a cell.
        const own = outcome(ruleOf(type, field), w.caller, w);
        const parent =
          type === 'Administration'
            ? outcome(ruleOf('Query', 'administration'), w.caller, w)
            : 'ALLOW';
        cells.push({ role, type, field, expected: parent !== 'ALLOW' ? parent : own });
      }
    }
  }

  mark('events');
  // Refused cells first, with every table compared around them.
  const before = await everything();
  mark('snapshot');
  const ofRole = (role: Role, allowed: boolean, type: Cell['type']) =>
    cells.filter((c) => c.role === role && (c.expected === 'ALLOW') === allowed && c.type === type);
  // The eight worlds are independent: their callers ask side by side.
  await Promise.all(
    ROLES.map(async (role) => {
      const w = worlds.get(role)!;
      await runRefusedRoots(w, ofRole(role, false, 'Query'));
      for (const batch of mutationBatches(ofRole(role, false, 'Mutation')))
        await runRefusedRoots(w, batch);
      await runAdministration(w, ofRole(role, false, 'Administration'));
    }),
  );
  mark('refused');
  const after = await everything();
  const changed = Object.keys(after).filter((k) => after[k] !== before[k]);

  // Then the allowed cells (queries before mutations, the session-ending ones last).
  await Promise.all(
    ROLES.map(async (role) => {
      const w = worlds.get(role)!;
      await runAdministration(w, ofRole(role, true, 'Administration'));
      for (const cell of ofRole(role, true, 'Query')) await runRoot(w, cell);
      for (const cell of ofRole(role, true, 'Mutation')) await runRoot(w, cell);
    }),
  );
  mark('allowed');
  const label = (c: Cell) => `${c.role} ${c.type}.${c.field}`;
  const leaks = cells
    .filter((c) => c.expected !== 'ALLOW')
    .filter((c) => {
      const refusedByParent = c.type === 'Administration' && c.data === null;
      const hasCode = c.codes!.includes(c.expected);
      return !(
        c.data === null &&
        (hasCode || (refusedByParent && c.codes!.every((x) => x === c.expected || x === undefined)))
      );
    })
    .map(
      (c) =>
        `${label(c)}: expected ${c.expected}, got data ${JSON.stringify(c.data)} codes ${JSON.stringify(c.codes)}`,
    );
  const ruleRefusedAllowed = cells
    .filter((c) => c.expected === 'ALLOW')
    .filter((c) => c.codes!.some((x) => x === 'UNAUTHENTICATED' || x === 'FORBIDDEN'))
    .map(label);
  for (const c of cells.filter((x) => ruleRefusedAllowed.includes(label(x))))
    process.stdout.write(`refused by a service: ${label(c)}: ${c.messages!.join('; ')}\n`);

  const size = `${fields.Query.length + fields.Mutation.length + fields.Administration.length} fields (${fields.Query.length} queries, ${fields.Mutation.length} mutations, ${fields.Administration.length} Administration fields) x ${ROLES.length} callers = ${cells.length} cells`;
  const summary = ROLES.map(
    (role) =>
      `${role}: ${cells.filter((c) => c.role === role && c.expected === 'ALLOW').length} allowed, ${cells.filter((c) => c.role === role && c.expected !== 'ALLOW').length} refused`,
  );
  console.log(`Authorization matrix: ${size}\n${summary.join('\n')}`);

  expect(leaks).toEqual([]);
  expect(changed).toEqual([]);
  expect(ruleRefusedAllowed.sort()).toEqual(SERVICE_REFUSALS.sort());
}, 300_000);
