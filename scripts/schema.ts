import 'reflect-metadata';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { driftedFiles, generateSchemas, writeSchemas } from './schema-pipeline.js';

/**
 * `npm run schema`: writes schema/<subgraph>.graphql and schema/supergraph.graphql.
 * `npm run schema:check`: fails when those files differ from what the code produces or
 * composition fails, then reports the public contract check.
 */
async function main(): Promise<number> {
  const root = resolve(__dirname, '..', '..');
  const check = process.argv.includes('--check');
  const dirArg = process.argv.indexOf('--dir');
  const dir = dirArg > 0 ? resolve(process.argv[dirArg + 1]!) : join(root, 'schema');
  const generated = await generateSchemas();
  if (generated.compositionErrors.length > 0) {
    console.error('Composition failed:');
    for (const e of generated.compositionErrors) console.error(`  - ${e}`);
    return 1;
  }
  if (!check) {
    writeSchemas(generated, dir);
    console.log(`Wrote ${[...generated.files.keys()].join(', ')} to ${dir}`);
    return 0;
  }
  const drifted = driftedFiles(generated, dir);
  if (drifted.length > 0) {
    console.error(
      `Schema drift: ${drifted.join(', ')} differ from the code. Run \`npm run schema\`.`,
    );
    return 1;
  }
  console.log('schema: checked-in SDL and supergraph match the code; composition succeeds.');
  const contractTool = resolve(root, '..', 'shared', 'tools', 'check-contract.mjs');
  if (existsSync(contractTool)) {
    const result = spawnSync(process.execPath, [contractTool, join(dir, 'supergraph.graphql')], {
      cwd: root,
      encoding: 'utf8',
    });
    const lines = `${result.stdout}${result.stderr}`.trim().split('\n');
    if (result.status !== 0) {
      // The contract is the promise to the frontend teams: a break fails the check (and CI).
      console.error(`contract broken:\n${lines.join('\n')}`);
      return 1;
    }
    console.log(`contract: ${lines.at(-1)}`);
    if (process.env.KANTOOR_CONTRACT_VERBOSE === 'true') console.log(lines.join('\n'));
  } else {
    console.log('contract: ../shared/tools/check-contract.mjs not found; skipped.');
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
