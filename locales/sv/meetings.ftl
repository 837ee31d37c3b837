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
meeting-form-what = Mötet
meeting-form-when = Tid
meeting-form-where = Plats och form
meeting-kind = Typ av möte
meeting-body = Organ
meeting-body-hint = För ett organs sammanträde. Paragrafnumren i protokollet löper per organ och år.
meeting-body-none = Inget organ (överenskommelsens eget möte)
meeting-closed-label = Slutet möte (bara organets ledamöter deltar)
meeting-title-field = Rubrik
meeting-description-field = Beskrivning
meeting-description-hint = Vad mötet handlar om och vem det vänder sig till. Du kan använda Markdown.
meeting-organisers-hint = Till exempel Regionens enhet för social hållbarhet och Idéburen sektor Väst.
meeting-time-hint = Svensk tid. Skriv klockslag som 13.00 eller 13:00.
meeting-date = Datum
meeting-start-time = Börjar kl.
meeting-end-date = Slutdatum
meeting-end-date-hint = Bara om mötet pågår flera dagar.
meeting-end-time = Slutar kl.
meeting-venue-name = Lokal
meeting-venue-address = Adress
meeting-venue-accessibility-hint = Till exempel hörslinga, rullstolsanpassad entré, närmaste hållplats.
meeting-link-visibility = Vem ser länken
meeting-link-visibility-everyone = Alla
meeting-link-visibility-registered = De som anmält sig
meeting-link-visibility-members = Organets ledamöter
meeting-registration-label = Mötet tar emot anmälningar
meeting-opens-date = Anmälan öppnar
meeting-opens-date-hint = Lämna tomt för att öppna i dag.
meeting-closes-date = Sista anmälningsdag
meeting-closes-date-hint = Lämna tomt för att ta emot anmälningar tills mötet börjar.
meeting-closes-time = Sista anmälningstid kl.
meeting-capacity-in-person = Platser på plats
meeting-capacity-online = Platser digitalt
meeting-capacity-hint = Lämna tomt för obegränsat antal. 0 betyder att formen inte erbjuds.
meeting-per-organisation-limit = Högst antal deltagare per organisation
meeting-per-organisation-limit-hint = Lämna tomt för ingen gräns.
meeting-waitlist-label = Reservlista när platserna är slut
meeting-contact-n = Kontaktperson { $n }
meeting-contact-role = Roll
meeting-attachments-hint = Rubrik och länk till handlingar som hör till mötet.
meeting-attachment-title = Handlingens rubrik
meeting-attachment-url = Länk till handlingen
meeting-save = Spara
meeting-cancel-heading = Ställa in mötet
meeting-cancel-hint = De som anmält sig får besked med e-post. Mötet finns kvar i kalendern som inställt.
meeting-cancel = Ställ in mötet
meeting-cancelled-flash = Mötet är inställt och de anmälda har fått besked.
meeting-cancelled-mail = Mötet { $title }, { $when }, är inställt.

    { $url }
meeting-error-body-required = Välj vilket organ som sammanträder
meeting-error-time = Ange ett klockslag, till exempel 13.00
meeting-error-end-before-start = Mötet måste sluta efter att det börjar
meeting-error-url = Ange en länk som börjar med https://
meeting-error-count = Ange antalet med siffror, till exempel 50
meeting-error-limit = Ange ett antal från 1 och uppåt, eller lämna tomt
meeting-error-closes-before-opens = Sista anmälningsdag måste vara efter att anmälan öppnar
meeting-error-contact-name = Ange kontaktpersonens namn
meeting-error-attachment-title = Ange handlingens rubrik
meeting-error-agenda-title = Varje punkt behöver en rubrik
meeting-error-agenda-document = En handling behöver både rubrik och en länk som börjar med https://
meeting-agenda-hint = Punkterna visas i nummerordning. Ändra numren för att flytta en punkt, töm en punkt för att ta bort den.
meeting-agenda-item-n = Punkt { $n }
meeting-agenda-order = Nummer
meeting-agenda-time = Klockslag
meeting-agenda-title = Rubrik
meeting-agenda-presenter = Föredragande
meeting-agenda-description = Beskrivning
meeting-notice-subject = Kallelse
meeting-notice-intro = Välkommen till { $title }, { $when }.
meeting-notice-preview = Så här ser kallelsen ut
meeting-notice-to-members = { $count ->
    [one] Kallelsen skickas till organets enda ledamot.
   *[other] Kallelsen skickas till organets { $count } ledamöter.
}
meeting-notice-to-representatives = { $count ->
    [0] Ingen företrädare för de undertecknande organisationerna har ett konto ännu.
    [one] Kallelsen skickas till en företrädare för de undertecknande organisationerna.
   *[other] Kallelsen skickas till { $count } företrädare för de undertecknande organisationerna.
}
meeting-notice-send = { $count ->
    [one] Skicka kallelsen till en mottagare
   *[other] Skicka kallelsen till { $count } mottagare
}
meeting-notice-sent = Kallelsen är skickad.
meeting-notice-already-sent = En kallelse skickades { $time }. Skickar du igen får alla en ny.
body-meetings = Kommande möten
body-meetings-all = Alla organets möten
body-meetings-feed = Organets möten i kalendern (iCal)
start-all-meetings = Alla möten och mötesarkivet
meeting-date-hint = Skriv som ÅÅÅÅ-MM-DD, till exempel 2026-12-09.
meeting-proposals = Förslag från mötet
