"""The numba peers of bench/backtest/kernel.bench.mjs: the bar loop of a cross-margin run with a
flat maintenance rate and no stop, compiled with numba's @njit (Debian's python3-numba).

Both do the work of src/backtest/kernel.ts for such a run: on every bar the liquidation price
LP = (K - q*P0 + A) / (|q|*r - q) against the open and the low (a short: the high), the funding
of the bar, the target quantity, the fill with slippage and its fee, the band, the equity curve,
and the totals of the run (fees, funding, traded notional, liquidation loss, liquidations, ruin).

- run_cash: the loop as written in kernel.ts's general loop (cash and position, t*E/c, the fill
  price chosen by the side of the trade).
- run_equity: a line-for-line port of src/backtest/kernel-cross.ts (the equity and the
  position, E*(t/c), the fill and fee as |dq|*c*(s + fee) + dq*c*s*fee): the same arithmetic as
  ours, operation for operation.

Protocol (stdin/stdout, one line each): argv[1] is a folder with the float64 files o h l c t f;
argv[2..7] initial, fee, slippage, band, rate, amount; argv[8] the runs per round. It prints
'ready VERSION' and the totals of each peer as JSON, then answers each line 'cash' or 'equity'
with one timed round's rate (bar-steps per second); it ends at end of input.
"""
import json
import sys
import time

import numba
import numpy as np
from numba import njit


@njit(cache=False)
def run_cash(o, h, l, c, t, f, curve, initial, fee, slip, band, mmr, amount):
    n = c.shape[0]
    cash = initial
    q = 0.0
    k = 0.0
    fees = 0.0
    paid = 0.0
    traded = 0.0
    liq_loss = 0.0
    liqs = 0
    ruined = -1
    for i in range(n):
        ci = c[i]
        if q != 0.0:
            p0 = c[i - 1]
            lp = (k - q * p0 + amount) / (abs(q) * mmr - q)
            if not (lp > 0.0 and lp < np.inf):
                lp = np.nan
            x = np.nan
            if q > 0.0:
                if o[i] <= lp:
                    x = o[i]
                elif l[i] <= lp:
                    x = lp
            else:
                if o[i] >= lp:
                    x = o[i]
                elif h[i] >= lp:
                    x = lp
            if x == x:
                cash += q * x
                traded += abs(q) * x
                liq_loss += cash
                cash = 0.0
                liqs += 1
                q = 0.0
            else:
                pay = f[i] * q * p0
                cash -= pay
                paid += pay
        e = cash + q * ci
        if not (e > 0.0):
            liq_loss += e
            ruined = i
            break
        qt = t[i] * e / ci
        dq = qt - q
        adq = abs(dq)
        if adq > 0.0 and adq > band * abs(qt):
            fill = ci * (1.0 + slip) if dq > 0.0 else ci * (1.0 - slip)
            fee_i = fee * adq * fill
            cash -= dq * fill + fee_i
            q += dq
            fees += fee_i
            traded += adq * fill
        e = cash + q * ci
        curve[i] = e
        k = e
    if ruined >= 0:
        curve[ruined:] = 0.0
    return curve[n - 1], fees, paid, traded, liq_loss, liqs, ruined


@njit(cache=False)
def run_equity(o, h, l, c, t, f, curve, initial, fee, slip, band, mmr, amount):
    n = c.shape[0]
    sf = slip * fee
    sp = slip + fee
    k = initial
    q = 0.0
    p0 = 0.0
    fees = 0.0
    paid = 0.0
    traded = 0.0
    liq_loss = 0.0
    liqs = 0
    ruined = -1
    for i in range(n):
        ci = c[i]
        e = k
        if q != 0.0:
            aq = abs(q)
            lp = (k - q * p0 + amount) / (aq * mmr - q)
            x = lp
            hit = False
            if lp > 0.0 and lp < np.inf:
                oi = o[i]
                if q > 0.0:
                    if oi <= lp:
                        x = oi
                        hit = True
                    else:
                        hit = l[i] <= lp
                elif oi >= lp:
                    x = oi
                    hit = True
                else:
                    hit = h[i] >= lp
            if hit:
                traded += aq * x
                liq_loss = k + q * (x - p0)
                liqs = 1
                ruined = i
                break
            fi = f[i]
            paid += fi * q * p0
            e = k + q * (ci - p0 - fi * p0)
        if not (e > 0.0):
            liq_loss = e
            ruined = i
            break
        qt = e * (t[i] / ci)
        dq = qt - q
        adq = abs(dq)
        if adq > 0.0 and adq > band * abs(qt):
            notional = ci * (adq + slip * dq)
            fees += fee * notional
            traded += notional
            e -= adq * (ci * sp) + dq * (ci * sf)
            q += dq
        curve[i] = e
        k = e
        p0 = ci
    if ruined >= 0:
        curve[ruined:] = 0.0
    return curve[n - 1], fees, paid, traded, liq_loss, liqs, ruined


def main():
    d = sys.argv[1]
    params = tuple(float(x) for x in sys.argv[2:8])
    repeat = int(sys.argv[8])
    o, h, l, c, t, f = (np.fromfile(d + '/' + k, dtype=np.float64) for k in 'ohlctf')
    curve = np.zeros(c.shape[0])
    peers = {'cash': run_cash, 'equity': run_equity}
    totals = {}
    for name, fn in peers.items():
        r = fn(o, h, l, c, t, f, curve, *params)  # compiles before any timing
        totals[name] = [float(r[0]), float(r[1]), float(r[2]), float(r[3]), float(r[4]), int(r[5]), int(r[6])]
    print('ready', numba.__version__, json.dumps(totals), flush=True)
    for line in sys.stdin:
        fn = peers[line.strip()]
        t0 = time.perf_counter()
        for _ in range(repeat):
            fn(o, h, l, c, t, f, curve, *params)
        print(c.shape[0] * repeat / (time.perf_counter() - t0), flush=True)


if __name__ == '__main__':
    main()
