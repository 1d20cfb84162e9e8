#!/usr/bin/python3
"""Renders bench/results.jsonl as the markdown table of bench/README.md, with the target ratios."""
import json
import platform
import statistics
import subprocess
import sys

allRows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
csvRows = [r for r in allRows if r.get("bench") == "csv"]
liveRows = {r["bench"]: r for r in allRows if r.get("bench") in ("live_views", "event_loop", "stop_latency")}
rows = [r for r in allRows if "bench" not in r]
nets = []
graphNets = {r["net"] for r in rows if r["peer"] in ("layerlab residual", "layerlab chain")}  # their own table below
for r in rows:
    if r["net"] not in nets and r["net"] not in graphNets:
        nets.append(r["net"])


def matching(peer, net, threads):
    return [r for r in rows if r["peer"] == peer and r["net"] == net and r["threads"] == threads]


def rate(peer, net, threads):
    """Median over every measured epoch of every round (bench/run.sh interleaves the peers in rounds)."""
    runs = [x for r in matching(peer, net, threads) for x in r.get("runs", [r["samples_per_s"]])]
    return statistics.median(runs) if runs else None


def roundRatios(a, b):
    """Per-round ratios of two (peer, net, threads) keys: the k-th row of each was measured side by side."""
    ra, rb = matching(*a), matching(*b)
    return [x["samples_per_s"] / y["samples_per_s"] for x, y in zip(ra, rb) if y["samples_per_s"]]


def fmt(v):
    if v is None:
        return "–"
    if v >= 1e6:
        return "%.2fM" % (v / 1e6)
    if v >= 1e3:
        return "%.1fk" % (v / 1e3)
    return "%.0f" % v


def pair(peer, net):
    return "%s / %s" % (fmt(rate(peer, net, 1)), fmt(rate(peer, net, 2)))


cpu = subprocess.run(["sh", "-c", "grep -m1 'model name' /proc/cpuinfo | cut -d: -f2"], capture_output=True, text=True).stdout.strip()
print("Machine: %s, %s cores, %s. Samples/s, median of the runs, 1 thread / 2 threads.\n" % (cpu, subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip(), platform.platform()))
print("| net, batch | LayerLab | PyTorch 1.13 | dlib 19.24 | FANN 2.2 | products alone: Eigen 1t / OpenBLAS tiled 1t (2t) |")
print("|---|---|---|---|---|---|")
batches = {"2-8-8-1 tanh": 10, "20-64-64-2 relu": 32, "784-256-128-10 relu": 64, "1024-2048-2048-10 relu": 256, "gru 20x32-64-1": 64}
for net in nets:
    print("| %s, %d | %s | %s | %s | %s | %s / %s |" % (net, batches.get(net, 0), pair("layerlab", net), pair("pytorch", net),
          pair("dlib", net), fmt(rate("fann", net, 1)), fmt(rate("eigen-gemm", net, 1)), fmt(rate("blas-gemm", net, 1)) +
          (" (%s)" % fmt(rate("blas-gemm", net, 2)) if rate("blas-gemm", net, 2) else "")))

print("\nRatios of the medians (in parentheses: lowest–highest of the rounds; targets in brackets):\n")
print("| net | LayerLab ÷ best of dlib/FANN | LayerLab ÷ PyTorch (1t / 2t) | LayerLab 2t ÷ 1t |")
print("|---|---|---|---|")
targets = {"2-8-8-1 tanh": ("≥ 2", "", ""), "20-64-64-2 relu": ("≥ 2", "", ""),
           "784-256-128-10 relu": ("", "≥ 1.5", ""), "1024-2048-2048-10 relu": ("", "≥ 1.0 / ≥ 1.2", "≥ 1.8")}


def ratio(a, b, spread=None):
    if a is None or b is None or b == 0:
        return "–"
    text = "%.2f" % (a / b)
    if spread and len(spread) > 1:
        text += " (%.2f–%.2f)" % (min(spread), max(spread))
    return text


for net in nets:
    t = targets.get(net, ("", "", ""))
    best = max([v for v in (rate("dlib", net, 1), rate("dlib", net, 2), rate("fann", net, 1)) if v] or [0])
    ours = max(rate("layerlab", net, 1) or 0, rate("layerlab", net, 2) or 0)
    vsTorch = [ratio(rate("layerlab", net, k), rate("pytorch", net, k),
                     roundRatios(("layerlab", net, k), ("pytorch", net, k))) for k in (1, 2)]
    scaling = ratio(rate("layerlab", net, 2), rate("layerlab", net, 1), roundRatios(("layerlab", net, 2), ("layerlab", net, 1)))
    print("| %s | %s %s | %s / %s %s | %s %s |" % (
        net, ratio(ours, best), "[%s]" % t[0] if t[0] else "", vsTorch[0], vsTorch[1],
        "[%s]" % t[1] if t[1] else "", scaling, "[%s]" % t[2] if t[2] else ""))

for net in nets:
    gemm1, gemm2 = rate("blas-gemm", net, 1), rate("blas-gemm", net, 2)
    if gemm1 and gemm2:
        print("\nProducts alone of %s (OpenBLAS in LayerLab's tiles), 2t ÷ 1t: %s; LayerLab's whole step: %s. "
              "The products alone are the ceiling of a step's scaling." % (
                  net, ratio(gemm2, gemm1, roundRatios(("blas-gemm", net, 2), ("blas-gemm", net, 1))),
                  ratio(rate("layerlab", net, 2), rate("layerlab", net, 1))))

residualNets = sorted({r["net"] for r in rows if r["peer"] == "layerlab residual"})
if residualNets:
    print("\nGraphs (bench_residual): a residual MLP against the chain of the same depth and their products alone "
          "(OpenBLAS in LayerLab's tiles; an add has no products), samples/s, 1t / 2t:\n")
    print("| net | residual | chain | products alone | residual ÷ chain | residual ÷ products alone | chain ÷ products alone |")
    print("|---|---|---|---|---|---|---|")
    for net in residualNets:
        cells = [pair("layerlab residual", net), pair("layerlab chain", net), pair("blas-gemm", net)]
        ratios = []
        for a, b in (("layerlab residual", "layerlab chain"), ("layerlab residual", "blas-gemm"), ("layerlab chain", "blas-gemm")):
            ratios.append(" / ".join(ratio(rate(a, net, k), rate(b, net, k), roundRatios((a, net, k), (b, net, k))) for k in (1, 2)))
        print("| %s | %s |" % (net, " | ".join(cells + ratios)))

if csvRows:
    print("\nCSV loading (%s, %s rows, %.1f MB): best of the runs, one thread.\n" % (csvRows[0]["file"].split("/")[-1], csvRows[0]["rows"], csvRows[0]["file_mb"]))
    print("| reader | seconds | peak RSS (MB) | peak ÷ file size |")
    print("|---|---|---|---|")
    for r in csvRows:
        print("| %s | %.3f | %.0f | %.2f |" % (r["peer"], r["seconds"], r["peak_rss_mb"], r["peak_rss_mb"] / r["file_mb"]))

if liveRows:
    lv, ev, st = liveRows.get("live_views"), liveRows.get("event_loop"), liveRows.get("stop_latency")
    print("\nThe cost of watching (bench_live_views; targets in brackets):\n")
    print("| figure | value |")
    print("|---|---|")
    if lv:
        print("| training with every live view ÷ headless (%s), median samples/s | %s ÷ %s = %.2f [≥ 0.95] |" % (
            lv["net"], fmt(lv["with_views_samples_per_s"]), fmt(lv["headless_samples_per_s"]), lv["ratio"]))
    if ev:
        print("| GUI event-loop lateness while training, 99th percentile (max) | %.1f ms (%.1f ms) over %d ticks [< 50 ms] |" % (
            ev["p99_late_ms"], ev["max_late_ms"], ev["ticks"]))
    if st:
        print("| Stop → run ended, worst of 3, %s | %.0f ms [< 100 ms] |" % (st["net"], st["worst_ms"]))
