"""The national edition's programme: format types, themes, tracks, rooms, slots, speakers,
sessions, the timetable, the call for proposals and reviews, partner offers, exports and import."""
