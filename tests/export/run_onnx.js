// Runs an exported ONNX model in ONNX Runtime (npm onnxruntime-node) on the rows of a CSV file
// and prints every output as one JSON object: {"probabilities": [[...], ...], "label": [...]}.
// Each graph input is fed from the CSV column of the same name: float inputs parse the cell
// (empty or unparsable -> NaN, i.e. missing), string inputs get the cell text as it is.
// The CSV is the simple kind the export test writes: a header, commas, no quoted fields.
//   node run_onnx.js MODEL.onnx ROWS.csv
'use strict';
const fs = require('fs');
const ort = require('onnxruntime-node');

async function main() {
  const [modelPath, csvPath] = process.argv.slice(2);
  const lines = fs.readFileSync(csvPath, 'utf8').split(/\r?\n/).filter((l) => l.length > 0);
  const header = lines[0].split(',');
  const rows = lines.slice(1).map((l) => l.split(','));
  const session = await ort.InferenceSession.create(modelPath);
  const feeds = {};
  for (const name of session.inputNames) {
    const col = header.indexOf(name);
    if (col < 0) throw new Error(`${csvPath} has no column "${name}"`);
    const meta = session.inputMetadata ? session.inputMetadata.find((m) => m.name === name) : undefined;
    const cells = rows.map((r) => r[col]);
    const isString = meta ? meta.type === 'string' : cells.some((c) => c !== '' && Number.isNaN(Number(c)));
    feeds[name] = isString
      ? new ort.Tensor('string', cells, [rows.length, 1])
      : new ort.Tensor('float32', Float32Array.from(cells.map((c) => (c.trim() === '' ? NaN : Number(c)))), [rows.length, 1]);
  }
  const results = await session.run(feeds);
  const out = {};
  for (const name of session.outputNames) {
    const t = results[name];
    const data = Array.from(t.data);
    if (t.dims.length === 2) {
      const w = t.dims[1];
      out[name] = [];
      for (let r = 0; r < t.dims[0]; ++r) out[name].push(data.slice(r * w, (r + 1) * w));
    } else {
      out[name] = data;
    }
  }
  process.stdout.write(JSON.stringify(out) + '\n');
}

main().catch((e) => {
  process.stderr.write(`run_onnx.js: ${e.message}\n`);
  process.exit(1);
});
