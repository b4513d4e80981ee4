"""Calendar feeds: a person's deadlines, meetings and the dated items of enabled plugins, as
iCalendar, at a secret address they can renew; and one `.ics` per dated item."""
