#!/usr/bin/env python3
"""Summarises CPU samples of a JFR recording: the hottest leaf frames, and the frames (of any depth)
that most samples pass through, optionally only samples taken while a given frame is on the stack.

    python3 bench/jfr-top.py service.jfr [--top 25] [--within app.clerkdub] [--from SECONDS --to SECONDS]
"""
import argparse
import collections
import json
import subprocess
import sys
from datetime import datetime


def samples(recording, depth):
    out = subprocess.run(["jfr", "print", "--json", "--stack-depth", str(depth), "--events",
                          "jdk.ExecutionSample", recording], check=True, capture_output=True, text=True).stdout
    for event in json.loads(out)["recording"]["events"]:
        frames = event["values"]["stackTrace"]["frames"] if event["values"].get("stackTrace") else []
        names = [f["method"]["type"]["name"] + "." + f["method"]["name"] for f in frames]
        yield event["values"]["startTime"], event["values"]["sampledThread"]["javaName"], names


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("recording")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--depth", type=int, default=96)
    parser.add_argument("--within", help="only samples whose stack holds a frame containing this text")
    parser.add_argument("--from", dest="start", type=float, help="seconds after the first sample")
    parser.add_argument("--to", dest="end", type=float)
    args = parser.parse_args()

    leaf = collections.Counter()
    inclusive = collections.Counter()
    threads = collections.Counter()
    total = 0
    first = None
    for when, thread, names in samples(args.recording, args.depth):
        t = datetime.fromisoformat(when.replace("Z", "+00:00")).timestamp()
        first = first if first is not None else t
        if args.start is not None and t - first < args.start or args.end is not None and t - first > args.end:
            continue
        if args.within and not any(args.within in n for n in names):
            continue
        total += 1
        threads[thread] += 1
        if names:
            leaf[names[0]] += 1
        for n in set(names):
            inclusive[n] += 1
    print(f"{total} samples")
    print("\nthreads:")
    for name, n in threads.most_common(8):
        print(f"  {n:6d} {100 * n / total:5.1f}%  {name}")
    print("\nleaf frames (self time):")
    for name, n in leaf.most_common(args.top):
        print(f"  {n:6d} {100 * n / total:5.1f}%  {name}")
    print("\nframes on the stack (total time):")
    for name, n in inclusive.most_common(args.top * 3):
        print(f"  {n:6d} {100 * n / total:5.1f}%  {name}")


if __name__ == "__main__":
    sys.exit(main())
