#!/usr/bin/env bash
# Installs ONNX Runtime for Node (npm onnxruntime-node, CPU binaries included in the package) into
# .cache/onnxruntime-node, for the export test that runs our ONNX files in a real runtime.
# Idempotent: does nothing when the pinned version is already there. Needs node + npm
# (scripts/install-deps.sh installs Debian's) and the npm registry.
set -euo pipefail
cd "$(dirname "$0")/.."
version=1.30.0
dir=.cache/onnxruntime-node
if [[ -f "$dir/node_modules/onnxruntime-node/package.json" ]] &&
   grep -q "\"version\": \"$version\"" "$dir/node_modules/onnxruntime-node/package.json"; then
  echo "install-onnxruntime: onnxruntime-node $version present"
  exit 0
fi
mkdir -p "$dir"
cd "$dir"
[[ -f package.json ]] || echo '{"name": "layerlab-onnx-test", "private": true}' > package.json
# skip: no GPU binaries are downloaded from GitHub (unreachable here); the CPU ones are in the package.
ONNXRUNTIME_NODE_INSTALL=skip ONNXRUNTIME_NODE_INSTALL_CUDA=skip \
  npm install --no-audit --no-fund --loglevel=error "onnxruntime-node@$version"
echo "install-onnxruntime: onnxruntime-node $version installed in $dir"
