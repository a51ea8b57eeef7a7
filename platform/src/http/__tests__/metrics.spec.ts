import { ApolloServer } from '@apollo/server';
import { metricsAccessOf, ServiceMetrics } from '../metrics.js';

const TOKEN = 'metrics-token-that-is-long-enough-0123456789';

describe('metricsAccessOf', () => {
  test.each([
    ['development, nothing set: open', {}, false, { enabled: true }],
    ['production, nothing set: off', {}, true, { enabled: false }],
    [
      'production, KANTOOR_METRICS=true: open (the port is private)',
      { KANTOOR_METRICS: true },
      true,
      { enabled: true },
    ],
    [
      'production with a token: the token',
      { KANTOOR_METRICS_TOKEN: TOKEN },
      true,
      { enabled: true, token: TOKEN },
    ],
    [
      'development with a token: the token too',
      { KANTOOR_METRICS_TOKEN: TOKEN },
      false,
      { enabled: true, token: TOKEN },
    ],
    [
      'KANTOOR_METRICS=false wins over a token',
      { KANTOOR_METRICS: false, KANTOOR_METRICS_TOKEN: TOKEN },
      false,
      { enabled: false },
    ],
  ])('%s', (_what, config, production, expected) => {
    expect(metricsAccessOf(config, production)).toEqual(expected);
  });
});

describe('ServiceMetrics.graphqlPlugin', () => {
  async function serverWith(metrics: ServiceMetrics) {
    const server = new ApolloServer({
      typeDefs: 'type Query { ok: Boolean, fails: Boolean } type Mutation { touch: Boolean }',
      resolvers: {
        Query: {
          ok: () => true,
          fails: () => {
            throw new Error('no');
          },
        },
        Mutation: { touch: () => true },
      },
      plugins: [metrics.graphqlPlugin()],
    });
    await server.start();
    return server;
  }

  async function sample(metrics: ServiceMetrics, name: string, labels: Record<string, string>) {
    const metric = (await metrics.registry.getMetricsAsJSON()).find((m) => m.name === name);
    const match = (metric?.values ?? []).find((v) =>
      Object.entries(labels).every(([k, value]) => v.labels[k] === value),
    );
    return match?.value;
  }

  test('counts and times each operation by name, type and outcome', async () => {
    const metrics = new ServiceMetrics('unit');
    const server = await serverWith(metrics);
    try {
      await server.executeOperation({ query: 'query Fine { ok }' });
      await server.executeOperation({ query: 'query Fine { ok }' });
      await server.executeOperation({ query: 'query Broken { fails }' });
      await server.executeOperation({ query: 'mutation Touch { touch }' });
      await server.executeOperation({ query: '{ ok }' });
      await server.executeOperation({ query: 'query Bad { nope }' });
    } finally {
      await server.stop();
    }
    const counted = (labels: Record<string, string>) =>
      sample(metrics, 'kantoor_graphql_operations_total', labels);
    expect(await counted({ operation_name: 'Fine', operation_type: 'query', outcome: 'ok' })).toBe(
      2,
    );
    expect(
      await counted({ operation_name: 'Broken', operation_type: 'query', outcome: 'errors' }),
    ).toBe(1);
    expect(
      await counted({ operation_name: 'Touch', operation_type: 'mutation', outcome: 'ok' }),
    ).toBe(1);
    expect(
      await counted({ operation_name: '(anonymous)', operation_type: 'query', outcome: 'ok' }),
    ).toBe(1);
    // Invalid against the schema: no operation was resolved.
    expect(
      await counted({
        operation_name: '(unresolved)',
        operation_type: 'unknown',
        outcome: 'errors',
      }),
    ).toBe(1);
    expect(
      await sample(metrics, 'kantoor_graphql_operation_duration_seconds', {
        operation_name: 'Fine',
        le: '+Inf',
      }),
    ).toBe(2);
    const text = await metrics.text();
    expect(text).toContain('service="unit"');
    // Node's process metrics come with every server's text.
    expect(text).toMatch(/^process_cpu_user_seconds_total \d/m);
  });

  test('keeps at most 500 operation names; later new names count as (other)', async () => {
    const metrics = new ServiceMetrics('bounded');
    const server = await serverWith(metrics);
    try {
      for (let i = 0; i < 510; i++) await server.executeOperation({ query: `query N${i} { ok }` });
      await server.executeOperation({ query: 'query N3 { ok }' });
    } finally {
      await server.stop();
    }
    const metric = (await metrics.registry.getMetricsAsJSON()).find(
      (m) => m.name === 'kantoor_graphql_operations_total',
    )!;
    const names = new Set(metric.values.map((v) => v.labels.operation_name));
    expect(names.size).toBe(501);
    expect(names.has('N499')).toBe(true);
    expect(names.has('N500')).toBe(false);
    expect(metric.values.find((v) => v.labels.operation_name === '(other)')?.value).toBe(10);
    // A name seen before the limit keeps counting under its own name.
    expect(metric.values.find((v) => v.labels.operation_name === 'N3')?.value).toBe(2);
  });

  test('two servers in one process keep registries of their own', async () => {
    const a = new ServiceMetrics('a');
    const b = new ServiceMetrics('b');
    const server = await serverWith(a);
    try {
      await server.executeOperation({ query: 'query OnlyA { ok }' });
    } finally {
      await server.stop();
    }
    expect(await a.registry.metrics()).toContain('operation_name="OnlyA"');
    expect(await b.registry.metrics()).not.toContain('OnlyA');
  });
});
