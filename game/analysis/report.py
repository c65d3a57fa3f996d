"""Plain-text rendering of a simulation report (the JSON layout is in simulate.py)."""

from __future__ import annotations

from typing import Any

from game.story.compiled import CompiledStory


def _pct(x: float) -> str:
    return f"{100 * x:5.1f}%"


def text_report(story: CompiledStory, data: dict[str, Any], hits: bool = True) -> list[str]:
    pols: dict[str, Any] = data["policies"]
    names = list(pols)
    total_runs = sum(p["runs"] for p in pols.values())
    rate = data.get("playthroughs_per_second") or 0
    out = [f"simulate '{story.id}': {data['runs']} runs per policy, seed {data['seed']}; "
           f"{total_runs:,} runs, {data['choices']:,} choices in {data['seconds']:.2f} s "
           f"({rate:,.0f} runs/s)", ""]
    partners = list(story.params)
    head = f"{'policy':<14}{'deepened':>9}{'acquaint.':>10}{'ruptured':>9}{'unfin.':>8}" \
           f"{'turns':>7}"
    head += "".join(f"  {pid + ' T/D':>13}" for pid in partners)
    out.append(head)
    for name in names:
        p = pols[name]
        o = p["outcomes"]
        row = f"{name:<14}{_pct(o['deepened']):>9}{_pct(o['acquaintance']):>10}" \
              f"{_pct(o['ruptured']):>9}{_pct(o['unfinished']):>8}{p['mean_turns']:>7.1f}"
        for pid in partners:
            m = p["mean_meters"][pid]
            row += f"  {m['trust']:>6.1f}/{m['defence']:<6.1f}"
        out.append(row)
    out += ["", "endings (share of runs):"]
    endings = list(pols[names[0]]["endings"]) if names else []
    for name in names:
        shares = ", ".join(f"{e} {_pct(pols[name]['endings'][e]).strip()}" for e in endings)
        out.append(f"  {name:<14}{shares}")
    out += ["", "coverage:"]
    for name in names:
        cov = pols[name]["coverage"]
        s, c = cov["scenes"], cov["choices"]
        out.append(f"  {name:<14}scenes {s['hit']}/{s['total']}, choices {c['hit']}/{c['total']}")
    if hits:
        out += _hit_table("scene", names, pols, "scenes")
        out += _hit_table("choice", names, pols, "choices")
    return out


def _hit_table(label: str, names: list[str], pols: dict[str, Any], key: str) -> list[str]:
    keys = list(pols[names[0]]["coverage"][key]["counts"]) if names else []
    width = max([len(label) + 6, *(len(k) for k in keys)]) + 2
    cols = [n[:10] for n in names]
    out = ["", f"{label + ' hit counts':<{width}}" + "".join(f"{c:>11}" for c in cols)]
    for k in keys:
        counts = [pols[n]["coverage"][key]["counts"][k] for n in names]
        mark = "  <- never" if not any(counts) else ""
        out.append(f"{k:<{width}}" + "".join(f"{v:>11,}" for v in counts) + mark)
    return out
