"""Times the first page of every fragment of customers.sh, one at a time, and groups the latencies.

Input: the TSV customers.sh wrote (kind, fragment, drawn customer's id, true number of matches, rank), the console's
base address, a bearer token and how many rounds to time (run it warm: after wrk, every round counts). Prints
p50 / p90 / p99 / max per kind and per band of true matches, and the slowest fragments: where the tail comes from.
"""
import http.client
import sys
import time
import urllib.parse

fragments_path, base, token = sys.argv[1], sys.argv[2], sys.argv[3]
rounds = int(sys.argv[4]) if len(sys.argv) > 4 else 1
rows = []
with open(fragments_path) as f:
    for line in f:
        kind, q, _, total, _ = line.rstrip("\n").split("\t")
        rows.append((kind, q, int(total)))

address = urllib.parse.urlparse(base)
connection = http.client.HTTPConnection(address.hostname, address.port, timeout=60)
headers = {"Authorization": "Bearer " + token}
timings = {}
for r in range(rounds):
    for kind, q, total in rows:
        path = "/api/v1/customers?" + urllib.parse.urlencode({"q": q, "size": 25})
        start = time.perf_counter()
        connection.request("GET", path, headers=headers)
        answer = connection.getresponse()
        answer.read()
        elapsed = (time.perf_counter() - start) * 1000
        if answer.status != 200:
            sys.exit("%s %r answered %d" % (kind, q, answer.status))
        timings.setdefault((kind, q, total), []).append(elapsed)


def band(total):
    for limit, name in ((10, "1-10"), (100, "11-100"), (1000, "101-1000"), (5000, "1001-5000"), (50000, "5001-50000")):
        if total <= limit:
            return name
    return ">50000"


def stats(values):
    v = sorted(values)
    pick = lambda p: v[min(len(v) - 1, int(p * len(v)))]
    return "n %5d  p50 %6.1f  p90 %6.1f  p99 %6.1f  max %6.1f ms" % (len(v), pick(0.5), pick(0.9), pick(0.99), v[-1])


groups = {}
for (kind, q, total), values in timings.items():
    groups.setdefault(("kind", kind), []).extend(values)
    groups.setdefault(("matches", band(total)), []).extend(values)
    groups.setdefault(("all", ""), []).extend(values)
for key in sorted(groups):
    print("  %-8s %-12s %s" % (key[0], key[1], stats(groups[key])))
slowest = sorted(timings.items(), key=lambda item: -max(item[1]))[:15]
for (kind, q, total), values in slowest:
    print("  slow: %-12s %-14r matches %7d  %s" % (kind, q, total, " ".join("%.1f" % v for v in values)))
