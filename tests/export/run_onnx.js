// Runs an exported ONNX model in ONNX Runtime (npm onnxruntime-node) on the rows of a CSV file
// and prints every output as one JSON object: {"probabilities": [[...], ...], "label": [...]}.
// Each graph input is fed from the CSV column of the same name: float inputs parse the cell
// (empty or unparsable -> NaN, i.e. missing), string inputs get the cell text as it is.
// The CSV is the simple kind the export test writes: a header, commas, no quoted fields.
// Sequence models: `--characters L` splits each text cell into its characters ([N, L], "" after
// the end); `--window W` feeds each column's last W rows ([N, W], one sample per row that has W
// rows up to it, as `layerlab-cli predict` does).
//   node run_onnx.js MODEL.onnx ROWS.csv [--characters L | --window W]
'use strict';
const fs = require('fs');
const ort = require('onnxruntime-node');

async function main() {
  const [modelPath, csvPath, mode, widthText] = process.argv.slice(2);
  const width = Number(widthText || 1);
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
    if (mode === '--characters') {
      const chars = [];
      for (const c of cells) {
        const cs = Array.from(c.trim()).slice(0, width);
        while (cs.length < width) cs.push('');
        chars.push(...cs);
      }
      feeds[name] = new ort.Tensor('string', chars, [rows.length, width]);
      continue;
    }
    if (mode === '--window') {
      const windows = [];
      for (let r = width - 1; r < cells.length; ++r) windows.push(...cells.slice(r - width + 1, r + 1));
      const n = windows.length / width;
      feeds[name] = isString
        ? new ort.Tensor('string', windows, [n, width])
        : new ort.Tensor('float32', Float32Array.from(windows.map((c) => (c.trim() === '' ? NaN : Number(c)))), [n, width]);
      continue;
    }
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
