#!/usr/bin/env python3
"""Share of a JFR recording's CPU samples (jdk.ExecutionSample) whose stack holds a frame matching each pattern.

    python3 bench/jfr-andel.py target/bench/base.jfr 'iso=Sidkontext.iso' 'tel=Sidkontext.telLank' ...

A sample counts once per pattern however many of its frames match, so a share is the CPU time spent in that
code and everything it calls. Needs the JDK's jfr tool on the PATH."""
import re, subprocess, sys

fil, monster = sys.argv[1], [a.split('=', 1) for a in sys.argv[2:]]
text = subprocess.run(['jfr', 'print', '--events', 'jdk.ExecutionSample', '--stack-depth', '200', fil],
                      check=True, capture_output=True, text=True).stdout
prov = re.findall(r'stackTrace = \[(.*?)\n\s*\]', text, re.S)
print(f'{fil}: {len(prov)} samples')
for namn, m in monster:
    r = re.compile(m)
    n = sum(1 for p in prov if r.search(p))
    print(f'  {namn:10s} {n:6d}  {100.0 * n / max(1, len(prov)):5.1f} %')
