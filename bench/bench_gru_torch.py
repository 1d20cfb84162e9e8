#!/usr/bin/python3
"""PyTorch's GRU at bench_gru's settings: 20 steps of 32 features -> GRU(64) -> Linear(64, 1), MSE,
plain SGD, batch 64, 4096 random sequences, one epoch per measurement after a warm-up epoch.
Usage: bench_gru_torch.py THREADS [REPEATS]. Prints one JSON line (median samples/s)."""
import json
import sys
import time

import torch


def main():
    threads = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    torch.set_num_threads(threads)
    torch.manual_seed(1)
    steps, features, units, batch, samples = 20, 32, 64, 64, 4096
    x = torch.rand(samples, steps, features) * 2 - 1
    y = torch.rand(samples, 1) * 2 - 1
    gru = torch.nn.GRU(features, units, batch_first=True)
    head = torch.nn.Linear(units, 1)
    opt = torch.optim.SGD(list(gru.parameters()) + list(head.parameters()), lr=0.001)
    loss_fn = torch.nn.MSELoss()

    def epoch():
        order = torch.randperm(samples)
        for b in range(0, samples, batch):
            idx = order[b:b + batch]
            opt.zero_grad()
            _, h = gru(x[idx])
            loss = loss_fn(head(h[-1]), y[idx])
            loss.backward()
            opt.step()

    epoch()
    runs = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        epoch()
        runs.append(samples / (time.perf_counter() - t0))
    med = sorted(runs)[len(runs) // 2]
    print(json.dumps({"peer": "pytorch", "net": "gru 20x32-64-1", "batch": batch, "threads": threads,
                      "samples_per_s": round(med, 1), "runs": [round(r, 1) for r in runs],
                      "version": torch.__version__}))


if __name__ == "__main__":
    main()
