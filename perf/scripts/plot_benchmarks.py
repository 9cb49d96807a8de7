#!/usr/bin/env python3
"""Draws docs/images/bench-*.png from the JSON results of perf/run-benchmarks.sh.

Usage: plot_benchmarks.py RESULTS_DIR IMAGES_DIR
Each plot is drawn only if its results file exists (a subset run redraws only its own plots).
"""
import json
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

FED = "#1f77b4"
NAT = "#ff7f0e"


def load(results, name):
    path = os.path.join(results, name + ".json")
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return json.load(f)


def save(fig, images, name):
    os.makedirs(images, exist_ok=True)
    fig.tight_layout()
    fig.savefig(os.path.join(images, name), dpi=110)
    plt.close(fig)
    print("wrote", os.path.join(images, name))


def throughput_panel(ax, rows, iterations):
    levels = sorted({p["concurrency"] for p in rows})
    by = {(p["kind"], p["concurrency"]): p for p in rows}
    width = 0.38
    xs = range(len(levels))
    fed = [by[("federated", c)]["throughput"] for c in levels]
    nat = [by[("native", c)]["throughput"] for c in levels]
    b1 = ax.bar([x - width / 2 for x in xs], fed, width, label="federated (legacy Django pbkdf2_sha256)", color=FED)
    b2 = ax.bar([x + width / 2 for x in xs], nat, width, label="native (Keycloak pbkdf2-sha256)", color=NAT)
    for bars in (b1, b2):
        for b in bars:
            ax.annotate(f"{b.get_height():.1f}", (b.get_x() + b.get_width() / 2, b.get_height()),
                        ha="center", va="bottom", fontsize=8)
    for x, c in zip(xs, levels):
        ratio = fed[x] / nat[x]
        ax.annotate(f"fed/native {ratio:.2f}", (x, max(fed[x], nat[x]) * 1.1), ha="center", fontsize=9,
                    weight="bold")
    ax.set_xticks(list(xs))
    ax.set_xticklabels([f"concurrency {c}" for c in levels])
    ax.set_ylabel("password grants per second")
    ax.set_ylim(0, max(fed + nat) * 1.3)
    ax.set_title(f"Login throughput, N = {iterations:,} iterations on both sides", fontsize=10)
    ax.legend(loc="upper left", fontsize=8)


def login(results, images):
    data = load(results, "login")
    if not data:
        return
    pooled = data["pooled"]
    levels = sorted({p["concurrency"] for p in pooled})
    by = {(p["kind"], p["concurrency"]): p for p in pooled}
    n = data["hashIterations"]

    panels = [(pooled, n)]
    if data.get("lowCostPooled"):
        panels.append((data["lowCostPooled"], data["lowCostIterations"]))
    fig, axes = plt.subplots(1, len(panels), figsize=(6.5 * len(panels), 4.2))
    if len(panels) == 1:
        axes = [axes]
    for ax, (rows, iterations) in zip(axes, panels):
        throughput_panel(ax, rows, iterations)
    save(fig, images, "bench-login-throughput.png")

    fig, axes = plt.subplots(1, len(levels), figsize=(4 * len(levels), 3.8), sharey=False)
    if len(levels) == 1:
        axes = [axes]
    for ax, c in zip(axes, levels):
        for kind, color in (("federated", FED), ("native", NAT)):
            pts = by[(kind, c)]["percentiles"]
            ax.plot([p[0] for p in pts], [p[1] for p in pts], marker="o", markersize=3, color=color, label=kind)
        ax.set_title(f"concurrency {c}")
        ax.set_xlabel("percentile")
        ax.set_ylabel("latency (ms)")
        ax.grid(alpha=0.3)
        ax.legend(fontsize=8)
    fig.suptitle("Password-grant latency by percentile")
    save(fig, images, "bench-login-latency.png")


def scale(results, images):
    data = load(results, "scale")
    if not data:
        return
    variants = data["variants"]
    res = data["results"]
    fig, axes = plt.subplots(2, 1, figsize=(10, 8.5), gridspec_kw={"height_ratios": [2, 1]})
    colors = ["#d62728", "#2ca02c", "#1f77b4"]
    for ax, layer, title in ((axes[0], "sql", "SQL layer (LegacyUserRepository), p50"),
                             (axes[1], "rest", "admin REST API, p50")):
        ops = []
        for r in res:
            if r["layer"] == layer and r["op"] not in ops:
                ops.append(r["op"])
        if not ops:
            ax.set_visible(False)
            continue
        height = 0.8 / len(variants)
        for vi in range(len(variants)):
            vals = []
            for op in ops:
                match = [r for r in res if r["layer"] == layer and r["op"] == op and r["variant"] == vi + 1]
                vals.append(match[0]["p50"] if match else 0)
            ys = [i + (vi - (len(variants) - 1) / 2) * height for i in range(len(ops))]
            ax.barh(ys, vals, height, color=colors[vi % len(colors)],
                    label=variants[vi].replace("`", ""))
        ax.set_yticks(range(len(ops)))
        ax.set_yticklabels([o.replace("`", "") for o in ops], fontsize=8)
        ax.invert_yaxis()
        ax.set_xscale("log")
        ax.set_xlabel("ms (log scale)")
        ax.set_title(title, fontsize=10)
        for goal, label in ((1, "1 ms"), (50, "50 ms"), (500, "500 ms")):
            ax.axvline(goal, color="grey", linestyle=":", linewidth=0.8)
        ax.grid(axis="x", alpha=0.3)
    handles, labels = axes[0].get_legend_handles_labels()
    fig.suptitle(f"{data['rows']:,}-row auth_user (dotted lines: 1, 50 and 500 ms goals)")
    fig.tight_layout(rect=(0, 0.06, 1, 1))
    fig.legend(handles, labels, loc="lower center", ncol=3, fontsize=8)
    os.makedirs(images, exist_ok=True)
    fig.savefig(os.path.join(images, "bench-scale.png"), dpi=110)
    plt.close(fig)
    print("wrote", os.path.join(images, "bench-scale.png"))


def bulk(results, images):
    data = load(results, "bulk")
    if not data:
        return
    fig, ax = plt.subplots(figsize=(7, 3.6))
    labels = [f"bulk migration\n(batch {data['batchSize']})", f"partialImport\n({data['importChunk']} per request)"]
    vals = [data["oursRate"], data["theirsRate"]]
    bars = ax.bar(labels, vals, color=[FED, NAT], width=0.5)
    for b in bars:
        ax.annotate(f"{b.get_height():.0f} users/s", (b.get_x() + b.get_width() / 2, b.get_height()),
                    ha="center", va="bottom", fontsize=9)
    ax.set_ylabel("users per second")
    ax.set_ylim(0, max(vals) * 1.2)
    ax.set_title(f"Importing {data['users']:,} legacy users: ours / partialImport = {data['ratio']:.2f}")
    save(fig, images, "bench-bulk.png")


def stack(results, images):
    data = load(results, "stack")
    if not data:
        return
    starts = data["starts"]
    fig, ax = plt.subplots(figsize=(7, 3.6))
    labels = [s["kind"] + (f" {s['run']}" if s["run"] else "") for s in starts]
    vals = [s["wallSeconds"] for s in starts]
    colors = ["#9467bd" if s["kind"] == "cold" else "#2ca02c" if s["kind"] == "warm" else "#7f7f7f" for s in starts]
    bars = ax.bar(labels, vals, color=colors)
    for b in bars:
        ax.annotate(f"{b.get_height():.1f} s", (b.get_x() + b.get_width() / 2, b.get_height()),
                    ha="center", va="bottom", fontsize=8)
    ax.axhline(60, color="red", linestyle="--", linewidth=1)
    ax.annotate("goal (warm) 60 s", (len(vals) - 0.5, 61), ha="right", fontsize=8, color="red")
    ax.set_ylabel("./stack.sh to ready (s)")
    ax.set_ylim(0, max(vals + [60]) * 1.15)
    ax.set_title("Stack start: command to ready")
    plt.setp(ax.get_xticklabels(), fontsize=8)
    save(fig, images, "bench-stack.png")


def main():
    if len(sys.argv) != 3:
        print(__doc__)
        sys.exit(64)
    results, images = sys.argv[1], sys.argv[2]
    login(results, images)
    scale(results, images)
    bulk(results, images)
    stack(results, images)


if __name__ == "__main__":
    main()
