"""The public web: pages, and how they reach visitors fast."""
