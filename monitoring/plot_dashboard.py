#!/usr/bin/env python3
"""Draws the panels of the Grafana dashboard monitoring/grafana/legacy-bridge-migration.json from a Prometheus server.

Each panel's own PromQL is sent to Prometheus' HTTP API (query_range for time series, query for the stat panels) with
the dashboard variables replaced ($realm and $component by regular expressions, $__rate_interval by --rate-interval),
and drawn where the dashboard puts it (its 24-column grid). So the picture is made of exactly the series and queries
the dashboard shows, without a Grafana server.

    monitoring/plot_dashboard.py --prometheus http://127.0.0.1:9090 --start 1700000000 --end 1700000600 \\
        --out docs/images/metrics-dashboard.png [--realm 'metrics-demo'] [--step 5]
"""
import argparse
import datetime
import json
import re
import sys
import urllib.parse
import urllib.request
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.gridspec import GridSpec  # noqa: E402

UNITS = {"ops": "per second", "s": "seconds", "short": "", "reqps": "per second"}


def query(prometheus, path, params):
    url = f"{prometheus}/api/v1/{path}?{urllib.parse.urlencode(params)}"
    with urllib.request.urlopen(url, timeout=30) as response:
        body = json.load(response)
    if body.get("status") != "success":
        raise RuntimeError(f"{url}: {body}")
    return body["data"]["result"]


def substitute(expr, args):
    return (expr.replace("$__rate_interval", args.rate_interval)
            .replace("$realm", args.realm)
            .replace("$component", args.component))


def legend(fmt, labels):
    return re.sub(r"\{\{\s*(\w+)\s*\}\}", lambda m: labels.get(m.group(1), ""), fmt or "") or "value"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--prometheus", required=True)
    parser.add_argument("--start", type=float, required=True, help="unix seconds")
    parser.add_argument("--end", type=float, required=True, help="unix seconds")
    parser.add_argument("--out", required=True)
    parser.add_argument("--dashboard", default=str(Path(__file__).parent / "grafana" / "legacy-bridge-migration.json"))
    parser.add_argument("--realm", default=".*")
    parser.add_argument("--component", default=".*")
    parser.add_argument("--step", default="5")
    parser.add_argument("--rate-interval", default="30s")
    parser.add_argument("--title", default=None)
    args = parser.parse_args()

    dashboard = json.loads(Path(args.dashboard).read_text())
    panels = dashboard["panels"]
    rows = max(p["gridPos"]["y"] + p["gridPos"]["h"] for p in panels)
    fig = plt.figure(figsize=(18, rows * 0.42))
    grid = GridSpec(rows, 24, figure=fig, hspace=1.6, wspace=1.2)
    fig.suptitle(args.title or f"{dashboard['title']} (Grafana dashboard drawn from Prometheus)", fontsize=14,
                 fontweight="bold")
    empty = []
    for panel in panels:
        g = panel["gridPos"]
        ax = fig.add_subplot(grid[g["y"]:g["y"] + g["h"], g["x"]:g["x"] + g["w"]])
        ax.set_title(panel["title"], fontsize=11, loc="left")
        unit = panel.get("fieldConfig", {}).get("defaults", {}).get("unit", "")
        if panel["type"] == "stat":
            result = query(args.prometheus, "query", {"query": substitute(panel["targets"][0]["expr"], args),
                                                      "time": args.end})
            value = float(result[0]["value"][1]) if result else 0.0
            ax.text(0.5, 0.45, f"{value:,.0f}" if value >= 10 or value == int(value) else f"{value:,.1f}",
                    ha="center", va="center", fontsize=28, fontweight="bold", color="#0066cc")
            ax.set_axis_off()
            continue
        drawn = 0
        for target in panel["targets"]:
            result = query(args.prometheus, "query_range", {"query": substitute(target["expr"], args),
                                                            "start": args.start, "end": args.end, "step": args.step})
            for series in result:
                points = [(datetime.datetime.fromtimestamp(float(t)), float(v)) for t, v in series["values"]
                          if v not in ("NaN", "+Inf", "-Inf")]
                if not points:
                    continue
                xs, ys = zip(*points)
                ax.plot(xs, ys, linewidth=1.6, label=legend(target.get("legendFormat"), series["metric"]))
                drawn += 1
        if drawn == 0:
            empty.append(panel["title"])
            ax.text(0.5, 0.5, "no data in this run", ha="center", va="center", color="grey", transform=ax.transAxes)
        else:
            ax.legend(fontsize=8, loc="upper left", ncol=2)
        ax.set_xlim(datetime.datetime.fromtimestamp(args.start), datetime.datetime.fromtimestamp(args.end))
        ax.set_ylim(bottom=0)
        ax.set_ylabel(UNITS.get(unit, unit), fontsize=9)
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%H:%M"))
        ax.tick_params(labelsize=8)
        ax.grid(alpha=0.3)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(args.out, dpi=90, bbox_inches="tight")
    print(f"wrote {args.out}" + (f" (no data: {', '.join(empty)})" if empty else ""))


if __name__ == "__main__":
    sys.exit(main())
