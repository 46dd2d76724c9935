#!/usr/bin/env python3
"""Summarises a JFR recording: CPU samples (jdk.ExecutionSample) or allocation samples
(jdk.ObjectAllocationSample, each weighed by the bytes it stands for), as the hottest leaf frames, the frames
(of any depth) that most samples pass through, and the first frame of the service's own code on each stack,
optionally only samples taken while a given frame is on the stack.

    python3 bench/jfr-top.py service.jfr [--alloc] [--top 25] [--within app.clerkdub] [--from SECONDS --to SECONDS]
"""
import argparse
import collections
import json
import subprocess
import sys
from datetime import datetime

OWN = "app.clerkdub."


def samples(recording, depth, alloc):
    event_type = "jdk.ObjectAllocationSample" if alloc else "jdk.ExecutionSample"
    out = subprocess.run(["jfr", "print", "--json", "--stack-depth", str(depth), "--events", event_type, recording],
                         check=True, capture_output=True, text=True).stdout
    for event in json.loads(out)["recording"]["events"]:
        values = event["values"]
        frames = values["stackTrace"]["frames"] if values.get("stackTrace") else []
        names = [f["method"]["type"]["name"] + "." + f["method"]["name"] for f in frames]
        if alloc:
            thread = values["eventThread"]["javaName"] if values.get("eventThread") else "?"
            what = values["objectClass"]["name"] if values.get("objectClass") else "?"
            yield values["startTime"], thread, names, values["weight"], what
        else:
            yield values["startTime"], values["sampledThread"]["javaName"], names, 1, None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("recording")
    parser.add_argument("--alloc", action="store_true", help="allocation samples, weighed by bytes")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--depth", type=int, default=96)
    parser.add_argument("--within", help="only samples whose stack holds a frame containing this text")
    parser.add_argument("--from", dest="start", type=float, help="seconds after the first sample")
    parser.add_argument("--to", dest="end", type=float)
    args = parser.parse_args()

    leaf = collections.Counter()
    inclusive = collections.Counter()
    threads = collections.Counter()
    own = collections.Counter()
    classes = collections.Counter()
    total = 0
    count = 0
    first = None
    for when, thread, names, weight, what in samples(args.recording, args.depth, args.alloc):
        t = datetime.fromisoformat(when.replace("Z", "+00:00")).timestamp()
        first = first if first is not None else t
        if args.start is not None and t - first < args.start or args.end is not None and t - first > args.end:
            continue
        if args.within and not any(args.within in n for n in names):
            continue
        total += weight
        count += 1
        threads[thread] += weight
        if what:
            classes[what] += weight
        if names:
            leaf[names[0]] += weight
        own[next((n for n in names if n.startswith(OWN)), "(no frame of the service's own code)")] += weight
        for n in set(names):
            inclusive[n] += weight
    if not total:
        print("no samples")
        return 1
    unit = "bytes" if args.alloc else "samples"
    print(f"{count} samples" + (f", {total / 1048576:.1f} MB by their weights" if args.alloc else ""))

    def show(title, counter, limit):
        print(f"\n{title}:")
        for name, n in counter.most_common(limit):
            figure = f"{n / 1048576:8.1f} MB" if args.alloc else f"{n:6d}"
            print(f"  {figure} {100 * n / total:5.1f}%  {name}")

    show("threads", threads, 8)
    if args.alloc:
        show("classes allocated", classes, args.top)
    show(f"leaf frames (self {unit})" if not args.alloc else "allocation sites (leaf frames)", leaf, args.top)
    show("first frame of the service's own code on the stack", own, args.top)
    show(f"frames on the stack (total {unit})", inclusive, args.top * 3)
    return 0


if __name__ == "__main__":
    sys.exit(main())
