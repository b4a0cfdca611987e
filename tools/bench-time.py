#!/usr/bin/python3
"""tools/bench-time.py -- time whole commands against each other, for `make bench'.

  bench-time.py ROUNDS EVALS COMMAND... [-- COMMAND...]

Runs the commands alternately (the first, the second, ..., then the first
again), ROUNDS times each, output discarded, and prints one line per command:
the median wall time and the median CPU time (user + system) of one run,
each divided by EVALS (the evaluations a run makes, e.g. its --repeat), in
seconds, tab-separated.  The CPU time is the kernel's account of that process
alone (wait4), so it does not count this script, the other command, or the
time the process waited for a processor; on a shared machine it is the
figure to read, and the wall time says how loaded the machine was.  A command
that fails stops the benchmark (exit status 1).
"""
import os
import statistics
import sys
import time


def run(cmd):
    """Wall and CPU seconds of one run of cmd."""
    out = [(os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0)]
    t0 = time.perf_counter()
    pid = os.posix_spawnp(cmd[0], cmd, os.environ, file_actions=out)
    _, status, use = os.wait4(pid, 0)
    wall = time.perf_counter() - t0
    if os.waitstatus_to_exitcode(status) != 0:
        sys.stderr.write("bench-time: %s failed\n" % " ".join(cmd))
        sys.exit(1)
    return wall, use.ru_utime + use.ru_stime


def main(argv):
    if len(argv) < 4:
        sys.stderr.write(__doc__)
        return 2
    rounds, evals = int(argv[1]), float(argv[2])
    cmds, cur = [], []
    for word in argv[3:]:
        if word == "--":
            cmds.append(cur)
            cur = []
        else:
            cur.append(word)
    cmds.append(cur)
    times = [([], []) for _ in cmds]
    for _ in range(rounds):
        for cmd, (wall, cpu) in zip(cmds, times):
            w, c = run(cmd)
            wall.append(w / evals)
            cpu.append(c / evals)
    for wall, cpu in times:
        print("%.6g\t%.6g" % (statistics.median(wall), statistics.median(cpu)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
