#!/usr/bin/env python3
"""The benchmark's peer: matplotlib draws the same KPI trend (line, target, amber and red
bands) from a CSV of date,value to a 1600×900 PNG. Prints the median milliseconds of N runs,
timing the drawing and the PNG encoding, not the reading of the data."""

import statistics
import sys
import time

import matplotlib

matplotlib.use("Agg")
import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402


def main():
    data, out, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
    raw = np.loadtxt(data, delimiter=",", dtype=str)
    dates = mdates.datestr2num(raw[:, 0])
    values = raw[:, 1].astype(float)
    times = []
    for _ in range(runs + 1):
        start = time.perf_counter()
        fig, ax = plt.subplots(figsize=(16, 9), dpi=100)
        ax.axhspan(450, 600, color="#fbbc04", alpha=0.15)
        ax.axhspan(600, values.max() * 1.1, color="#db4437", alpha=0.15)
        ax.axhline(300, color="#34a853", linewidth=2, label="target 300")
        ax.plot(dates, values, "-", color="#4285f4", linewidth=2, label="Checkout p95 latency")
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%d %b %y"))
        ax.set_title("Benchmark — Checkout p95 latency")
        ax.set_ylabel("ms")
        ax.legend(loc="upper left")
        fig.savefig(out, dpi=100)
        plt.close(fig)
        times.append(time.perf_counter() - start)
    print(f"{statistics.median(times[1:]) * 1000:.1f}")


if __name__ == "__main__":
    main()
