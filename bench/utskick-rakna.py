#!/usr/bin/env python3
"""Counts what the messaging benchmarks' receiver got against what the outbox says was sent.

    python3 bench/utskick-rakna.py DB RECEIVED_LOG [KILL_TIMES]

For every address (SMS number, e-mail address) the receiver's log (bench/Utskicksmottagare.java) gives how many
messages arrived, and the database how many rows to it are marked sent (skickat, levererat). More arrived than
marked: repeats (a message the channel took whose marking a crash prevented, sent again after the restart). Fewer:
lost. A row of the benchmark ('bench:' key) still waiting or ended otherwise is reported too: lost if waiting. With
KILL_TIMES (epoch ms, one a line), each repeat is put to the crash before it arrived.
"""
import re
import sqlite3
import sys
from collections import Counter, defaultdict


def nyckel(kanal, adress):
    if adress is None:
        return None
    if kanal == 'sms':
        siffror = re.sub(r'\D', '', adress)
        return ('sms', siffror[-9:])
    return ('epost', adress.strip().lower())


def main():
    db, logg = sys.argv[1], sys.argv[2]
    dodade = []
    if len(sys.argv) > 3:
        dodade = sorted(int(r) for r in open(sys.argv[3]) if r.strip())

    mottaget = defaultdict(list)
    tappade = Counter()
    for rad in open(logg, encoding='utf-8'):
        f = rad.split()
        if f[0] in ('sms', 'epost'):
            mottaget[nyckel(f[0], f[1])].append(int(f[2]))
        elif f[0] == 'tappat':
            tappade[f[1]] += 1

    con = sqlite3.connect(f'file:{db}?mode=ro', uri=True)
    skickat = Counter()
    for kanal, dt, de, at, ae in con.execute("""
            SELECT u.kanal, d.telefon, d.epost, a.telefon, a.epost FROM utskick u
            LEFT JOIN deltagare d ON d.id = u.deltagare_id LEFT JOIN anvandare a ON a.id = u.anvandare_id
            WHERE u.status IN ('skickat', 'levererat') AND u.kanal IN ('sms', 'epost')
            AND NOT (u.anvandare_id IS NULL AND u.deltagare_id IS NULL)"""):
        staff = at is not None or ae is not None
        adress = (at if staff else dt) if kanal == 'sms' else (ae if staff else de)
        skickat[nyckel(kanal, adress)] += 1
    bench = {(k, s): n for k, s, n in con.execute("""
            SELECT CASE WHEN nyckel LIKE 'bench:sms:%' THEN 'sms' ELSE 'epost' END, status, count(*)
            FROM utskick WHERE nyckel LIKE 'bench:%' GROUP BY 1, 2""")}

    upprepade = Counter()
    per_krasch = Counter()
    forlorade = Counter()
    for k in set(mottaget) | set(skickat):
        n, s = len(mottaget.get(k, [])), skickat.get(k, 0)
        if n > s:
            upprepade[k[0]] += n - s
            for t in sorted(mottaget[k])[s:]:
                krasch = sum(1 for d in dodade if d < t)
                per_krasch[(k[0], krasch)] += 1
        elif n < s:
            forlorade[k[0]] += s - n

    for kanal in ('sms', 'epost'):
        rader = {s: n for (k, s), n in bench.items() if k == kanal}
        if not rader:
            continue
        vantar = rader.get('vantar', 0)
        print(f'{kanal}: benchmark rows {sum(rader.values())} ({", ".join(f"{s} {n}" for s, n in sorted(rader.items()))}); '
              f'received in all {sum(len(v) for k, v in mottaget.items() if k[0] == kanal)}, '
              f'marked sent in all {sum(n for k, n in skickat.items() if k[0] == kanal)}')
        print(f'  lost: {forlorade[kanal] + vantar} (marked sent, never received: {forlorade[kanal]}; '
              f'due and never sent: {vantar})')
        krascher = ', '.join(f'crash {c}: {per_krasch[(kanal, c)]}' for c in range(1, len(dodade) + 1))
        print(f'  repeats: {upprepade[kanal]}' + (f' ({krascher})' if dodade else '')
              + (f'; before any crash: {per_krasch[(kanal, 0)]}' if dodade and per_krasch[(kanal, 0)] else ''))
    if tappade:
        print('dropped by the gateway: ' + ', '.join(f'{s} {n}' for s, n in sorted(tappade.items())))


main()
