#!/usr/bin/env python3
"""Prints the calibrated Monte Carlo and equity-model defaults (TreasuryModel/MonteCarloSpec.swift,
`Calibration`) from the committed market data (Sources/TreasuryModel/MarketData): BTC volatility and drift 2014→, jump statistics, and the mNAV
elasticity fitted to Strategy's published daily metrics. Run from the package root."""
import csv
import math
import statistics

rows = list(csv.DictReader(open("Sources/TreasuryModel/MarketData/btc-usd-daily.csv")))
prices = [(r["date"], float(r["close"])) for r in rows if r["date"] >= "2014-01-01"]
returns = [math.log(b[1] / a[1]) for a, b in zip(prices, prices[1:])]
n = len(returns)
mean = sum(returns) / n
variance = sum((x - mean) ** 2 for x in returns) / (n - 1)
print(f"BTC daily log returns {prices[0][0]} → {prices[-1][0]}: {n} days")
print(f"  volatility {math.sqrt(variance * 365):.4f} a year, log drift {mean * 365:.4f} a year (not used: zero drift)")
median = statistics.median(returns)
mad = statistics.median(abs(x - median) for x in returns) * 1.4826
jumps = [x for x in returns if abs(x - median) > 3 * mad]
print(f"  returns beyond 3 robust sigmas: {len(jumps) / n:.4f} a day, std {statistics.pstdev(jumps):.4f}")
lam, jump_mean, jump_std = 0.05, -0.049, 0.10
print(f"  diffusion volatility for the jump model: {math.sqrt(variance * 365 - 365 * lam * (jump_mean ** 2 + jump_std ** 2)):.4f}")

metrics = list(csv.DictReader(open("Sources/TreasuryModel/MarketData/strategy-metrics-daily.csv")))
points = sorted((r["timestamp"][:10], float(r["btc_price"]), float(r["m_nav"]))
                for r in metrics if r["m_nav"] and r["btc_price"] and float(r["m_nav"]) > 0)
xs = [math.log(p) for _, p, _ in points]
ys = [math.log(m) for _, _, m in points]
mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
residual = sum((y - my - slope * (x - mx)) ** 2 for x, y in zip(xs, ys))
r2 = 1 - residual / sum((y - my) ** 2 for y in ys)
print(f"mNAV elasticity: OLS of ln mNAV on ln BTC over {len(points)} days {points[0][0]} → {points[-1][0]}: "
      f"{slope:.3f} (R² {r2:.2f})")
