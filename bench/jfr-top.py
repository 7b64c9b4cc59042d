"""Reads `jfr print --events jdk.ExecutionSample` on stdin and prints the hot spots: the frames
most often on top of a sample (self time), and the platform's own methods (jp.btob) most often
anywhere on a sample's stack (total time, each method counted once per sample)."""
import collections
import re
import sys

top = int(sys.argv[1]) if len(sys.argv) > 1 else 25
frame = re.compile(r"^\s+(\S+?)\(.*\)\s+line:")
samples, stack = [], None
for line in sys.stdin:
    if "stackTrace = [" in line:
        stack = []
    elif stack is not None:
        match = frame.match(line)
        if match:
            stack.append(match.group(1))
        elif line.strip().startswith("]") or line.strip() == "...":
            if line.strip().startswith("]"):
                samples.append(stack)
                stack = None

self_time = collections.Counter(s[0] for s in samples if s)
own = collections.Counter()
for s in samples:
    own.update({f for f in s if f.startswith("jp.btob.")})

print(f"{len(samples)} samples")
print(f"-- top {top} frames by self time")
for name, count in self_time.most_common(top):
    print(f"{100 * count / len(samples):6.2f} %  {name}")
print(f"-- top {top} platform methods by total time")
for name, count in own.most_common(top):
    print(f"{100 * count / len(samples):6.2f} %  {name}")
