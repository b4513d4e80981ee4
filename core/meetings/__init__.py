"""Meetings (bijeenkomsten) of the programme, counted against the yearly target."""
