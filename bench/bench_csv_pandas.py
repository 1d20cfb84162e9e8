"""pandas' C parser on the same file: best time of REPEATS reads and the peak memory the read adds.
   bench_csv_pandas.py FILE [REPEATS]"""
import json
import os
import resource
import sys
import time

import pandas as pd

path = sys.argv[1]
repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 5
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # interpreter + pandas import
best, rows = 1e30, 0
for _ in range(repeats):
    t0 = time.perf_counter()
    df = pd.read_csv(path, engine="c")
    best = min(best, time.perf_counter() - t0)
    rows = len(df)
    del df
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
print(json.dumps({"bench": "csv", "peer": "pandas " + pd.__version__, "file": path, "rows": rows,
                  "file_mb": round(os.path.getsize(path) / 1e6, 1), "seconds": round(best, 4),
                  "peak_rss_mb": round(peak, 1), "import_rss_mb": round(before, 1)}))
