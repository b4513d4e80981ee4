"""Employers' vacancies, and transparent matching of candidates to them."""
