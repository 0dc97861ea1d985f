// Assigns ids with the reference GrowthBook SDK (npm @growthbook/growthbook 1.8.0) for JourneyKit's tests.
// Input (file given as the first argument): {"experiments": [{key, controlShare, seed?, namespace?: [id, start, end]}],
// "ids": [string]}. Output on stdout: per experiment, per id {hash, inExperiment, variationId} — the hash from the
// SDK's own util.hash (version 2, the experiment's seed or key), the rest from GrowthBook.run as a CRM would call it.
const fs = require('fs');
const path = require('path');
const { GrowthBook } = require('@growthbook/growthbook');
// util.hash is not exported; the SDK's own file is loaded by path so that the hash of any id (even an empty one, which
// run() skips before hashing) comes from the real code.
const util = require(path.join(__dirname, 'node_modules/@growthbook/growthbook/dist/cjs/util.js'));
const input = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const out = input.experiments.map(x => input.ids.map(id => {
  const gb = new GrowthBook({ attributes: { id } });
  const experiment = { key: x.key, variations: [0, 1], weights: [x.controlShare, 1 - x.controlShare], hashVersion: 2 };
  if (x.seed) experiment.seed = x.seed;
  if (x.namespace) experiment.namespace = x.namespace;
  const r = gb.run(experiment);
  gb.destroy();
  return { hash: util.hash(x.seed || x.key, id, 2), inExperiment: r.inExperiment, variationId: r.variationId };
}));
process.stdout.write(JSON.stringify(out));
