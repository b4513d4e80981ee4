"""The lists the team maintains: competences, training modules, causes of ending a route."""
