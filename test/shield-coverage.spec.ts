import { fieldsWithoutRule } from '@kantoor/platform';
import { isNonNullType, isObjectType } from 'graphql';
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
