"""The register of experts by experience: who they are, how to reach them, what they did."""
