/* global require, module, __dirname */
/* eslint-disable @typescript-eslint/no-require-imports -- jest loads resolvers as CommonJS */
// Jest resolver: pg-boss's own './tools' resolves to test/pg-boss-tools.cjs (see there);
// everything else resolves as usual.
const path = require('node:path');

const pgBossSrc = `${path.sep}pg-boss${path.sep}src`;

module.exports = (request, options) => {
  if ((request === './tools' || request === './tools.js') && options.basedir.endsWith(pgBossSrc)) {
    return path.join(__dirname, 'pg-boss-tools.cjs');
  }
  return options.defaultResolver(request, options);
};
