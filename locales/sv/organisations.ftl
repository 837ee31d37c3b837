## Keeping an organisation's profile: the edit page, representatives,
## invitations, contact persons and the account page's list.

organisation-edit-link = Redigera organisationens uppgifter
organisation-edit-title = Redigera uppgifterna om { $organisation }
organisation-edit-heading = Redigera organisationens uppgifter
organisation-edit-intro = Uppgifterna visas på organisationens sida och i registret över undertecknare.
organisation-org-number-fixed = Organisationsnumret kan inte ändras här. Kontakta sekretariatet om det är fel.
organisation-edit-submit = Spara uppgifterna
flash-organisation-saved = Organisationens uppgifter är sparade.

representatives-title = Företrädare
representatives-intro = Företrädare håller organisationens uppgifter aktuella och kan bjuda in fler. Det finns alltid minst en företrädare.
representatives-none = Organisationen har ingen företrädare ännu. Bjud in någon nedan.
representatives-you = (du)
representatives-since = företrädare sedan { $date }
representatives-remove = Ta bort som företrädare
representatives-invite = Bjud in en företrädare
field-invite-email = E-postadress till den du vill bjuda in
field-invite-email-hint = Personen får ett mejl med en länk som gäller i 14 dagar. Det konto som tackar ja via länken blir företrädare.
representatives-invite-submit = Skicka inbjudan
representatives-pending = Inbjudningar som inte besvarats
representatives-pending-until = gäller till { $date }
representatives-withdraw = Återkalla inbjudan
error-invite-email-missing = Ange e-postadressen till den du vill bjuda in
error-already-representative = Personen är redan företrädare för organisationen
flash-invitation-sent = Inbjudan är skickad.
flash-invitation-withdrawn = Inbjudan är återkallad.
flash-representative-removed = Företrädaren är borttagen.
flash-last-representative = Den sista företrädaren kan inte tas bort. Bjud in en ny företrädare först.

invitation-title = Bli företrädare för { $organisation }
invitation-text = Du har blivit inbjuden att företräda { $organisation } på Överens. Som företrädare håller du organisationens uppgifter aktuella och kan bjuda in fler.
invitation-account = Du är inloggad som { $name } ({ $email }). Det är det kontot som blir företrädare.
invitation-accept = Tacka ja och bli företrädare
invitation-decline = Nej tack, gå till sidan om { $organisation }
invitation-invalid-title = Inbjudan gäller inte längre
invitation-invalid-text = Länken är redan använd, återkallad eller för gammal. Be den som bjöd in dig om en ny inbjudan.
flash-invitation-accepted = Välkommen! Du företräder nu organisationen.

mail-invitation-subject = Inbjudan att företräda { $organisation } på Överens
mail-invitation-body =
    Hej!

    { $inviter } har bjudit in dig att företräda { $organisation } på Överens. Som företrädare håller du organisationens uppgifter aktuella.

    Öppna länken och logga in för att tacka ja:
    { $link }

    Länken gäller i 14 dagar. Har du inget konto? Skapa ett här och öppna sedan länken igen:
    { $register }

    Om du inte väntade dig inbjudan kan du bortse från det här mejlet.
mail-representative-removed-subject = Du företräder inte längre { $organisation } på Överens
mail-representative-removed-body =
    Hej { $name }!

    { $by } har tagit bort dig som företrädare för { $organisation } på Överens. Om det inte var överenskommet, kontakta organisationen eller sekretariatet.

contacts-title = Kontaktpersoner för { $organisation }
contacts-heading = Kontaktpersoner
contacts-intro = En kontaktperson visas på organisationens sida bara om personen har samtyckt till det.
contacts-back = Tillbaka till organisationens uppgifter
contacts-manage = Hantera kontaktpersoner
contacts-count = { $count ->
        [0] Inga kontaktpersoner är registrerade.
        [one] En kontaktperson är registrerad.
       *[other] { $count } kontaktpersoner är registrerade.
    }
contacts-count-public = { $count ->
        [0] Ingen visas publikt.
        [one] En visas publikt.
       *[other] { $count } visas publikt.
    }
contacts-none = Inga kontaktpersoner är registrerade.
contacts-reach = Kontaktuppgifter
contacts-shown = Visas
contacts-actions = Ändra
contacts-public = Visas publikt
contacts-not-public = Visas inte
contacts-publish = Personen har samtyckt: visa publikt
contacts-unpublish = Sluta visa publikt
contacts-remove = Ta bort
contacts-add = Lägg till en kontaktperson
contacts-work-only = Ange bara kontaktuppgifter i tjänsten, till exempel e-postadress och telefonnummer på arbetet. Privata uppgifter hör inte hemma här.
field-contact-title = Roll eller titel
field-contact-title-hint = Till exempel ordförande eller kontaktperson för överenskommelsen. Valfritt.
field-work-email = E-postadress i tjänsten
field-work-email-hint = Ange e-postadress, telefonnummer eller båda.
field-work-phone = Telefonnummer i tjänsten
field-work-phone-hint = Till exempel 031-123 45 67.
field-contact-consent = Personen har samtyckt till att visas publikt på organisationens sida
field-contact-consent-hint = Utan samtycke sparas uppgifterna men visas bara för organisationens företrädare och sekretariatet.
contacts-add-submit = Lägg till kontaktpersonen
error-contact-name-missing = Ange kontaktpersonens namn
error-contact-way-missing = Ange en e-postadress eller ett telefonnummer i tjänsten
error-phone = Ange telefonnumret med siffror, till exempel 031-123 45 67
flash-contact-added = Kontaktpersonen är tillagd.
flash-contact-removed = Kontaktpersonen är borttagen.
flash-contact-published = Kontaktpersonen visas nu på organisationens sida.
flash-contact-unpublished = Kontaktpersonen visas inte längre på organisationens sida.

account-organisations = Mina organisationer och ansökningar
account-represents = Organisationer jag företräder
account-represents-none = Du företräder ingen organisation.
account-edit-organisation = redigera uppgifterna
account-applications = Mina ansökningar
account-applications-none = Du har inte skickat någon ansökan.
account-application-received = inkom { $date }
organisation-measures = Ansvarar för åtgärder i handlingsplanen
organisation-partnerships = Partnerskap och samverkansinitiativ
organisation-proposals = Förslag till överenskommelsegruppen
