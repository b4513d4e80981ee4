"""The norm framework (normenkader): versions, themes, modules, norms, consultation, pilot audits."""
