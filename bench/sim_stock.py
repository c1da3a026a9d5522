#!/usr/bin/env python3
"""Writes SIM stock as import files of iccid,imsi,msisdn (ascending 19-digit ICCIDs with their Luhn check digit),
CHUNK rows a file, and the transfer ranges over them as FIRST;LAST lines.
Usage: sim_stock.py OUT_DIR COUNT CHUNK RANGES"""
import os
import sys


def luhn_digit(body):
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


out, count, chunk, ranges = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
os.makedirs(out, exist_ok=True)
iccids = []
for n in range(count):
    body = "894477" + str(n).zfill(12)
    iccids.append(body + luhn_digit(body))
for start in range(0, count, chunk):
    with open(os.path.join(out, "stock-%06d.csv" % (start // chunk)), "w") as f:
        f.write("iccid,imsi,msisdn\n")
        for i in range(start, min(count, start + chunk)):
            f.write("%s,23415%010d,447%09d\n" % (iccids[i], i, i))
per = count // ranges
with open(os.path.join(out, "ranges.txt"), "w") as f:
    for r in range(ranges):
        last = count - 1 if r == ranges - 1 else (r + 1) * per - 1
        f.write("%s;%s\n" % (iccids[r * per], iccids[last]))
with open(os.path.join(out, "all.txt"), "w") as f:
    f.write("%s;%s\n" % (iccids[0], iccids[-1]))
