#!/usr/bin/env python3
"""Mixed load over HAProxy against the console cluster of deploy/, with faults in turn, and the checks after them.

Run by failover.sh (which starts and stops the cluster). Standard library only. Writes a report to stdout and
exits non-zero when an acknowledged write is missing, a transfer or upload is half-applied, or a revocation did
not hold.
"""
import base64, json, os, re, signal, subprocess, sys, threading, time, urllib.error, urllib.request, uuid

CLUSTER = os.path.abspath(sys.argv[1])
BASE_PORT = int(os.environ.get("CLUSTER_PORT_BASE", "15400"))
NODES = int(os.environ.get("CLUSTER_NODES", "3"))
BASE = "http://127.0.0.1:%d" % (BASE_PORT + 1)
WORKERS = int(os.environ.get("FAILOVER_WORKERS", "4"))
START = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "deploy", "cluster-start.sh")
SECRETS = dict(l.strip().split("=", 1) for l in open(os.path.join(CLUSTER, "secrets.env")) if "=" in l)
PASSWORD = "Failover-pass-123!"
T0 = time.time()
# How long each phase runs, in seconds: the load before the first fault, the load with a console instance down, and
# after writes came back from a primary's postmaster or a whole node being killed. failover.sh --quick shortens them.
SETTLE = float(os.environ.get("FAILOVER_SETTLE", "8"))
CONSOLE_DOWN = float(os.environ.get("FAILOVER_CONSOLE_DOWN", "15"))
AFTER_PRIMARY = float(os.environ.get("FAILOVER_AFTER_PRIMARY", "10"))
AFTER_NODE = float(os.environ.get("FAILOVER_AFTER_NODE", "5"))
TAIL = float(os.environ.get("FAILOVER_TAIL", "5"))
REJOIN_SECONDS = int(os.environ.get("FAILOVER_REJOIN_SECONDS", "120"))


def now():
    return time.time() - T0


def say(msg):
    print("%7.1fs %s" % (now(), msg), flush=True)


def call(method, path, token=None, body=None, ctype="application/json", basic=None, timeout=30):
    data = None
    headers = {"Accept": "application/json"}
    if body is not None:
        data = body.encode() if isinstance(body, str) else json.dumps(body).encode()
        headers["Content-Type"] = ctype
    if token:
        headers["Authorization"] = "Bearer " + token
    if basic:
        headers["Authorization"] = "Basic " + base64.b64encode(("%s:%s" % basic).encode()).decode()
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        data = b"grant_type=client_credentials"
    req = urllib.request.Request(BASE + path, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            text = r.read().decode()
            return r.status, (json.loads(text) if text[:1] in "{[" else text), dict(r.headers)
    except urllib.error.HTTPError as e:
        text = e.read().decode(errors="replace")
        try:
            return e.code, json.loads(text), dict(e.headers)
        except ValueError:
            return e.code, text, dict(e.headers)
    except Exception as e:  # connection refused / reset / timeout: no answer at all
        return 0, str(e), {}


def token(login, secret):
    s, b, _ = call("POST", "/api/v1/oauth/token", basic=(login, secret))
    return b["access_token"] if s == 200 else None


def psql(sql):
    env = dict(os.environ, PGPASSWORD=SECRETS["CONSOLE_DB_PASSWORD"])
    out = subprocess.run(["/usr/lib/postgresql/15/bin/psql", "-X", "-At", "-h", "127.0.0.1", "-p", str(BASE_PORT),
                          "-U", "iotconsole", "-d", "iotconsole", "-c", sql], env=env, capture_output=True, text=True,
                         timeout=60)
    if out.returncode != 0:
        raise RuntimeError(out.stderr)
    return out.stdout.strip()


def luhn(digits):
    total = 0
    for i, d in enumerate(reversed(digits)):
        n = int(d)
        if i % 2 == 0:
            n *= 2
            n = n - 9 if n > 9 else n
        total += n
    return str((10 - total % 10) % 10)


def activation_token(email):
    for _ in range(200):
        for name in sorted(os.listdir(os.path.join(CLUSTER, "logs"))):
            if name.startswith("console"):
                text = open(os.path.join(CLUSTER, "logs", name), errors="replace").read()
                m = re.findall(r"mail to %s kept in the outbox.*?activate\?token=([A-Za-z0-9_-]+)" % re.escape(email), text)
                if m:
                    return m[-1]
        time.sleep(0.1)
    raise RuntimeError("no activation link for " + email)


# --- set-up ------------------------------------------------------------------------------------------------------
run = uuid.uuid4().hex[:8]
op = token("operator@localhost", SECRETS["CONSOLE_OPERATOR_PASSWORD"])
owner_email = "owner-%s@failover.test" % run
s, org, _ = call("POST", "/api/v1/organizations", op, {"name": "Failover %s" % run, "owner": {
    "firstName": "Fail", "lastName": "Over", "email": owner_email}})
assert s == 201, (s, org)
s, b, _ = call("POST", "/api/v1/activation", body={"token": activation_token(owner_email), "password": PASSWORD})
assert s < 300, (s, b)
owner = token(owner_email, PASSWORD)
s, sub, _ = call("POST", "/api/v1/organizations", owner, {"name": "Failover sub %s" % run, "owner": {
    "firstName": "Sub", "lastName": "Owner", "email": "sub-%s@failover.test" % run}})
assert s == 201, (s, sub)
prefix = "89883" + str(int(run, 16) % 10 ** 8).zfill(8)  # 13 digits, then a 5-digit number, then the check digit
SIMS_PER_WORKER = 200
iccids = [prefix + str(i).zfill(5) for i in range(WORKERS * SIMS_PER_WORKER)]
iccids = [i + luhn(i) for i in iccids]
stock = "iccid,imsi,msisdn\n" + "".join("%s,9012%011d,88236%010d\n" % (c, int(run, 16) % 10 ** 5 * 10 ** 6 + n, int(run, 16) % 10 ** 4 * 10 ** 6 + n)
                                        for n, c in enumerate(iccids))
s, b, _ = call("POST", "/api/v1/organizations/%s/sims/import" % org["id"], op, stock, "text/csv")
assert s == 200, (s, b)
s, customer, _ = call("POST", "/api/v1/customers", owner, {"firstName": "Up", "lastName": "Load", "email": "up-%s@failover.test" % run})
assert s == 201, (s, customer)
say("set up: organisation %s with %d SIMs, sub-organisation %s" % (org["accountNumber"], len(iccids), sub["accountNumber"]))

# --- load ----------------------------------------------------------------------------------------------------------
results = []  # (start, end, op, status, key)
acked = {"user": [], "customer": [], "transfer": [], "upload": [], "limit": {}}
failed_writes = {"transfer": [], "upload": [], "limit": {}}
lock = threading.Lock()
stop = threading.Event()


def worker(w):
    mine = iccids[w * SIMS_PER_WORKER:(w + 1) * SIMS_PER_WORKER]
    limit_sims, transfer_sims = mine[:20], mine[20:]
    n = 0
    while not stop.is_set():
        n += 1
        kind = ["signin", "user", "customer", "limit", "transfer", "read", "upload"][n % 7]
        key = None
        t = now()
        if kind == "signin":
            s, b, _ = call("POST", "/api/v1/oauth/token", basic=(owner_email, PASSWORD))
        elif kind == "read":
            s, b, _ = call("GET", "/api/v1/sims?size=20", owner)
        elif kind == "user":
            key = "u-%s-%d-%d@failover.test" % (run, w, n)
            s, b, _ = call("POST", "/api/v1/users", owner, {"firstName": "Load", "lastName": "User", "email": key, "role": "READ_ONLY"})
        elif kind == "customer":
            key = "c-%s-%d-%d@failover.test" % (run, w, n)
            s, b, _ = call("POST", "/api/v1/customers", owner, {"firstName": "Load", "lastName": "Customer", "email": key})
        elif kind == "limit":
            sim = limit_sims[n % len(limit_sims)]
            key = (sim, n)
            s, b, _ = call("PATCH", "/api/v1/sims/" + sim, owner, {"monthlyLimitMb": n})
        elif kind == "transfer":
            if len(transfer_sims) < 2:
                continue
            pair = (transfer_sims.pop(0), transfer_sims.pop(0))
            key = pair
            s, b, _ = call("POST", "/api/v1/sim-transfers?dryRun=false", owner, {
                "fromOrganizationId": org["id"], "toOrganizationId": sub["id"], "ranges": [{"first": pair[0], "last": pair[1]}]})
        else:
            key = "SN-%s-%d-%d-" % (run, w, n)
            csv = "location_name,location_address,device_name,serial_number,model,iccid\n" + "".join(
                "Depot,1 Quay Street,Sensor %d,%s%03d,TH-200,\n" % (i, key, i) for i in range(50))
            s, b, _ = call("POST", "/api/v1/customers/%s/devices/import" % customer["id"], owner, csv, "text/csv")
        with lock:
            results.append((t, now(), kind, s, key))
            if 200 <= s < 300 and key is not None:
                if kind == "limit":
                    acked["limit"][key[0]] = key[1]
                else:
                    acked[kind].append(key)
            elif key is not None and kind in failed_writes:
                if kind == "limit":
                    failed_writes["limit"].setdefault(key[0], []).append(key[1])
                else:
                    failed_writes[kind].append(key)
        if not (200 <= s < 300) and s != 409:
            time.sleep(0.2)  # a client that failed waits a little before its next request, as Retry-After asks


threads = [threading.Thread(target=worker, args=(w,), daemon=True) for w in range(WORKERS)]
for th in threads:
    th.start()


def revoked_user():
    """An API user that works, then is deactivated just before a fault: after it, its token must stay refused."""
    suffix = "f%s%d" % (run[:4], int(now() * 10))
    secret = "Secret-%s-%s!" % (run, suffix)
    s, b, _ = call("POST", "/api/v1/users", owner, {"role": "API_USER", "clientIdSuffix": suffix, "clientSecret": secret})
    assert s == 201, (s, b)
    t = token(b["clientId"], secret)
    assert call("GET", "/api/v1/me", t)[0] == 200
    s2, b2, _ = call("POST", "/api/v1/users/%s/deactivate" % b["id"], owner)
    assert s2 < 300, (s2, b2)
    return t, b["clientId"], secret


def pid_of(name):
    return int(open(os.path.join(CLUSTER, "run", name + ".pid")).read().strip())


def leader():
    for i in range(1, NODES + 1):
        try:
            with urllib.request.urlopen("http://127.0.0.1:%d/primary" % (BASE_PORT + 10 + i), timeout=2) as r:
                if r.status == 200:
                    return i
        except Exception:
            pass
    return None


def patroni_answers_within(nodes, path, seconds):
    """Whether one of the nodes' Patroni answers GET path with 200 within the time."""
    end = time.time() + seconds
    while time.time() < end:
        for i in nodes:
            try:
                with urllib.request.urlopen("http://127.0.0.1:%d%s" % (BASE_PORT + 10 + i, path), timeout=2) as r:
                    if r.status == 200:
                        return True
            except Exception:
                pass
        time.sleep(0.5)
    return False


def sync_standby_within(seconds):
    """Whether a synchronous standby exists (some node answers GET /sync with 200) within the time."""
    return patroni_answers_within(range(1, NODES + 1), "/sync", seconds)


def is_replica_within(node, seconds):
    """Whether the node is a running, streaming replica (GET /replica answers 200) within the time."""
    return patroni_answers_within([node], "/replica", seconds)


def restart_cluster():
    subprocess.run(["bash", START, CLUSTER], check=True, stdout=subprocess.DEVNULL, timeout=400)


def write_outage(fault_at, until):
    """Seconds without a successful write around the fault: the longest gap between successful writes."""
    with lock:
        ok = sorted(e for (st, e, k, s, _) in results if k in ("user", "customer", "limit", "transfer", "upload")
                    and 200 <= s < 300 and fault_at - 2 <= e <= until)
    gaps = [b - a for a, b in zip([fault_at] + ok, ok + [until])]
    return max(gaps) if gaps else until - fault_at


def failures(since, until):
    with lock:
        bad = [(k, s) for (st, e, k, s, _) in results if since <= st <= until and not (200 <= s < 300) and s != 409]
    by = {}
    for k, s in bad:
        by["%s %s" % (k, s)] = by.get("%s %s" % (k, s), 0) + 1
    return len(bad), by


def wait_writes_back(since, limit=90):
    end = time.time() + limit
    while time.time() < end:
        with lock:
            if any(st > since + 1 and 200 <= s < 300 and k in ("customer", "user") for (st, e, k, s, _) in results):
                return True
        time.sleep(0.5)
    return False


problems = []
revocations = []
report = []
time.sleep(SETTLE)

# 1. a console instance dies
t_rev = revoked_user()
revocations.append(("before killing console1",) + t_rev)
fault = now()
os.kill(pid_of("console1"), signal.SIGKILL)
say("kill -9 console1")
time.sleep(CONSOLE_DOWN)
n, by = failures(fault, now())
report.append(("kill -9 one console instance", write_outage(fault, now()), n, by))
say("restarting console1")
restart_cluster()
say("console1 back")

# 2. the PostgreSQL primary dies
revocations.append(("before killing the primary",) + revoked_user())
lead = leader()
pm = int(open(os.path.join(CLUSTER, "pg%d" % lead, "data", "postmaster.pid")).readline())
fault = now()
os.kill(pm, signal.SIGKILL)
say("kill -9 the postmaster of the primary pg%d (pid %d)" % (lead, pm))
back = wait_writes_back(fault)
time.sleep(AFTER_PRIMARY)
new = leader()
n, by = failures(fault, now())
report.append(("kill -9 the primary's postmaster (pg%d -> pg%s)" % (lead, new), write_outage(fault, now()), n, by))
if not back:
    problems.append("writes did not come back within 90 s after the primary died")

# 3. the killed node rejoins (Patroni restarts it as a replica of the new primary); then kill a whole node's Patroni
#    and PostgreSQL and start it again
say("waiting for pg%d to rejoin" % lead)
if not is_replica_within(lead, REJOIN_SECONDS):
    problems.append("pg%d did not rejoin as a replica within %d s" % (lead, REJOIN_SECONDS))
say("pg%d is a replica again" % lead)
# the next fault hits a healthy cluster: with synchronous replication Patroni promotes only the synchronous standby,
# so a primary lost before the new primary has one (seconds after the last failover) waits for a human, by design
if not sync_standby_within(REJOIN_SECONDS):
    problems.append("no synchronous standby within %d s after pg%d rejoined" % (REJOIN_SECONDS, lead))
say("a synchronous standby is in place")
revocations.append(("before killing a node",) + revoked_user())
lead = leader()
pm = int(open(os.path.join(CLUSTER, "pg%d" % lead, "data", "postmaster.pid")).readline())
fault = now()
os.killpg(pid_of("patroni%d" % lead), signal.SIGKILL)
os.kill(pm, signal.SIGKILL)
say("kill -9 Patroni and PostgreSQL of the primary pg%d" % lead)
back = wait_writes_back(fault)
time.sleep(AFTER_NODE)
n, by = failures(fault, now())
report.append(("kill -9 a whole primary node (pg%d, Patroni too)" % lead, write_outage(fault, now()), n, by))
say("restarting pg%d" % lead)
restart_cluster()
if not is_replica_within(lead, REJOIN_SECONDS):
    problems.append("pg%d did not rejoin within %d s of its restart" % (lead, REJOIN_SECONDS))
say("pg%d rejoined" % lead)
time.sleep(TAIL)
stop.set()
for th in threads:
    th.join(60)

# --- checks against the database ------------------------------------------------------------------------------------
def quoted(values):
    return ",".join("'%s'" % v for v in values)


lost = []
if acked["user"]:
    have = set(psql("SELECT email FROM app_user WHERE email IN (%s)" % quoted(acked["user"])).split())
    lost += ["user " + e for e in acked["user"] if e not in have]
if acked["customer"]:
    have = set(psql("SELECT email FROM customer WHERE email IN (%s)" % quoted(acked["customer"])).split())
    lost += ["customer " + e for e in acked["customer"] if e not in have]
owners = dict(l.split("|") for l in psql("SELECT iccid, organization_id FROM sim_card WHERE iccid IN (%s)" % quoted(iccids)).splitlines())
for a, b in acked["transfer"]:
    if owners[a] != sub["id"] or owners[b] != sub["id"]:
        lost.append("transfer %s-%s" % (a, b))
half = [p for p in failed_writes["transfer"] if owners[p[0]] != owners[p[1]]]
half += ["transfer %s-%s" % p for p in acked["transfer"] if owners[p[0]] != owners[p[1]]]
counts = {}
for line in psql("SELECT left(serial_number, length(serial_number) - 3), count(*) FROM device WHERE serial_number LIKE 'SN-%s-%%' GROUP BY 1" % run).splitlines():
    k, c = line.split("|")
    counts[k] = int(c)
lost += ["upload " + k for k in acked["upload"] if counts.get(k) != 50]
half += ["upload %s (%d rows)" % (k, counts[k]) for k in counts if counts[k] not in (0, 50)]
limits = dict(l.split("|") for l in psql("SELECT iccid, coalesce(monthly_limit_mb, -1) FROM sim_card WHERE iccid IN (%s)" % quoted(acked["limit"])).splitlines()) if acked["limit"] else {}
for sim, value in acked["limit"].items():
    later = [v for v in failed_writes["limit"].get(sim, []) if v > value]
    if int(limits[sim]) != value and int(limits[sim]) not in later:
        lost.append("SIM limit %s=%d (database: %s)" % (sim, value, limits[sim]))
for label, t, client_id, secret in revocations:
    if call("GET", "/api/v1/me", t)[0] != 401 or token(client_id, secret) is not None:
        problems.append("the revocation made %s did not hold" % label)

total = len(results)
ok = sum(1 for r in results if 200 <= r[3] < 300)
writes = sum(len(acked[k]) for k in ("user", "customer", "transfer", "upload")) + len(acked["limit"])
print()
print("requests: %d, answered 2xx: %d; acknowledged writes: users %d, customers %d, transfers %d, uploads %d, SIM limits %d"
      % (total, ok, len(acked["user"]), len(acked["customer"]), len(acked["transfer"]), len(acked["upload"]), len(acked["limit"])))
print("%-52s %22s %8s  %s" % ("fault", "seconds without writes", "failed", "failed requests by kind and status"))
for label, outage, n, by in report:
    print("%-52s %22.1f %8d  %s" % (label, outage, n, ", ".join("%s: %d" % kv for kv in sorted(by.items()))))
print("acknowledged writes lost: %d%s" % (len(lost), (" " + "; ".join(lost[:10])) if lost else ""))
print("half-applied transfers or uploads: %d%s" % (len(half), (" " + "; ".join(map(str, half[:10]))) if half else ""))
print("revocations that held: %d of %d" % (len(revocations) - sum(1 for p in problems if "revocation" in p), len(revocations)))
for p in problems:
    print("PROBLEM: " + p)
slow = [r for r in report if "primary" in r[0] and r[1] >= 30]
sys.exit(1 if lost or half or problems or slow else 0)
