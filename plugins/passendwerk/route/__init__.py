"""The route of a job seeker: signing up, their file, who guides them, consent."""
