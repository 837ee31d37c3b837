nav-meetings = Möten
nav-decisions = Beslut
meetings-title = Möten
meetings-description = Kommande möten, dialogmöten och konferenser inom överenskommelsen.
meetings-feed = Prenumerera på kalendern (iCal)
meetings-filter-body = Visa möten för
meetings-filter-all = Alla möten
meetings-filter-apply = Visa
meetings-none-upcoming = Inga kommande möten är inlagda.
meetings-none-past = Inga tidigare möten finns i arkivet.
meetings-archive-title = Mötesarkiv
meetings-upcoming-link = Kommande möten
meetings-years = År
meeting-kind-body_meeting = Sammanträde
meeting-kind-dialogue = Dialogmöte
meeting-kind-conference = Konferens
meeting-kind-webinar = Webbinarium
meeting-format-in_person = På plats
meeting-format-online = Digitalt
meeting-format-hybrid = På plats och digitalt
meeting-mode-in_person = På plats
meeting-mode-online = Digitalt
meeting-closed = Slutet möte
meeting-cancelled = Inställt
meeting-cancelled-notice = Mötet är inställt.
meeting-past = Mötet har ägt rum.
meeting-registration-open = Anmälan öppen
meeting-when = När
meeting-format = Form
meeting-where = Plats
meeting-venue-accessibility = Tillgänglighet på plats
meeting-online-link = Länk till sändning eller möte
meeting-link-hidden-registered = Länken skickas till dem som anmält sig.
meeting-link-hidden-members = Länken visas för organets ledamöter.
meeting-link-hidden-everyone = Länken visas för alla.
meeting-organisers = Arrangörer
meeting-add-to-calendar = Lägg till i kalendern (iCal)
meeting-for-organisers = För arrangörer
meeting-edit = Ändra mötet
meeting-agenda-edit = Ändra föredragningslistan
meeting-notice = Skicka kallelse
meeting-notice-sent-at = kallelse skickad { $time }
meeting-registrations = Anmälda
meeting-minutes-link = Protokoll och anteckningar
meeting-minutes = Protokoll och anteckningar
meeting-about = Om mötet
meeting-registration = Anmälan
meeting-places-left = { $count ->
    [0] inga platser kvar
    [one] en plats kvar
   *[other] { $count } platser kvar
}
meeting-waitlisted = { $count ->
    [one] en på reservlistan
   *[other] { $count } på reservlistan
}
meeting-places-unlimited = platser finns
meeting-registration-closes = Sista dag för anmälan: { $time }.
meeting-registration-opens = Anmälan öppnar { $time }.
meeting-registration-closed = Anmälan är stängd.
meeting-register = Anmäl dig
meeting-agenda = Föredragningslista
meeting-agenda-none = Föredragningslistan är inte klar ännu.
meeting-attachments = Handlingar
meeting-contacts = Kontaktpersoner
meeting-new = Nytt möte
