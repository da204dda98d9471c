#!/usr/bin/env python3
"""Start-up time and idle memory of connector-host with all four connectors.

Starts the release binary on a free port with the plugins folder given,
measures the time until GET /ready answers 200, lets it idle, then reads its
resident set size from /proc. Repeats and prints median figures.

    benchmarks/startup.py BINARY PLUGINS_DIR [--rounds N]
"""
import argparse
import os
import socket
import statistics
import subprocess
import tempfile
import time
import urllib.request


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("no VmRSS")


def one_round(binary, plugins):
    port = free_port()
    data = tempfile.mkdtemp(prefix="bench-startup-")
    env = dict(os.environ, PORT=str(port), PLUGINS_DIR=plugins, SQLITE_PATH=f"{data}/host.sqlite",
               AUTH_MODE="development", LOG_LEVEL="WARNING", ENCRYPTION_KEY="J0AwVdjOlSXU4RxhgEK8DtCeTaEpW5ijhGv8yvCvCmI=")
    started = time.monotonic()
    process = subprocess.Popen([binary, "serve", "--env-file", "/nonexistent"], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/ready", timeout=1) as response:
                    if response.status == 200:
                        break
            except Exception:
                if process.poll() is not None:
                    raise RuntimeError("connector-host exited during start-up")
                time.sleep(0.002)
        ready_ms = (time.monotonic() - started) * 1000
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/") as response:
            loaded = response.read().decode()
        time.sleep(3)
        return ready_ms, rss_kib(process.pid) / 1024, loaded
    finally:
        process.terminate()
        process.wait(timeout=10)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("plugins")
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args()
    ready, rss = [], []
    for _ in range(args.rounds):
        ms, mib, loaded = one_round(args.binary, args.plugins)
        ready.append(ms)
        rss.append(mib)
    assert '"loaded":4' in loaded, loaded
    print(f"start-up to /ready 200 (4 plugins loaded): median {statistics.median(ready):.0f} ms, max {max(ready):.0f} ms ({args.rounds} rounds)")
    print(f"idle RSS after 3 s with 4 plugins:        median {statistics.median(rss):.1f} MiB, max {max(rss):.1f} MiB")


if __name__ == "__main__":
    main()
