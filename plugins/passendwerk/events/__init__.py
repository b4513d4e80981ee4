"""Meet & Greets: employers and candidates meet; who came; follow-ups."""
