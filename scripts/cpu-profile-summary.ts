import { readFileSync } from 'node:fs';

/**
 * `node dist/scripts/cpu-profile-summary.js FILE.cpuprofile [TOP] [SKIP_SECONDS]`: the self time of a
 * `node --cpu-prof` profile grouped by where the code lives (a package under node_modules,
 * our own packages, Node's internals, GC, idle), then the top functions. For
 * docs/benchmarks.md.
 */

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function groupOf(node: ProfileNode): string {
  const { url, functionName } = node.callFrame;
  if (functionName === '(garbage collector)') return '(GC)';
  if (functionName === '(idle)') return '(idle)';
  if (functionName === '(program)') return '(program)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  if (url.startsWith('node:')) return 'node internals';
  const own = /\/(platform|gateway|subgraphs\/\w+|scripts)\//.exec(url);
  if (own) return `kantoor ${own[1]}`;
  return url ? 'other' : '(native)';
}

function main(): void {
  const [file, topArg, skipArg] = process.argv.slice(2);
  // Samples of the first SKIP seconds (start-up: module loading, migrations) are left out.
  const skipMicros = Number(skipArg ?? 0) * 1e6;
  if (!file) throw new Error('usage: cpu-profile-summary FILE.cpuprofile [TOP]');
  const top = Number(topArg ?? 15);
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  let clock = 0;
  const counted = profile.samples.map(
    (_, i) => (clock += profile.timeDeltas[i] ?? 0) >= skipMicros,
  );
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    if (counted[i]) self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  let total = 0;
  let idle = 0;
  const groups = new Map<string, number>();
  const functions = new Map<string, number>();
  for (const [id, micros] of self) {
    const node = byId.get(id)!;
    const group = groupOf(node);
    total += micros;
    if (group === '(idle)') {
      idle += micros;
      continue;
    }
    groups.set(group, (groups.get(group) ?? 0) + micros);
    const { functionName, url, lineNumber } = node.callFrame;
    const where = url
      ? `${url.replace(/^.*node_modules\//, '').replace(/^.*\/work\/[^/]+\/[^/]+\//, '')}:${lineNumber + 1}`
      : '';
    const key = `${functionName || '(anonymous)'} ${where}`.trim();
    functions.set(key, (functions.get(key) ?? 0) + micros);
  }
  // Inclusive time per group: a sample counts once for every group on its stack.
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const inclusive = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    if (!counted[i]) return;
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const node = byId.get(at)!;
      if (node.callFrame.functionName === '(root)') break;
      seen.add(groupOf(node));
    }
    if (seen.has('(idle)')) return;
    for (const g of seen) inclusive.set(g, (inclusive.get(g) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const busy = total - idle;
  const pct = (v: number) => `${((100 * v) / busy).toFixed(1)}%`;
  console.log(
    `${file}: ${(total / 1e6).toFixed(1)} s sampled, ${(busy / 1e6).toFixed(1)} s busy (${((100 * busy) / total).toFixed(0)}%)`,
  );
  console.log('\n| where | self time | on the stack (inclusive) |\n|---|---:|---:|');
  for (const [group, micros] of [...groups].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`| ${group} | ${pct(micros)} | ${pct(inclusive.get(group) ?? micros)} |`);
  }
  console.log('\n| function (self time) | share of busy time |\n|---|---:|');
  for (const [fn, micros] of [...functions].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`| \`${fn}\` | ${pct(micros)} |`);
  }
}

main();
