// Runs the calculator compiled to wasm32 (wasm-bindgen --target nodejs) on the spec's worked
// example `points_stars` and checks the answers a browser page relies on.
//
//   node node-check.cjs PKG_DIR EXAMPLES_DIR
'use strict';
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const [pkgDir, examplesDir] = process.argv.slice(2);
const calc = require(path.resolve(pkgDir, 'zhongjie_wasm.js'));

const example = path.join(examplesDir, 'points_stars');
const dataDir = path.join(example, 'data');
const files = {};
for (const name of fs.readdirSync(dataDir)) {
  files[name] = fs.readFileSync(path.join(dataDir, name), 'utf8');
}
const filesJson = JSON.stringify(files);
const asOf = fs.readFileSync(path.join(example, 'as_of'), 'utf8').trim();
const expected = (f) => fs.readFileSync(path.join(example, 'expected', f), 'utf8');

let t = process.hrtime.bigint();
const run = JSON.parse(calc.supervise_json(filesJson, asOf));
const ms = Number(process.hrtime.bigint() - t) / 1e6;
assert.equal(run.status, 'success', JSON.stringify(run));
assert.equal(run.as_of, '2024-11-30');
assert.match(run.pack, /^zj-2024@/);
assert.equal(run.agency_grades[0].agency_id, 'R1');
assert.equal(run.agency_grades[0].score, 70);
assert.equal(run.agency_grades[0].grade, 'D');
assert.deepEqual(run.agency_grades[0].vetoes, ['status']);
const z1 = run.practitioner_stars.find((s) => s.practitioner_id === 'Z1');
assert.equal(z1.stars, 1);
assert.equal(z1.points, 14);
assert.equal(z1.card, 'red');
assert.equal(run.findings.length, 12);
for (const f of ['agency_grades.csv', 'practitioner_stars.csv', 'must_inspect.csv']) {
  assert.equal(run.files[f], expected(f), f);
}

// An explicit null pack is the built-in one; the explanation is Chinese text.
const ex = JSON.parse(calc.explain_agency_json(filesJson, asOf, 'R1', null));
assert.equal(ex.status, 'success', JSON.stringify(ex));
assert.match(ex.text, /得分 70 分/);
const px = JSON.parse(calc.explain_practitioner_json(filesJson, asOf, 'Z1'));
assert.equal(px.status, 'success', JSON.stringify(px));
assert.match(px.text, /记分 14 分/);

// Failures are values, never exceptions.
const bad = JSON.parse(calc.supervise_json('{"agency.csv": 1}', '2024-13-01'));
assert.equal(bad.status, 'failure');
assert.deepEqual(bad.errors.map((e) => e.code), ['bad_as_of', 'unknown_file']);
const about = JSON.parse(calc.about_json());
assert.equal(about.files.length, 13);

console.log(`node-check: points_stars as of ${asOf}: R1 ${run.agency_grades[0].score} ${run.agency_grades[0].grade}, ` +
  `${run.findings.length} findings, ${run.practitioner_stars.length} practitioners in ${ms.toFixed(1)} ms`);
console.log('node-check: 1 passed, 0 failed');
