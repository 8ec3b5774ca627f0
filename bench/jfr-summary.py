#!/usr/bin/env python3
"""Where the CPU goes in a JFR recording: the share of execution samples whose stack passes through each
group of frames (a sample counts once per group), and the hottest methods by their own samples.

Usage: bench/jfr-summary.py RECORDING.jfr [TOP]   (needs the JDK's jfr tool on the PATH)
"""
import json
import subprocess
import sys
from collections import Counter

# Checked in order: a sample's frame belongs to the first group whose prefix it starts with.
GROUPS = [
    ("SessionDB: cookie, filter, session bookkeeping", ("io.sessiondb.servlet.", "io.sessiondb.session.", "io.sessiondb.cache.", "io.sessiondb.cookie.", "io.sessiondb.visit.", "io.sessiondb.integration.security.")),
    ("SessionDB: store (repository, codec)", ("io.sessiondb.store.",)),
    ("SessionDB: CDI context binding", ("io.sessiondb.integration.cdi.",)),
    ("demo application and its JSON", ("io.sessiondb.demo.", "org.eclipse.parsson.")),
    ("EclipseLink (JPA)", ("org.eclipse.persistence.",)),
    ("PostgreSQL JDBC driver", ("org.postgresql.",)),
    ("connection pool and JTA (Payara)", ("com.sun.enterprise.resource.", "com.sun.gjc.", "com.sun.enterprise.transaction.",
                                          "com.sun.jts.", "fish.payara.jdbc.")),
    ("Java serialization", ("java.io.ObjectInputStream", "java.io.ObjectOutputStream", "java.io.ObjectStreamClass")),
    ("Weld (CDI)", ("org.jboss.weld.",)),
    ("Jersey (JAX-RS)", ("org.glassfish.jersey.",)),
    ("Grizzly and the servlet container", ("org.glassfish.grizzly.", "org.apache.catalina.", "org.apache.coyote.",
                                          "com.sun.enterprise.web.")),
]


def frames_of(event):
    stack = event["values"].get("stackTrace") or {}
    for frame in stack.get("frames", []):
        method = frame["method"]
        yield method["type"]["name"].replace("/", ".") + "." + method["name"]


def main():
    recording = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 25
    printed = subprocess.run(["jfr", "print", "--json", "--events", "jdk.ExecutionSample", recording],
                             check=True, capture_output=True, text=True).stdout
    events = json.loads(printed)["recording"]["events"]
    total = len(events)
    through = Counter()
    self_samples = Counter()
    for event in events:
        frames = list(frames_of(event))
        if frames:
            self_samples[frames[0]] += 1
        seen = set()
        for frame in frames:
            for label, prefixes in GROUPS:
                if frame.startswith(prefixes):
                    seen.add(label)
                    break
        through.update(seen)
    print(f"{total} execution samples\n")
    print("| stack passes through | share of samples |")
    print("| --- | --- |")
    for label, _ in GROUPS:
        print(f"| {label} | {100.0 * through[label] / max(total, 1):.0f} % |")
    print(f"\nHottest methods by own samples (top {top}):\n")
    print("| method | share |")
    print("| --- | --- |")
    for method, count in self_samples.most_common(top):
        print(f"| `{method}` | {100.0 * count / max(total, 1):.1f} % |")


if __name__ == "__main__":
    main()
