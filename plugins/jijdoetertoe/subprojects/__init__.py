"""New subprojects: an idea, the committee's advice, the team's decision, a working group."""
