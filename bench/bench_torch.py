#!/usr/bin/python3
"""PyTorch peer for bench/run.sh: the same nets, batch, plain SGD and MSE loss as bench_dense.
Usage: bench_torch.py THREADS [REPEATS]. Prints one JSON line per net (median samples/s)."""
import json
import statistics
import sys
import time

import torch

SHAPES = [
    ("2-8-8-1 tanh", [2, 8, 8, 1], True, 10, 200000),
    ("20-64-64-2 relu", [20, 64, 64, 2], False, 32, 100000),
    ("784-256-128-10 relu", [784, 256, 128, 10], False, 64, 20480),
    ("1024-2048-2048-10 relu", [1024, 2048, 2048, 10], False, 256, 2560),
]


def main():
    threads = int(sys.argv[1])
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    only = sys.argv[3] if len(sys.argv) > 3 else ""
    torch.set_num_threads(threads)
    torch.manual_seed(1)
    for name, widths, tanh, batch, samples in SHAPES:
        if only and only not in name:
            continue
        layers = []
        for i in range(len(widths) - 1):
            layers.append(torch.nn.Linear(widths[i], widths[i + 1]))
            if i < len(widths) - 2:
                layers.append(torch.nn.Tanh() if tanh else torch.nn.ReLU())
        model = torch.nn.Sequential(*layers)
        opt = torch.optim.SGD(model.parameters(), lr=0.001)
        loss_fn = torch.nn.MSELoss()
        x = torch.rand(samples, widths[0]) * 2 - 1
        y = torch.rand(samples, widths[-1]) * 2 - 1

        def epoch():
            perm = torch.randperm(samples)
            for b in range(0, samples - batch + 1, batch):
                idx = perm[b:b + batch]
                opt.zero_grad(set_to_none=True)
                loss = loss_fn(model(x[idx]), y[idx])
                loss.backward()
                opt.step()

        epoch()
        rates = []
        for _ in range(repeats):
            t0 = time.perf_counter()
            epoch()
            rates.append(samples / (time.perf_counter() - t0))
        print(json.dumps({"peer": "pytorch", "net": name, "threads": threads,
                          "samples_per_s": statistics.median(rates), "runs": rates}), flush=True)


if __name__ == "__main__":
    main()
