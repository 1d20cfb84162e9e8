#!/usr/bin/env python3
"""Regenerates the synthetic origin-case samples (O1, O2). The CSVs are committed; this script
documents exactly how they were made. Run: python3 samples/generate.py"""
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))


def write(path, header, rows):
    with open(os.path.join(HERE, path), "w", newline="\n") as f:
        f.write(",".join(header) + "\n")
        for r in rows:
            f.write(",".join(str(v) for v in r) + "\n")


def o1():
    # O1, alternating pattern: input [1,0] or [0,1]; the label says which.
    rng = random.Random(1)
    rows = [[1, 0, 0] if rng.random() < 0.5 else [0, 1, 1] for _ in range(200)]
    write("o1-alternating/alternating.csv", ["a", "b", "label"], rows)


def o2(seed=6, rows_per_class=5000):
    # O2, two noisy bases: two random base vectors in [0,1]^10; each input is one base plus
    # uniform [0,1] noise per component; the label says which base. The Bayes-optimal accuracy is
    # 1 - overlap/2, where overlap is the volume both noise boxes share.
    rng = random.Random(seed)
    bases = [[rng.random() for _ in range(10)] for _ in range(2)]
    overlap = 1.0
    for a, b in zip(*bases):
        overlap *= max(0.0, 1.0 - abs(a - b))
    rows = []
    for _ in range(rows_per_class):
        for label in (0, 1):
            rows.append([round(bases[label][i] + rng.random(), 4) for i in range(10)] + [label])
    rng.shuffle(rows)
    write("o2-noisy-bases/noisy-bases.csv", [f"x{i}" for i in range(1, 11)] + ["base"], rows)
    return 1.0 - overlap / 2.0


if __name__ == "__main__":
    o1()
    print("O2 Bayes-optimal accuracy: %.4f" % o2())
