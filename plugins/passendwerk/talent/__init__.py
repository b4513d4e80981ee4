"""The talent profile (what someone can, wants, how they work) and the training plan."""
