#!/usr/bin/env python3
"""Latency of the nested read query (volunteers -> region, family -> members,
participations -> event -> project) against a running server.

    python3 benches/nested_latency.py [URL] [N] [TOKEN]

Prints p50/p95/max over N sequential requests after 5 warm-up requests, for
page sizes 10 and 100.
"""
import json, sys, time, urllib.request

URL = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8080/graphql"
N = int(sys.argv[2]) if len(sys.argv) > 2 else 100
TOKEN = sys.argv[3] if len(sys.argv) > 3 else None
QUERY = """query($n: Int!) { volunteers(first: $n) { totalCount nodes { fullName
  region { code frontOffice { name } }
  family { name members(first: 6) { nodes { role volunteer { fullName } } } }
  participations(first: 5) { totalCount nodes { minutes event { title project { name } } } } } } }"""


def post(n):
    body = json.dumps({"query": QUERY, "variables": {"n": n}}).encode()
    headers = {"content-type": "application/json"}
    if TOKEN:
        headers["authorization"] = f"Bearer {TOKEN}"
    req = urllib.request.Request(URL, data=body, headers=headers)
    with urllib.request.urlopen(req) as r:
        data = json.load(r)
    assert "errors" not in data, data
    return data


for n in (10, 100):
    for _ in range(5):
        post(n)
    times = []
    for _ in range(N):
        t = time.perf_counter()
        post(n)
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    print(f"page size {n:>3}: p50 {times[len(times)//2]:.1f} ms, p95 {times[int(len(times)*0.95)]:.1f} ms, max {times[-1]:.1f} ms over {N} requests")
