import {
  allow,
  deny,
  effectiveRules,
  fieldsWithoutRule,
  isAuthenticated,
  isOfficeAdmin,
  isOps,
} from '@kantoor/platform';
import {
  getNamedType,
  isInterfaceType,
  isNonNullType,
  isObjectType,
  isUnionType,
  type GraphQLNamedType,
  type GraphQLObjectType,
} from 'graphql';
import { ALL_SUBGRAPHS } from '../scripts/subgraphs';

/**
 * Deny by default, kept honest: every field of every object type in every subgraph has
 * an explicit rule (a field rule or the type's '*').
 */
describe.each(ALL_SUBGRAPHS.map((d) => [d.name, d] as const))(
  '%s subgraph',
  (_name, definition) => {
    test('every field and mutation has an explicit rule', async () => {
      const schema = await definition.buildSchema();
      expect(fieldsWithoutRule(schema, definition.rules)).toEqual([]);
    });

    test('fields extending Administration from another subgraph are nullable (FORBIDDEN nulls only them)', async () => {
      if (definition.name === 'tenancy') return;
      const schema = await definition.buildSchema();
      const administration = schema.getType('Administration');
      if (!administration || !isObjectType(administration)) return;
      const guarded = Object.values(administration.getFields()).filter((f) => f.name !== 'id');
      expect(guarded.length).toBeGreaterThan(0);
      for (const field of guarded)
        expect([field.name, isNonNullType(field.type)]).toEqual([field.name, false]);
    });
  },
);

/** The leaf rules of a rule (and/or/not/chain are walked into). */
function leafRules(rule: unknown): { name?: string; cache?: unknown }[] {
  if (rule && typeof rule === 'object' && 'getRules' in rule) {
    return (rule as { getRules(): unknown[] }).getRules().flatMap(leafRules);
  }
  return rule && typeof rule === 'object' ? [rule as { name?: string; cache?: unknown }] : [];
}

/**
 * Issue 9: no authorization answer is cached across fields. graphql-shield's 'contextual'
 * cache keys an answer by the rule's name alone and 'strict' by parent and args only; both
 * leave out who is asking, so every rule in every map must be 'no_cache'.
 */
describe.each(ALL_SUBGRAPHS.map((d) => [d.name, d] as const))('%s rules', (_name, definition) => {
  test('no rule caches its answer across fields', () => {
    const cached: string[] = [];
    for (const map of definition.rules) {
      for (const [type, fields] of Object.entries(map as Record<string, Record<string, unknown>>)) {
        for (const [field, rule] of Object.entries(fields)) {
          for (const leaf of leafRules(rule)) {
            if ('cache' in leaf && leaf.cache !== 'no_cache') {
              cached.push(`${type}.${field}: ${String(leaf.name)} (${String(leaf.cache)})`);
            }
          }
        }
      }
    }
    expect(cached).toEqual([]);
  });
});

/**
 * Invoicing (issue 11): the entry points into an administration's invoices are never
 * `allow`: every field on Administration (but its key), every mutation and every Invoice
 * field (Invoice is also reached through _entities) names a permission; so does the
 * ledger's Invoice.journalEntry.
 */
test('invoicing: no entry point to an administration is ruled allow', () => {
  const byName = Object.fromEntries(ALL_SUBGRAPHS.map((d) => [d.name, d]));
  const ruled = (name: string) =>
    byName[name]!.rules.reduce<Record<string, Record<string, unknown>>>((acc, map) => {
      for (const [type, fields] of Object.entries(map as Record<string, Record<string, unknown>>))
        acc[type] = { ...(acc[type] ?? {}), ...fields };
      return acc;
    }, {});
  const invoicing = ruled('invoicing');
  const guarded = [
    ...Object.entries(invoicing.Administration!).filter(([f]) => f !== 'id'),
    ...Object.entries(invoicing.Mutation!),
    ...Object.entries(invoicing.Invoice!),
  ];
  expect(guarded.length).toBeGreaterThan(10);
  expect(guarded.filter(([, r]) => r === allow).map(([f]) => f)).toEqual([]);
  const ledger = ruled('ledger');
  expect(ledger.Invoice!.journalEntry).not.toBe(allow);
  expect(ledger.Invoice!.ledgerBookings).not.toBe(allow);
});

/** Subgraphs that extend tenancy's Administration (billing extends Office only). */
const EXTENDS_ADMINISTRATION = ['ledger', 'invoicing', 'vat'];

test('the subgraphs that extend Administration have it (the nullability test above is not vacuous)', async () => {
  for (const definition of ALL_SUBGRAPHS) {
    const schema = await definition.buildSchema();
    const has = isObjectType(schema.getType('Administration'));
    expect([definition.name, has]).toEqual([
      definition.name,
      definition.name === 'tenancy' || EXTENDS_ADMINISTRATION.includes(definition.name),
    ]);
  }
});

/** A rule as a reviewer reads it: allow, deny, a platform rule's name, and/or/chain of those. */
function describeRule(rule: unknown, named: Map<unknown, string>): string {
  if (rule === allow) return 'allow';
  if (rule === deny) return 'deny';
  const known = named.get(rule);
  if (known) return known;
  const r = rule as { getRules?: () => unknown[]; name?: string; constructor: { name: string } };
  if (typeof r.getRules === 'function') {
    const kind = r.constructor.name.replace(/^Rule/, '').toLowerCase();
    return `${kind}(${r
      .getRules()
      .map((x) => describeRule(x, named))
      .join(', ')})`;
  }
  // Unnamed rules get a random name from graphql-shield: show them as the module's own.
  return r.name && !/^0\.\d+$/.test(r.name) ? r.name : 'module rule';
}

/**
 * Every field reachable from the root fields (Query, Mutation, and the entity types the
 * gateway reaches through _entities), with the rule that guards it. A reachable field
 * without a rule fails; the table is a snapshot, so a reviewer sees every rule change,
 * including a type opened with '*'.
 */
describe.each(ALL_SUBGRAPHS.map((d) => [d.name, d] as const))(
  '%s rule table',
  (_name, definition) => {
    test('every reachable field is ruled; the table is checked in', async () => {
      const schema = await definition.buildSchema();
      const rules = effectiveRules(schema, definition.rules) as Record<
        string,
        Record<string, unknown>
      >;
      const named = new Map<unknown, string>([
        [isAuthenticated, 'isAuthenticated'],
        [isOps, 'isOps'],
        [isOfficeAdmin, 'isOfficeAdmin'],
      ]);
      const roots = [schema.getQueryType(), schema.getMutationType()].filter(
        (t): t is GraphQLObjectType => !!t,
      );
      const entities = schema.getType('_Entity');
      if (entities && isUnionType(entities)) roots.push(...entities.getTypes());
      const seen = new Set<string>();
      const table: Record<string, string> = {};
      const missing: string[] = [];
      const visit = (type: GraphQLNamedType): void => {
        if (seen.has(type.name) || type.name.startsWith('__')) return;
        seen.add(type.name);
        if (isUnionType(type)) return type.getTypes().forEach(visit);
        if (isInterfaceType(type)) return schema.getPossibleTypes(type).forEach((t) => visit(t));
        if (!isObjectType(type)) return;
        const typeRules = rules[type.name] ?? {};
        for (const field of Object.values(type.getFields())) {
          const key = `${type.name}.${field.name}`;
          if (field.name in typeRules) table[key] = describeRule(typeRules[field.name], named);
          else if ('*' in typeRules) table[key] = `${describeRule(typeRules['*'], named)} (*)`;
          else missing.push(key);
          visit(getNamedType(field.type));
        }
      };
      roots.forEach(visit);
      expect(missing).toEqual([]);
      expect(Object.keys(table).length).toBeGreaterThan(0);
      expect(table).toMatchSnapshot();
    });
  },
);
