#!/usr/bin/env python3
"""Vectorised numpy implementation of the simulator's semantics for examples/strategy-like.xml as
users run it, for the Monte Carlo speed comparison (bench/run.sh). All paths advance together, one
day at a time: GBM prices; the mNAV equity model; convertibles with coupons, holder puts, maturities
(stock settlement in the money, par in cash out of it) and soft issuer calls (130 % of the conversion
price on 20 of the last 30 weekdays from the callable date); preferred dividends (cumulative arrears,
non-cumulative skips, cash-or-stock); BTC-backed loans with monthly interest, margin calls cured by
pledging free BTC, liquidation; the ATM gated by mNAV with capacity and a daily cap; prefunding (the
ATM raising ahead of known payments over `prefundDays`, weights ramping linearly); the funding
waterfall prefunded → cash above the minimum → reserve (interest, dividends) → ATM → BTC sales; and
the four report-only covenants (liquidity months, leverage, mNAV, coverage by seniority), tested at
each day's end. Prints path-days per second and the probabilities to set beside ours.

Usage: numpy_reference.py PATHS DAYS [treasury.xml]
"""
import calendar
import datetime as dt
import sys
import time
import xml.etree.ElementTree as ET

import numpy as np

NS = {"t": "urn:treasury-stress:treasury:1"}


def add_months(d, k):
    index = d.year * 12 + d.month - 1 + k
    y, m = divmod(index, 12)
    m += 1
    return dt.date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def load(path):
    root = ET.parse(path).getroot()
    f = lambda e, k, default=None: float(e.get(k)) if e.get(k) is not None else default
    as_of = dt.date.fromisoformat(root.get("asOf"))
    market = root.find("t:market", NS)
    holdings = root.find("t:holdings", NS)
    equity = root.find("t:equity", NS)
    mnav = equity.find("t:mnav", NS)
    atm = equity.find("t:atm", NS)
    policy = root.find("t:policy", NS)
    liab = root.find("t:liabilities", NS)
    notes = [dict(id=e.get("id"), principal=f(e, "principal"), coupon=f(e, "coupon"), n=int(e.get("couponsPerYear", "2")),
                  maturity=dt.date.fromisoformat(e.get("maturity")), conv=f(e, "conversionPrice"),
                  puts=[dt.date.fromisoformat(x) for x in e.get("putDates", "").split()],
                  seniority=int(e.get("seniority", "2")),
                  call=dt.date.fromisoformat(e.get("callableFrom")) if e.get("callableFrom") else None)
             for e in liab.findall("t:convertibleNote", NS)]
    loans = [dict(principal=f(e, "principal"), rate=f(e, "rate"), maturity=dt.date.fromisoformat(e.get("maturity")),
                  coll=f(e, "collateralBTC"), mc=f(e, "marginCallLTV"), liq=f(e, "liquidationLTV"), target=f(e, "targetLTV"))
             for e in liab.findall("t:btcLoan", NS)]
    prefs = [dict(id=e.get("id"), notional=f(e, "notional"), rate=f(e, "rate"), n=int(e.get("paymentsPerYear", "4")),
                  cumulative=e.get("cumulative", "true") == "true", stock=e.get("payableIn") == "cashOrStock",
                  seniority=int(e.get("seniority", "3")))
             for e in liab.findall("t:preferred", NS)]
    covenants_element = root.find("t:covenants", NS)
    covenants = [dict(id=e.get("id"), metric=e.get("metric"), subject=e.get("subject"), min=f(e, "min"), max=f(e, "max"))
                 for e in (covenants_element.findall("t:covenant", NS) if covenants_element is not None else [])]
    return dict(as_of=as_of, p0=f(market, "btcPrice"), btc=f(holdings.find("t:bitcoin", NS), "units"),
                cash=f(holdings.find("t:cash", NS), "usd"), reserve=f(holdings.find("t:reserve", NS), "usd"),
                shares=f(equity, "sharesOutstanding"), s0=f(equity, "sharePrice"),
                elasticity=f(mnav, "elasticity"), floor=f(mnav, "floor"), cap=f(mnav, "cap"),
                atm_capacity=f(atm, "capacityUSD"), atm_min=f(atm, "minMNAV"), atm_daily=f(atm, "maxDailyUSD"),
                atm_discount=f(atm, "discount"), min_cash=f(policy, "minCashUSD"), slippage=f(policy, "btcSaleSlippage"),
                prefund_days=int(policy.get("prefundDays", "0")), notes=notes, loans=loans, prefs=prefs, covenants=covenants)


def schedule(t, days):
    """(day, kind, index) in the simulator's order: interest/coupons, dividends, principal."""
    items = []
    end = t["as_of"] + dt.timedelta(days=days)
    day = lambda d: (d - t["as_of"]).days

    def add(d, kind, i, order):
        if 1 <= day(d) <= days:
            items.append((day(d), order, i, kind))

    for i, n in enumerate(t["notes"]):
        if n["coupon"] > 0:
            k = 0
            while True:
                d = add_months(n["maturity"], -12 // n["n"] * k)
                if d <= t["as_of"]:
                    break
                add(d, "coupon", i, 100)
                k += 1
        for p in n["puts"]:
            add(p, "put", i, 3000)
        add(n["maturity"], "maturity", i, 3000)
    for i, l in enumerate(t["loans"]):
        k = 1
        while True:
            d = add_months(t["as_of"], k)
            if d >= l["maturity"] or d > end:
                break
            add(d, "interest", i, 100)
            k += 1
        add(l["maturity"], "loanMaturity", i, 3000)
    for i, p in enumerate(t["prefs"]):
        step = 12 // p["n"]
        m = dt.date(t["as_of"].year, 1, 1)
        while m <= end:
            if m.month % step == 0:
                add(dt.date(m.year, m.month, calendar.monthrange(m.year, m.month)[1]), "dividend", i, 2000)
            m = add_months(m, 1)
    items.sort()
    by_day = {}
    for d, _, i, kind in items:
        by_day.setdefault(d, []).append((kind, i))
    return by_day, [(d, kind, i) for d, _, i, kind in items]


def run(t, paths, days, seed=42, sigma=0.683):
    rng = np.random.default_rng(seed)
    dtime = 1 / 365
    by_day, ordered = schedule(t, days)
    window = t["prefund_days"]
    prefunded = np.zeros(paths)
    # Soft calls: per callable note, a ring of the last 30 weekdays' qualifications.
    calls = []
    for i, n in enumerate(t["notes"]):
        if n["call"] is not None:
            from_day = (n["call"] - t["as_of"]).days
            calls.append(dict(i=i, from_day=from_day, first=from_day - 30 * 7 // 5 - 7, ring=np.zeros((paths, 30), dtype=bool),
                              count=np.zeros(paths, dtype=np.int64), cursor=0))
    weekday = [(t["as_of"] + dt.timedelta(days=d)).weekday() < 5 for d in range(days + 1)]
    breached = {c["id"]: np.zeros(paths, dtype=bool) for c in t["covenants"]}
    p0 = t["p0"]
    n_notes, n_loans, n_prefs = len(t["notes"]), len(t["loans"]), len(t["prefs"])
    log_p = np.zeros(paths)
    pledged = np.array([l["coll"] for l in t["loans"]]) if n_loans else np.zeros(0)
    btc_free = np.full(paths, t["btc"] - pledged.sum())
    coll = np.tile(pledged, (paths, 1))
    loan_pr = np.tile(np.array([l["principal"] for l in t["loans"]]), (paths, 1))
    accrued = np.zeros((paths, n_loans))
    cash = np.full(paths, t["cash"])
    reserve = np.full(paths, t["reserve"])
    shares = np.full(paths, t["shares"])
    atm_left = np.full(paths, t["atm_capacity"])
    note_pr = np.tile(np.array([n["principal"] for n in t["notes"]]), (paths, 1))
    pref_not = np.tile(np.array([p["notional"] for p in t["prefs"]]), (paths, 1))
    arrears = np.zeros((paths, n_prefs))
    sold = np.zeros(paths)
    forced = np.zeros(paths, dtype=bool)
    defaulted = np.zeros(paths, dtype=bool)
    liquidated = np.zeros((paths, n_loans), dtype=bool)
    min_liq = cash + reserve
    nav0 = t["btc"] * p0
    debt0 = note_pr[0].sum() + loan_pr[0].sum() if n_loans else note_pr[0].sum()
    m0 = (t["s0"] * t["shares"] + debt0 + pref_not[0].sum() - t["cash"] - t["reserve"]) / nav0
    disc = t["atm_discount"]

    def fund(amount, price, s, mnav_eff, atm_used, use, allow_btc=True):
        nonlocal cash, reserve, shares, atm_left, btc_free, sold, forced, prefunded
        need = amount.copy()
        take = np.minimum(prefunded, need); prefunded -= take; need -= take
        take = np.minimum(np.maximum(cash - t["min_cash"], 0), need); cash -= take; need -= take
        if use in ("interest", "dividends"):
            take = np.minimum(reserve, need); reserve -= take; need -= take
        ok = (mnav_eff >= t["atm_min"]) & (s > 0)
        room = np.where(ok, np.minimum(atm_left, t["atm_daily"] - atm_used), 0)
        take = np.minimum(np.maximum(room, 0), need)
        with np.errstate(divide="ignore", invalid="ignore"):
            shares += np.where(take > 0, take / (s * (1 - disc)), 0)
        atm_left -= take; atm_used += take; need -= take
        if allow_btc:
            net = price * (1 - t["slippage"])
            units = np.minimum(btc_free, need / net)
            btc_free -= units; sold += units; need -= units * net
            forced |= units > 0
        return need  # unpaid

    for day in range(days + 1):
        if day > 0:
            log_p += -0.5 * sigma * sigma * dtime + sigma * np.sqrt(dtime) * rng.standard_normal(paths)
        price = p0 * np.exp(log_p)
        btc_total = btc_free + coll.sum(axis=1)
        nav = btc_total * price
        debt = note_pr.sum(axis=1) + loan_pr.sum(axis=1)
        claims = debt + pref_not.sum(axis=1) - cash - reserve
        model = np.clip(m0 * (price / p0) ** t["elasticity"], t["floor"], t["cap"])
        mcap = np.maximum(model * nav - claims, 0)
        s = mcap / shares
        with np.errstate(divide="ignore", invalid="ignore"):
            mnav_eff = (s * shares + claims) / nav
        atm_used = np.zeros(paths)
        if day > 0 and n_loans:
            accrued += loan_pr * np.array([l["rate"] for l in t["loans"]]) / 365
        for kind, i in by_day.get(day, ()):
            if kind == "coupon":
                n = t["notes"][i]
                unpaid = fund(note_pr[:, i] * n["coupon"] / n["n"], price, s, mnav_eff, atm_used, "interest")
                defaulted |= unpaid > 0.01
            elif kind == "interest":
                unpaid = fund(accrued[:, i] * (loan_pr[:, i] > 0), price, s, mnav_eff, atm_used, "interest")
                accrued[:, i] = 0
                defaulted |= unpaid > 0.01
            elif kind == "dividend":
                p = t["prefs"][i]
                due = pref_not[:, i] * p["rate"] / p["n"] + arrears[:, i]
                unpaid = fund(due, price, s, mnav_eff, atm_used, "dividends", allow_btc=not p["stock"])
                if p["stock"]:
                    with np.errstate(divide="ignore", invalid="ignore"):
                        shares += np.where((unpaid > 0) & (s > 0), unpaid / s, 0)
                    unpaid = np.where(s > 0, 0, unpaid)
                arrears[:, i] = unpaid if p["cumulative"] else 0
            elif kind in ("put", "maturity"):
                n = t["notes"][i]
                par = note_pr[:, i]
                cv = s * par / n["conv"]
                convert = cv > par
                shares += np.where(convert, par / n["conv"], 0)
                unpaid = fund(np.where(convert, 0, par), price, s, mnav_eff, atm_used, "principal")
                defaulted |= unpaid > 0.01
                note_pr[:, i] = 0
            elif kind == "loanMaturity":
                live = loan_pr[:, i] > 0
                owed = np.where(live, loan_pr[:, i] + accrued[:, i], 0)
                btc_free += np.where(live, coll[:, i], 0); coll[:, i] = np.where(live, 0, coll[:, i])
                loan_pr[:, i] = 0; accrued[:, i] = 0
                unpaid = fund(owed, price, s, mnav_eff, atm_used, "principal")
                defaulted |= unpaid > 0.01
        for i, l in enumerate(t["loans"]):
            live = loan_pr[:, i] > 0
            with np.errstate(divide="ignore", invalid="ignore"):
                ltv = np.where(live, loan_pr[:, i] / (coll[:, i] * price), 0)
            liq = live & (ltv >= l["liq"])
            if liq.any():
                owed = loan_pr[:, i] + accrued[:, i]
                net = price * (1 - t["slippage"])
                units = np.where(liq, np.minimum(coll[:, i], owed / net), 0)
                sold += units; forced |= units > 0
                btc_free += np.where(liq, coll[:, i] - units, 0)
                coll[:, i] = np.where(liq, 0, coll[:, i]); loan_pr[:, i] = np.where(liq, 0, loan_pr[:, i])
                liquidated[:, i] |= liq
            call = live & ~liq & (ltv >= l["mc"])
            if call.any():
                need = np.where(call, loan_pr[:, i] / l["target"] / price - coll[:, i], 0)
                move = np.minimum(np.maximum(need, 0), btc_free)
                btc_free -= move; coll[:, i] += move
        for c in calls:
            if not weekday[day] or day < c["first"]:
                continue
            i = c["i"]
            live = note_pr[:, i] > 0
            qualifies = s >= 1.3 * t["notes"][i]["conv"]
            k = c["cursor"]
            old = c["ring"][:, k]
            c["count"] += np.where(live, qualifies.astype(np.int64) - old.astype(np.int64), 0)
            c["ring"][:, k] = np.where(live, qualifies, old)
            c["cursor"] = (k + 1) % 30  # advances for every path a note is live on (all paths at first)
            if day >= c["from_day"]:
                called = live & (c["count"] >= 20)
                if called.any():
                    par = note_pr[:, i]
                    shares += np.where(called, par / t["notes"][i]["conv"], 0)
                    note_pr[:, i] = np.where(called, 0, par)
        if window > 0 and day > 0:
            last = min(days, day + window)
            upcoming = [(d, kind, i) for d, kind, i in ordered if day < d <= last]
            if not upcoming:
                cash += prefunded; prefunded = np.zeros(paths)
            else:
                target = np.zeros(paths)
                for d, kind, i in upcoming:
                    weight = (window - (d - day) + 1) / window
                    if kind == "coupon":
                        n = t["notes"][i]; target += weight * note_pr[:, i] * n["coupon"] / n["n"]
                    elif kind == "dividend":
                        p = t["prefs"][i]; target += weight * (pref_not[:, i] * p["rate"] / p["n"] + arrears[:, i])
                    elif kind in ("put", "maturity"):
                        n = t["notes"][i]; par = note_pr[:, i]
                        target += weight * np.where(s * par / n["conv"] > par, 0, par)
                    elif kind == "interest":
                        target += weight * loan_pr[:, i] * t["loans"][i]["rate"] / 12
                    elif kind == "loanMaturity":
                        target += weight * loan_pr[:, i]
                ok = (mnav_eff >= t["atm_min"]) & (s > 0)
                room = np.where(ok, np.minimum(atm_left, t["atm_daily"] - atm_used), 0)
                raise_ = np.where(target > prefunded, np.minimum(np.maximum(room, 0), target - prefunded), 0)
                with np.errstate(divide="ignore", invalid="ignore"):
                    shares += np.where(raise_ > 0, raise_ / (s * (1 - disc)), 0)
                atm_left -= raise_; atm_used += raise_; prefunded += raise_
        # Covenants at the day's end (report only): ever breached within the horizon.
        if t["covenants"]:
            nav_end = (btc_free + coll.sum(axis=1)) * price
            debt_end = note_pr.sum(axis=1) + (loan_pr.sum(axis=1) if n_loans else 0)
            pref_end = pref_not.sum(axis=1)
            liquidity = cash + reserve + prefunded
            with np.errstate(divide="ignore", invalid="ignore"):
                for c in t["covenants"]:
                    if c["metric"] == "liquidityMonths":
                        fixed = (note_pr * np.array([n["coupon"] for n in t["notes"]])).sum(axis=1) \
                            + (pref_not * np.array([p["rate"] for p in t["prefs"]])).sum(axis=1)
                        if n_loans:
                            fixed = fixed + (loan_pr * np.array([l["rate"] for l in t["loans"]])).sum(axis=1)
                        value = np.where(fixed > 0, liquidity / (fixed / 12), np.inf)
                    elif c["metric"] == "leverage":
                        value = np.where(nav_end > 0, (debt_end + pref_end) / nav_end, np.inf)
                    elif c["metric"] == "mnav":
                        value = mnav_eff
                    elif c["metric"] == "coverage":
                        rank = next(p["seniority"] for p in t["prefs"] if p["id"] == c["subject"])
                        ahead = sum(note_pr[:, i] for i, n in enumerate(t["notes"]) if n["seniority"] <= rank) \
                            + sum(pref_not[:, i] for i, p in enumerate(t["prefs"]) if p["seniority"] <= rank)
                        value = np.where(ahead > 0, nav_end / ahead, np.inf)
                    else:
                        continue
                    bad = np.zeros(paths, dtype=bool)
                    if c["min"] is not None: bad |= value < c["min"]
                    if c["max"] is not None: bad |= value > c["max"]
                    breached[c["id"]] |= bad
        min_liq = np.minimum(min_liq, cash + reserve + prefunded)
    return dict(forced=forced.mean(), defaulted=defaulted.mean(), sold_median=float(np.median(sold)),
                sold_p95=float(np.quantile(sold, 0.95)), liquidated=liquidated.any(axis=1).mean(),
                covenants={k: v.mean() for k, v in breached.items()})


def main():
    paths = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    days = int(sys.argv[2]) if len(sys.argv) > 2 else 730
    path = sys.argv[3] if len(sys.argv) > 3 else "examples/strategy-like.xml"
    t = load(path)
    start = time.perf_counter()
    result = run(t, paths, days)
    elapsed = time.perf_counter() - start
    print(f"numpy:                {elapsed:7.3f} s  {paths * days / elapsed / 1e6:8.1f} M path-days/s")
    for name, p in result["covenants"].items():
        print(f"  P(covenantBreach {name}) = {p:.4f}")
    print(f"  P(forcedSale) = {result['forced']:.4f}  P(default) = {result['defaulted']:.4f}  "
          f"P(liquidation) = {result['liquidated']:.4f}  BTC sold p50 {result['sold_median']:.1f} p95 {result['sold_p95']:.1f}")


if __name__ == "__main__":
    main()
