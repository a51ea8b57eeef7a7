/* global require, module, AbortController */
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS copy of a CommonJS module */
// pg-boss's src/tools.js (pg-boss 10) with its one lazy require hoisted to load time.
// pg-boss's stop leaves a loop (manager.offWork) that calls delay() every second until its
// workers report stopped; delay() required node:timers/promises on each call, and a call
// after jest tore a test file's module registry down crashed the whole jest worker
// ("Cannot destructure property 'setTimeout' of require(...)"). Only tests use this copy
// (test/jest-resolver.cjs); the application uses pg-boss unchanged.
const { setTimeout } = require('node:timers/promises');

module.exports = {
  delay,
};

function delay(ms, error) {
  const ac = new AbortController();

  const promise = new Promise((resolve, reject) => {
    setTimeout(ms, null, { signal: ac.signal })
      .then(() => {
        if (error) {
          reject(new Error(error));
        } else {
          resolve();
        }
      })
      .catch(resolve);
  });

  promise.abort = () => {
    if (!ac.signal.aborted) {
      ac.abort();
    }
  };

  return promise;
}
