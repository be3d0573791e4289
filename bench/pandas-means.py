# The reference implementation's way to aggregate a runs file, for the benchmark: pandas reads
# the whole file into a data frame, then groups it by model and tier. Prints one JSON line in
# the shape measure-child.ts prints: per-group run counts and token means, and peak memory.
#   python3 bench/pandas-means.py FILE
import json
import resource
import sys

import pandas as pd

# The token columns in the order of the project's TOKEN_KEYS.
TOKENS = ["input_tokens", "cache_read_tokens", "output_tokens", "cache_creation_tokens"]


def main(path):
    frame = pd.read_csv(path)
    grouped = frame.groupby(["agent_model", "tier"])
    means = grouped[TOKENS].mean()
    sizes = grouped.size()
    groups = [
        {
            "agent_model": model,
            "tier": tier,
            "runs": int(sizes[(model, tier)]),
            "means": [None if pd.isna(value) else float(value) for value in row],
        }
        for (model, tier), row in means.iterrows()
    ]
    # On Linux, ru_maxrss is in kilobytes.
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(json.dumps({"groups": groups, "peakBytes": peak}))


if __name__ == "__main__":
    main(sys.argv[1])
