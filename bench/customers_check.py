"""Checks the customer lookup's answers against the ground truth customers.sh drew, and writes the wrk script.

Input: a TSV of kind, fragment, drawn customer's id, true number of matches, the customer's rank among the matches
in the default order. For each fragment the page holding that rank is asked for (size 25): the customer must be on
it, and the total must equal the truth, or, when the truth is above the cap, the answer must say "more than"
(totalExact false) with a total no larger than the truth. Prints the misses and wrong totals per kind; exits 1 when
either is not zero.
"""
import itertools
import json
import sys
import urllib.parse
import urllib.request

fragments_path, base, token, cap, lua_path = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]
SIZE = 25
rows = []
with open(fragments_path) as f:
    for line in f:
        kind, q, cid, total, rank = line.rstrip("\n").split("\t")
        rows.append((kind, q, cid, int(total), int(rank)))

stats = {}
examples = []
for kind, q, cid, truth, rank in rows:
    s = stats.setdefault(kind, {"fragments": 0, "misses": 0, "wrong_totals": 0, "above_cap": 0, "truths": []})
    s["fragments"] += 1
    s["truths"].append(truth)
    page = rank // SIZE
    url = "%s/api/v1/customers?%s" % (base, urllib.parse.urlencode({"q": q, "size": SIZE, "page": page}))
    request = urllib.request.Request(url, headers={"Authorization": "Bearer " + token})
    with urllib.request.urlopen(request, timeout=60) as answer:
        body = json.load(answer)
    ids = [c["id"] for c in body["items"]]
    if cid not in ids:
        s["misses"] += 1
        examples.append("miss: %s %r (truth %d, rank %d, page %d answered %d items)" % (kind, q, truth, rank, page, len(ids)))
    if truth > cap:
        s["above_cap"] += 1
        right = body["totalExact"] is False and body["total"] <= truth
    else:
        right = body["totalExact"] is True and body["total"] == truth
    if not right:
        s["wrong_totals"] += 1
        examples.append("wrong total: %s %r truth %d, answered total %s exact %s" % (kind, q, truth, body["total"], body["totalExact"]))

misses = sum(s["misses"] for s in stats.values())
wrong = sum(s["wrong_totals"] for s in stats.values())
for kind, s in stats.items():
    t = sorted(s["truths"])
    print("  %-12s %4d fragments, matches per fragment: median %d, max %d, %d above the cap; misses %d, wrong totals %d"
          % (kind, s["fragments"], t[len(t) // 2], t[-1], s["above_cap"], s["misses"], s["wrong_totals"]))
for e in examples[:20]:
    print("  " + e)
print("answers checked: %d fragments, misses %d, wrong totals %d" % (len(rows), misses, wrong))

# The latency run asks for the first page of each fragment, as one sees it while typing. A run rarely goes through
# all of them (1,140 lookups in 20 s at one connection), so the kinds take turns: any stretch of the cycle holds
# each kind in its share, not the first kinds only.
by_kind = {}
for row in rows:
    by_kind.setdefault(row[0], []).append(row[1])
turns = [q for group in itertools.zip_longest(*by_kind.values()) for q in group if q is not None]
with open(lua_path, "w") as f:
    f.write("local queries = {%s}\n" % ",".join(json.dumps(urllib.parse.quote(q, safe="")) for q in turns))
    f.write("local i = 0\nrequest = function()\n  i = i + 1\n"
            "  return wrk.format(\"GET\", \"/api/v1/customers?size=25&q=\" .. queries[(i % #queries) + 1])\nend\n")
sys.exit(1 if misses or wrong else 0)
