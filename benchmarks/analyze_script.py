"""The competitor of bench_analyze.py: what an analyst could write with pyarrow + igraph
instead of linkgraph, doing the same work as ``linkgraph ingest --preset edgelist`` +
``linkgraph analyze`` on an edge list: read the CSV, give every name an integer, combine
repeated pairs, build the graph, compute the same measures from the same numbers of
sampled sources (betweenness and closeness), and write one metrics table. Not done here,
but done by linkgraph: the community refinement's significance test, the key-player curve,
the community table, whole-network statistics, victim pseudonyms and the manifest.

Usage:
    python benchmarks/analyze_script.py EDGES.csv OUT.parquet --betweenness-k 64 --closeness-k 256

Prints JSON: seconds and CPU seconds of "ingest" (read + encode) and "analyze" (graph,
measures, write), "build" (the igraph graph alone) and "extra_measures" (Katz, HITS and
local clustering, part of "analyze"; added when linkgraph's table had them and the
script did not).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")

import igraph as ig
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import scipy.sparse as sp
import scipy.sparse.linalg as spla


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("edges")
    parser.add_argument("out")
    parser.add_argument("--betweenness-k", type=int, default=64)
    parser.add_argument("--closeness-k", type=int, default=256)
    parser.add_argument("--brokerage-max-nodes", type=int, default=200_000)
    args = parser.parse_args(argv)
    times: dict[str, float] = {}
    wall, cpu = time.perf_counter(), time.process_time()

    # ingest: read, name -> integer, repeated pairs combined (summed), as the preset does
    table = pacsv.read_csv(args.edges)
    names = pa.chunked_array(table["source"].chunks + table["target"].chunks).combine_chunks()
    enc = pc.dictionary_encode(names)
    codes = enc.indices.to_numpy().astype(np.int64)
    labels = enc.dictionary
    m = table.num_rows
    u, v = np.minimum(codes[:m], codes[m:]), np.maximum(codes[:m], codes[m:])
    n = len(labels)
    key, weight = np.unique(u * n + v, return_counts=True)
    u, v, weight = key // n, key % n, weight.astype(float)
    times["ingest_s"] = time.perf_counter() - wall
    times["ingest_cpu_s"] = time.process_time() - cpu

    wall, cpu = time.perf_counter(), time.process_time()
    g = ig.Graph(n=n, edges=list(zip(u.tolist(), v.tolist(), strict=True)), directed=False)
    w = weight.tolist()
    times["build_s"] = time.perf_counter() - wall
    times["build_cpu_s"] = time.process_time() - cpu
    out: dict[str, np.ndarray] = {}
    out["component"] = np.asarray(g.connected_components().membership)
    deg = np.asarray(g.degree(), dtype=float)
    out["degree"] = deg
    out["degree_centrality"] = deg / max(n - 1, 1)
    out["strength"] = np.asarray(g.strength(weights=w))
    rng = random.Random(0)
    sources = rng.sample(range(n), min(args.betweenness_k, n))
    out["betweenness_centrality"] = np.asarray(g.betweenness(sources=sources)) * (
        n / len(sources) / ((n - 1) * (n - 2) / 2)
    )
    picks = random.Random(0).sample(range(n), min(args.closeness_k, n))
    d1, h1, reached = np.zeros(n), np.zeros(n), np.zeros(n)
    for i in range(0, len(picks), 8):
        chunk = picks[i : i + 8]
        dist = np.asarray(g.distances(source=chunk), dtype=float)
        dist[np.arange(len(chunk)), chunk] = np.inf
        ok = np.isfinite(dist)
        dist[~ok] = 0.0
        reached += ok.sum(axis=0)
        d1 += dist.sum(axis=0)
        h1 += np.divide(1.0, dist, out=np.zeros_like(dist), where=dist > 0).sum(axis=0)
    out["closeness_centrality"] = np.divide(reached, d1, out=np.zeros(n), where=d1 > 0)
    out["harmonic_centrality"] = h1 * (n - 1) / max(len(picks), 1)
    out["eigenvector_centrality"] = np.asarray(g.eigenvector_centrality())
    out["pagerank"] = np.asarray(g.pagerank(weights=w))
    out["core_number"] = np.asarray(g.coreness())
    # Katz, hubs/authorities and local clustering: in linkgraph's table too. One Lanczos
    # eigenpair of the weighted adjacency matrix gives HITS (undirected: hubs =
    # authorities) and Katz's alpha = min(0.1, 0.9 / lambda) (as linkgraph, for equal
    # weights); Katz by conjugate gradients.
    extra_wall, extra_cpu = time.perf_counter(), time.process_time()
    a = sp.csr_matrix((np.concatenate([weight, weight]), (np.concatenate([u, v]),
                       np.concatenate([v, u]))), shape=(n, n))  # fmt: skip
    lam, vec = spla.eigsh(a, k=1, which="LA", v0=np.ones(n), tol=0)
    vec = np.abs(vec[:, 0])
    out["hub"] = out["authority"] = vec / vec.sum()
    ones = sp.csr_matrix((np.ones(2 * len(u)), a.indices, a.indptr), shape=(n, n))
    alpha = 0.1 if float(lam[0]) * 0.1 < 0.9 else 0.9 / float(lam[0])
    op = spla.LinearOperator((n, n), matvec=lambda x: x - alpha * (ones @ x), dtype=float)
    katz, _ = spla.cg(op, np.ones(n), x0=np.ones(n), rtol=1e-14, atol=0.0, maxiter=2000)
    out["katz_centrality"] = katz / np.linalg.norm(katz)
    out["clustering"] = np.nan_to_num(np.asarray(g.transitivity_local_undirected()))
    times["extra_measures_s"] = time.perf_counter() - extra_wall
    times["extra_measures_cpu_s"] = time.process_time() - extra_cpu
    ig.set_random_number_generator(random.Random(0))
    parts = g.community_leiden(objective_function="modularity", weights=w, n_iterations=2)
    member = np.asarray(parts.membership)
    out["community"] = member
    # participation coefficient: 1 - sum_c (k_ic / k_i)^2 over the neighbours' communities
    su, sv = np.concatenate([u, v]), np.concatenate([v, u])
    width = int(member.max()) + 1
    pair, k_ic = np.unique(su * width + member[sv], return_counts=True)
    owner = pair // width
    share = k_ic / deg[owner]
    out["participation_coefficient"] = np.where(
        deg > 0, 1 - np.bincount(owner, weights=share**2, minlength=n), 0.0
    )
    if n <= args.brokerage_max_nodes:
        out["constraint"] = np.asarray(g.constraint(weights=w))
        local = np.nan_to_num(np.asarray(g.transitivity_local_undirected()))
        ties = local * deg * (deg - 1) / 2  # links among each entity's neighbours
        out["effective_size"] = deg - np.divide(2 * ties, deg, out=np.zeros(n), where=deg > 0)
    result = pa.table({"entity": labels, **{k: pa.array(a) for k, a in out.items()}})
    pq.write_table(result, args.out)
    times["analyze_s"] = time.perf_counter() - wall
    times["analyze_cpu_s"] = time.process_time() - cpu
    times["entities"], times["edges"] = n, len(u)
    print(json.dumps(times))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
