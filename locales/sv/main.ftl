## Site
site-description = Överens – här driver en offentlig aktör och civilsamhällets organisationer sin överenskommelse tillsammans: undertecknare, möten, beslut och handlingsplaner.
skip-to-content = Hoppa till innehållet
nav-account-label = Konto och språk
nav-account = Mitt konto
nav-outbox = Utkorg
nav-login = Logga in
nav-logout = Logga ut
nav-register = Skapa konto
nav-agreement-start = Startsida
footer-accessibility = Tillgänglighetsredogörelse
footer-report = Rapportera brist i tillgängligheten
footer-about = Överens är fri programvara för överenskommelser mellan offentlig sektor och civilsamhället.
notice-unverified = Du har inte bekräftat din e-postadress ännu. Öppna länken i mejlet vi skickade.
notice-unverified-resend = Skicka länken igen
month-1 = januari
month-2 = februari
month-3 = mars
month-4 = april
month-5 = maj
month-6 = juni
month-7 = juli
month-8 = augusti
month-9 = september
month-10 = oktober
month-11 = november
month-12 = december

## Errors
error-title-prefix = Fel
error-go-home = Till startsidan
error-not-found-title = Sidan finns inte
error-not-found-text = Vi hittar inte sidan du söker. Kontrollera adressen, eller gå till startsidan.
error-login-required-title = Du behöver logga in
error-login-required-text = Logga in för att se sidan.
error-forbidden-title = Du har inte behörighet
error-forbidden-text = Ditt konto har inte behörighet till den här sidan. Kontakta sekretariatet om du tror att det är fel.
error-csrf-title = Formuläret har gått ut
error-csrf-text = Av säkerhetsskäl kunde vi inte ta emot formuläret. Gå tillbaka, ladda om sidan och försök igen.
error-bad-request-title = Felaktig begäran
error-bad-request-text = Vi kunde inte förstå det som skickades.
error-method-not-allowed-title = Metoden stöds inte
error-method-not-allowed-text = Adressen finns, men tar inte emot den här sortens begäran.
error-rate-limited-title = För många försök
error-rate-limited-text = Du har gjort för många försök på kort tid. Vänta en stund och försök igen.
error-internal-title = Något gick fel
error-internal-text = Ett fel uppstod hos oss. Inget av det du skickat har sparats till hälften. Försök igen om en stund.

## Forms
form-error-summary = Det finns ett problem
form-save = Spara
field-name = Namn
field-email = E-postadress
field-email-hint = Vi skickar en länk dit för att bekräfta adressen.
field-password = Lösenord
field-new-password = Nytt lösenord
field-password-hint = Minst 10 tecken. En fras av flera ord är lätt att minnas och svår att gissa.
field-password-confirm = Upprepa lösenordet
field-current-password = Nuvarande lösenord
field-new-email = Ny e-postadress
field-new-email-hint = Vi skickar en länk till den nya adressen. Den gamla gäller tills du öppnat länken.
field-date-hint = Till exempel 2026-11-25
error-required = Fyll i fältet
error-choose-one = Välj ett av alternativen
error-date = Ange ett datum som ÅÅÅÅ-MM-DD, till exempel 2026-11-25
error-too-long = Texten är för lång
error-name-missing = Ange ditt namn
error-name-long = Namnet får vara högst 200 tecken
error-email-missing = Ange din e-postadress
error-email-invalid = Ange en e-postadress i rätt format, till exempel namn@exempel.se
error-password-missing = Ange ett lösenord
error-password-short = Lösenordet måste ha minst 10 tecken
error-password-long = Lösenordet får ha högst 1000 tecken
error-password-mismatch = Lösenorden är inte likadana
error-current-password = Det nuvarande lösenordet stämmer inte
error-login-failed = E-postadressen eller lösenordet stämmer inte
error-delete-confirm = Kryssa i rutan för att bekräfta

## Agreements
agreements-title = Överenskommelser
agreements-none = Det finns inga överenskommelser ännu.
agreement-adopted = Antagen
agreement-signed = Undertecknad
agreement-principles = Den nationella överenskommelsens sex principer
principle-dialog = Dialog
principle-long-term = Långsiktighet
principle-quality = Kvalitet
principle-openness = Öppenhet och insyn
principle-independence = Självständighet och oberoende
principle-diversity = Mångfald

## Accounts
register-title = Skapa konto
register-intro = Med ett konto kan du företräda din organisation, anmäla dig till möten och följa det du engagerar dig i.
register-submit = Skapa konto
register-have-account = Har du redan ett konto?
register-done-title = Kontrollera din e-post
register-done-text = Vi har skickat ett mejl till adressen du angav. Öppna länken i mejlet för att bekräfta adressen. Du kan logga in redan nu.
verify-invalid-title = Länken gäller inte längre
verify-invalid-text = Länken är redan använd eller för gammal. Logga in och be om en ny.
login-title = Logga in
login-submit = Logga in
login-forgot = Har du glömt lösenordet?
login-no-account = Skapa ett konto
forgot-title = Glömt lösenordet
forgot-intro = Ange e-postadressen du loggar in med, så skickar vi en länk för att välja ett nytt lösenord.
forgot-submit = Skicka länken
forgot-done-title = Kontrollera din e-post
forgot-done-text = Om det finns ett konto med den adressen har vi skickat en länk dit. Länken gäller i en timme.
reset-title = Välj ett nytt lösenord
reset-submit = Spara lösenordet
reset-invalid-title = Länken gäller inte längre
reset-invalid-text = Länken är redan använd eller äldre än en timme. Be om en ny länk under Glömt lösenordet.
account-title = Mitt konto
account-verified = bekräftad
account-unverified = inte bekräftad
account-roles = Mina uppdrag
account-no-roles = Du har inga uppdrag ännu.
role-administrator = Administratör
role-editor = Redaktör (sekretariatet)
role-member = Ledamot
role-representative = Företrädare för en organisation
account-change-password = Byt lösenord
account-change-password-submit = Byt lösenord
account-change-email = Byt e-postadress
account-change-email-submit = Skicka bekräftelselänk
account-your-data = Dina uppgifter
account-export-text = Du kan ladda ner allt vi har sparat om dig som en JSON-fil.
account-export = Ladda ner mina uppgifter
account-delete = Radera mitt konto
delete-title = Radera ditt konto
delete-intro = Ditt konto, dina inloggningar och dina uppdrag raderas. Det går inte att ångra.
delete-confirm = Ja, radera mitt konto
delete-submit = Radera kontot
delete-cancel = Avbryt och gå tillbaka till Mitt konto
email-taken-title = Adressen används redan
email-taken-text = Ett annat konto använder redan den e-postadressen.
flash-email-verified = Tack! Din e-postadress är bekräftad.
flash-verification-sent = Vi har skickat en ny länk till din e-postadress.
flash-logged-out = Du är utloggad.
flash-password-reset = Ditt nya lösenord är sparat. Logga in med det.
flash-password-changed = Ditt lösenord är bytt. Andra inloggningar har loggats ut.
flash-email-change-sent = Vi har skickat en länk till den nya adressen. Öppna den för att byta.
flash-email-changed = Din e-postadress är bytt.
flash-account-deleted = Ditt konto är raderat.
flash-saved = Ändringarna är sparade.
flash-report-received = Tack för din rapport! Vi återkommer om du lämnat en e-postadress.

## Mail
mail-verify-subject = Bekräfta din e-postadress för Överens
mail-verify-body =
    Hej { $name }!

    Öppna länken för att bekräfta din e-postadress:
    { $link }

    Länken gäller i sju dagar. Om det inte var du som skapade kontot kan du bortse från det här mejlet.
mail-already-registered-subject = Du har redan ett konto på Överens
mail-already-registered-body =
    Hej!

    Någon försökte skapa ett konto med den här e-postadressen, men du har redan ett.
    Om du har glömt lösenordet kan du välja ett nytt här:
    { $link }

    Om det inte var du kan du bortse från det här mejlet.
mail-reset-subject = Välj ett nytt lösenord för Överens
mail-reset-body =
    Hej { $name }!

    Öppna länken för att välja ett nytt lösenord:
    { $link }

    Länken gäller i en timme. Om det inte var du som bad om den kan du bortse från det här mejlet.
mail-password-changed-subject = Ditt lösenord på Överens är bytt
mail-password-changed-body =
    Hej { $name }!

    Lösenordet till ditt konto har just bytts. Om det inte var du, välj ett nytt lösenord genom Glömt lösenordet och kontakta sekretariatet.
mail-change-email-subject = Bekräfta din nya e-postadress för Överens
mail-change-email-body =
    Hej { $name }!

    Öppna länken för att byta till den här e-postadressen:
    { $link }

    Om det inte var du som bad om bytet kan du bortse från det här mejlet.
mail-email-changed-subject = Din e-postadress på Överens är bytt
mail-email-changed-body =
    Hej { $name }!

    Ditt konto använder nu adressen { $email }. Om det inte var du, kontakta sekretariatet.
mail-account-deleted-subject = Ditt konto på Överens är raderat
mail-account-deleted-body =
    Hej { $name }!

    Ditt konto och dina uppgifter är raderade. Tack för den här tiden.
mail-a11y-report-subject = Rapport om brist i tillgängligheten
mail-a11y-report-body =
    En besökare har rapporterat en brist i tillgängligheten.

    Sida: { $page }
    Beskrivning:
    { $description }

    Svar till: { $email }

## Outbox
outbox-title = Utkorg
outbox-intro = All e-post som Överens skickar, den senaste först. Utan SMTP-server skrivs e-posten till loggen och visas här.
outbox-empty = Utkorgen är tom.
outbox-sent = skickad
outbox-pending = väntar
outbox-created = Skapad

## Accessibility
a11y-title = Tillgänglighetsredogörelse
a11y-description = Hur tillgänglig Överens är, kända brister och hur du rapporterar problem.
a11y-heading = Tillgänglighet för { $website }
a11y-intro = { $organisation } står bakom den här webbplatsen. Vi vill att så många som möjligt ska kunna använda den. Här beskriver vi hur webbplatsen uppfyller lagen om tillgänglighet till digital offentlig service, kända tillgänglighetsproblem och hur du kan rapportera brister till oss så att vi kan åtgärda dem.
a11y-edit-link = Redigera redogörelsen
a11y-how-accessible = Hur tillgänglig är webbplatsen?
a11y-compliance-full = Webbplatsen är helt förenlig med lagen om tillgänglighet till digital offentlig service.
a11y-compliance-partial = Vi är medvetna om att delar av webbplatsen inte är helt tillgängliga. Se avsnittet om innehåll som inte är tillgängligt nedan.
a11y-compliance-none = Webbplatsen är inte förenlig med lagen om tillgänglighet till digital offentlig service. Se avsnittet om innehåll som inte är tillgängligt nedan.
a11y-compliance-full-short = Helt förenlig
a11y-compliance-partial-short = Delvis förenlig
a11y-compliance-none-short = Inte förenlig
a11y-if-you-cannot = Vad kan du göra om du inte kan använda delar av webbplatsen?
a11y-contact-intro = Om du behöver innehåll från webbplatsen som inte är tillgängligt för dig, men som inte omfattas av lagen, kan du kontakta oss:
a11y-phone = Telefon
a11y-response-time = Vi svarar normalt inom { $days } arbetsdagar.
a11y-report-heading = Rapportera brister i webbplatsens tillgänglighet
a11y-report-text = Vi strävar efter att uppfylla kraven. Om du upptäcker problem som inte beskrivs här, eller om du anser att vi inte uppfyller lagen, meddela oss så att vi vet att problemet finns.
a11y-enforcement = Tillsyn
a11y-enforcement-text = Myndigheten för digital förvaltning (Digg) ansvarar för tillsynen över lagen om tillgänglighet till digital offentlig service. Om du inte är nöjd med hur vi hanterar dina synpunkter kan du kontakta Digg och påpeka det.
a11y-enforcement-link = Anmäl till Digg
a11y-technical = Teknisk information om webbplatsens tillgänglighet
a11y-technical-full = Webbplatsen är helt förenlig med WCAG 2.1 nivå AA.
a11y-technical-partial = Webbplatsen är delvis förenlig med WCAG 2.1 nivå AA på grund av de brister som beskrivs nedan.
a11y-technical-none = Webbplatsen är inte förenlig med WCAG 2.1 nivå AA.
a11y-non-accessible = Innehåll som inte är tillgängligt
a11y-burden = Oskäligt betungande anpassning
a11y-out-of-scope = Innehåll som inte omfattas av lagstiftningen
a11y-how-tested = Hur vi testat webbplatsen
a11y-method-self = Vi har gjort en självskattning (intern testning) av webbplatsen.
a11y-method-third-party = Webbplatsen har granskats av en oberoende part.
a11y-method-self-short = Självskattning (intern testning)
a11y-method-third-party-short = Granskning av oberoende part
a11y-automated = Varje sida testas dessutom automatiskt i en riktig webbläsare med verktyget axe-core och i Nu HTML Checker vid varje ändring av programvaran.
a11y-prepared = Redogörelsen upprättades den { $date }.
a11y-reviewed = Den uppdaterades senast den { $date }.
a11y-paragraph-hint = Skriv en tom rad mellan stycken.
a11y-edit-title = Redigera tillgänglighetsredogörelsen
a11y-field-organisation = Organisation som står bakom webbplatsen
a11y-field-website = Webbplatsens namn
a11y-field-compliance = Hur förenlig är webbplatsen med lagen?
a11y-field-prepared = Datum då redogörelsen upprättades
a11y-field-reviewed = Datum då redogörelsen senast granskades
a11y-field-response-time = Svarstid i arbetsdagar
a11y-field-response-time-hint = Ett heltal mellan 1 och 90.
error-response-time = Ange svarstiden som ett heltal mellan 1 och 90
report-title = Rapportera en brist i tillgängligheten
report-intro = Berätta vad som inte fungerar för dig. Du behöver inte logga in.
report-field-page = Sida där problemet finns
report-field-page-hint = Adressen eller sidans namn, om du vet den.
report-field-description = Vad är problemet?
report-field-description-hint = Beskriv vad du försökte göra och vad som hände. Nämn gärna hjälpmedel du använder.
report-field-email = Din e-postadress (valfritt)
report-field-email-hint = Fyll i om du vill ha svar.
report-submit = Skicka rapporten
error-report-description = Beskriv problemet

## OpenID Connect
login-other-way = Eller logga in på annat sätt
login-with = Logga in med { $provider }
account-oidc = Inloggning via annan tjänst
account-oidc-linked = Du kan logga in med { $provider }.
account-oidc-link = Koppla inloggning med { $provider } till ditt konto
oidc-failed-title = Inloggningen misslyckades
oidc-failed-text = Vi kunde inte slutföra inloggningen. Den kan ha tagit för lång tid eller avbrutits. Försök igen.
oidc-email-taken-title = Det finns redan ett konto med din e-postadress
oidc-email-taken-text = Logga in med e-post och lösenord, och koppla sedan inloggningen under Mitt konto.
flash-oidc-linked = Inloggningen är kopplad till ditt konto.

## Users and roles
users-title = Användare och roller
users-search = Sök på namn eller e-postadress
users-search-submit = Sök
users-count = { $count } konton
users-roles = Roller
users-instance-admin = administratör för hela Överens
users-revoke = Ta bort
users-grant = Ge en roll
users-grant-email-hint = Personen behöver ha ett konto.
users-agreement = Överenskommelse
users-role = Roll
users-grant-submit = Ge rollen
error-no-such-account = Det finns inget konto med den e-postadressen
flash-role-granted = Rollen är given.
flash-role-revoked = Rollen är borttagen.
nav-users = Användare
pagination = Sidor
pagination-page = Sida { $page }
pagination-previous = Föregående sida
pagination-next = Nästa sida

## Organisations and the register
organisation-description = { $name } i registret över organisationer som undertecknat överenskommelser.
organisation-agreements = Överenskommelser
organisation-no-agreements = Organisationen har inte undertecknat någon överenskommelse.
organisation-joined = undertecknare sedan { $date }
organisation-left = lämnade { $date }
organisation-member-of = Medlem i
organisation-members = Medlemsorganisationer ({ $count })
organisation-contacts = Kontaktpersoner
field-organisation = Organisation
field-org-number = Organisationsnummer
field-legal-form = Juridisk form
field-kind = Typ av organisation
field-level = Geografisk nivå
field-municipality = Kommun
field-municipalities = Kommuner
field-website = Webbplats
kind-association = Förening
kind-umbrella = Paraplyorganisation
kind-sports_club = Idrottsförening
kind-study_association = Studieförbund
kind-folk_high_school = Folkhögskola
kind-faith_community = Trossamfund
kind-social_enterprise = Socialt företag
kind-foundation = Stiftelse
kind-other = Annan
level-local = Lokal
level-regional = Regional
level-national = Nationell
signatories-title = Undertecknare av { $agreement }
signatories-description = Alla organisationer som undertecknat { $agreement }, med sök, filter, historik och öppna data.
signatories-count = { $count } organisationer har undertecknat överenskommelsen.
signatories-count-on = { $count } organisationer hade undertecknat överenskommelsen den
signatories-chart-title = Antal undertecknare över tid
signatories-chart-caption = Antal undertecknare vid slutet av varje år, i år till och med i dag.
signatories-chart-table = Undertecknare per år
signatories-year = År
signatories-signatories = Undertecknare
signatories-list-title = Registret
signatories-filter = Filtrera registret
signatories-search = Sök på namn eller organisationsnummer
signatories-any = Alla
signatories-umbrella = Medlem i paraplyorganisation
signatories-year-joined = Undertecknade år
signatories-on-date = Visa registret som det såg ut den
signatories-on-date-hint = Ett datum som ÅÅÅÅ-MM-DD. Tomt betyder i dag.
signatories-sort = Sortera
signatories-sort-name = Namn A–Ö
signatories-sort-name-desc = Namn Ö–A
signatories-sort-joined-desc = Senast anslutna först
signatories-sort-joined = Först anslutna först
signatories-filter-submit = Visa
signatories-filter-reset = Rensa filtren
signatories-showing = { $count } träffar
signatories-none = Inga undertecknare matchar filtren.
signatories-joined = Undertecknade
signatories-download = Ladda ner
signatories-export-csv = Registret som CSV
signatories-export-history-csv = Hela historiken som CSV
nav-signatories = Undertecknare
error-org-number-missing = Ange organisationsnumret
error-org-number-characters = Organisationsnumret får bara innehålla siffror och ett bindestreck, till exempel 802000-0009
error-org-number-length = Organisationsnumret ska ha tio siffror, till exempel 802000-0009
error-org-number-personal = Det ser ut som ett personnummer. Ange organisationens organisationsnummer.
error-org-number-check = Organisationsnumret stämmer inte: kontrollera siffrorna

## Applications
form-choose = Välj
apply-title = Ansök om att ansluta till { $agreement }
apply-intro = Organisationer med ett regionalt perspektiv kan ansluta sig, och lokala eller nationella organisationer när deras verksamhet är unik. Styrgruppen beslutar om ansökningarna i tur och ordning.
apply-verify-first = Bekräfta din e-postadress innan du ansöker, så att vi kan svara dig. Öppna länken i mejlet vi skickade.
apply-organisation = Organisationen
apply-why = Varför vill organisationen ansluta sig?
apply-submit = Skicka ansökan
field-organisation-name = Organisationens namn
field-org-number-hint = Tio siffror, till exempel 802000-0009.
field-municipalities-hint = Skriv kommunernas namn, åtskilda med kommatecken, till exempel Göteborg, Borås.
field-website-hint = Hela adressen, till exempel https://www.exempel.se
field-description = Kort beskrivning av organisationen
field-motivation = Varför vill ni ansluta er till överenskommelsen?
field-motivation-hint = Vad vill ni bidra med, och vad hoppas ni få ut av samverkan?
field-regional-perspective = Organisationens regionala perspektiv
field-regional-perspective-hint = Hur berör er verksamhet hela regionen? Är den lokal eller nationell, beskriv vad som gör den unik.
field-endorses-principles = Vi ställer oss bakom överenskommelsens sex principer: dialog, långsiktighet, kvalitet, öppenhet och insyn, självständighet och oberoende samt mångfald.
field-case-number = Diarienummer
field-case-number-hint = Valfritt, till exempel RS 2026-01234.
field-decision-body = Beslutande organ
field-decision-body-hint = Till exempel Styrgruppen.
field-decided-on = Beslutsdatum
field-section = Paragraf i protokollet
field-section-hint = Till exempel 14. Valfritt.
field-rejection-reason = Skäl till avslag
field-rejection-reason-hint = Krävs vid avslag. Skälet skickas till den som ansökt.
field-left-on = Sista dag som undertecknare
field-leave-reason = Skäl
error-organisation-name-missing = Ange organisationens namn
error-municipality-unknown = Någon av kommunerna finns inte. Skriv kommunernas namn som i listan över Sveriges kommuner, åtskilda med kommatecken
error-website = Ange hela adressen, med https://
error-motivation-missing = Berätta varför ni vill ansluta er
error-regional-perspective-missing = Beskriv organisationens regionala perspektiv
error-endorse-principles = Kryssa i rutan om ni ställer er bakom principerna
error-already-signatory = Organisationen har redan undertecknat överenskommelsen
error-decision-body-missing = Ange vilket organ som fattade beslutet
error-rejection-reason-missing = Ange skälet till avslaget
error-leave-reason-missing = Ange skälet
error-not-a-signatory = Organisationen är inte undertecknare just nu
error-left-before-joined = Datumet måste vara efter dagen då organisationen undertecknade
queue-title = Ansökningar om anslutning
queue-open = Att handlägga
queue-empty = Det finns inga ansökningar att handlägga.
queue-age = Väntat
queue-days = { $days } dagar
queue-decided = Senast avgjorda
application-title = Ansökan från { $organisation }
application-eyebrow = Ansökan om anslutning till
application-state = Status
application-state-submitted = Inkommen
application-state-preparing = Under beredning
application-state-approved = Beviljad
application-state-rejected = Avslagen
application-state-withdrawn = Återtagen
application-received = Inkom
application-decision = Beslut
application-prepare = Bered ansökan
application-prepare-submit = Markera som under beredning
application-decide = Besluta
application-approve = Bevilja: organisationen blir undertecknare från beslutsdatumet
application-reject = Avslå
application-decide-submit = Registrera beslutet
application-withdraw = Återta ansökan
application-withdraw-submit = Återta ansökan
application-back-to-queue = Tillbaka till alla ansökningar
leave-title = { $organisation } lämnar överenskommelsen
leave-intro = Organisationen slutar vara undertecknare efter datumet nedan. Historiken finns kvar, och organisationen kan ansluta sig igen genom en ny ansökan.
leave-submit = Registrera att organisationen lämnar
leave-cancel = Avbryt
nav-apply = Ansök om anslutning
nav-applications = Ansökningar
flash-application-received = Tack! Ansökan har kommit in. Du får besked via e-post.
flash-application-preparing = Ansökan är markerad som under beredning.
flash-application-approved = Ansökan är beviljad och organisationen finns nu i registret.
flash-application-rejected = Ansökan är avslagen. Den som ansökt har fått besked.
flash-application-withdrawn = Ansökan är återtagen.
flash-application-already-decided = Ansökan är redan avgjord: ingenting ändrades.
flash-signatory-left = Det är registrerat att organisationen lämnat överenskommelsen.
mail-application-received-subject = Vi har tagit emot ansökan från { $organisation }
mail-application-received-body =
    Hej { $name }!

    Vi har tagit emot ansökan från { $organisation } om att ansluta till { $agreement }. Styrgruppen beslutar om ansökningarna i tur och ordning, och du får besked via e-post.

    Du kan följa ansökan här:
    { $link }
mail-application-new-subject = Ny ansökan om anslutning: { $organisation }
mail-application-new-body =
    { $organisation } har ansökt om att ansluta till { $agreement }.

    Ansökan: { $link }
mail-application-approved-subject = { $organisation } är nu undertecknare
mail-application-approved-body =
    Hej { $name }!

    Ansökan från { $organisation } om att ansluta till { $agreement } är beviljad. Organisationen är undertecknare från och med { $date }.

    { $link }
mail-application-rejected-subject = Besked om ansökan från { $organisation }
mail-application-rejected-body =
    Hej { $name }!

    Ansökan från { $organisation } om att ansluta till { $agreement } har avslagits den { $date }.

    Skäl: { $reason }

    { $link }

## The agreement's page
agreement-text = Överenskommelsens text
agreement-version-of = Version { $version }
agreement-earlier-versions = { $count ->
        [one] en tidigare version
       *[other] { $count } tidigare versioner
    }
agreement-no-text = Texten är inte publicerad ännu.
agreement-areas = Samverkansområden
agreement-timeline = Tidslinje
agreement-versions-title = Alla versioner av texten
agreement-version-title = Överenskommelsens text, version { $version }
agreement-back = Tillbaka till överenskommelsen
agreement-edit-link = Redigera överenskommelsen
agreement-edit-title = Redigera överenskommelsen
agreement-facts = Fakta
agreement-field-name = Namn
agreement-field-short-name = Kort namn
agreement-field-public-body = Offentlig part
agreement-field-summary = Sammanfattning
agreement-field-adopted-by = Antagen av
agreement-field-body = Text (Markdown)
agreement-field-body-hint = Rubriker med #, listor med -. En ändrad text publiceras som en ny version; de tidigare finns kvar.
agreement-field-note = Vad ändrades?
agreement-field-note-hint = Visas i listan över versioner. Valfritt.
agreement-field-areas-hint = Ett område per rad.
agreement-field-events-hint = En händelse per rad: datum först, till exempel 2014-11-25 Regionfullmäktige antog överenskommelsen.
agreement-log-title = Ändringslogg
agreement-log-empty = Inga ändringar är gjorda ännu.
agreement-log-when = När
agreement-log-who = Vem
agreement-log-what = Vad
error-timeline = Varje rad i tidslinjen ska börja med ett datum som ÅÅÅÅ-MM-DD följt av en text
start-signatory-count = { $count } organisationer
start-read-agreement = Läs överenskommelsen
start-read-agreement-text = Texten, principerna, samverkansområdena och hur det har gått sedan starten.
start-register = Registret över undertecknare
start-register-text = Vilka organisationer som har undertecknat, sedan när, och hur antalet har växt.
start-apply-text = Så ansluter sig en organisation till överenskommelsen.
nav-agreement = Överenskommelsen
signatories-export-xlsx = Registret som Excel (XLSX)
signatories-export-history-xlsx = Hela historiken som Excel (XLSX)

## Import
import-title = Importera organisationer
import-intro = Ladda upp en CSV- eller Excel-fil (XLSX) med en organisation per rad. Alla rader kontrolleras först. Om någon rad är fel importeras ingenting, och du får en rapport rad för rad – om du inte väljer att bara importera de felfria raderna. Att importera samma fil igen ändrar ingenting.
import-columns = Kolumner (första raden), i valfri ordning; org_number och name krävs. En exporterad fil från registret går att importera.
import-file = Fil
import-file-hint = CSV (UTF-8, komma eller semikolon) eller XLSX, högst 20 MB.
import-good-rows-only = Importera bara de felfria raderna och hoppa över resten
import-submit = Kontrollera och importera
import-done = Importen är klar.
import-created = Nya organisationer: { $count }
import-updated = Ändrade organisationer: { $count }
import-unchanged = Oförändrade organisationer: { $count }
import-joined = Nya undertecknare: { $count }
import-skipped = Överhoppade rader med fel: { $count }
import-rejected-title = Filen importerades inte
import-rejected-text = { $count } fel hittades. Rätta filen och försök igen, eller välj att bara importera de felfria raderna.
import-see-report = Se rapporten
import-report = Rapport ({ $count } rader kontrollerade)
import-report-caption = Fel rad för rad
import-line = Rad
import-column = Kolumn
import-value = Värde
import-problem = Fel
import-error-no-file = Välj en fil att importera
import-error-unreadable = Filen går inte att läsa. Spara den som CSV (UTF-8) eller XLSX och försök igen
import-error-empty = Filen är tom
import-error-missing-column = Kolumnen { $column } saknas i filens första rad
import-error-rejected = Filen importerades inte
import-error-legal-form = Okänd juridisk form: ange SCB:s kod, till exempel 61
import-error-kind = Okänd typ av organisation
import-error-level = Nivån ska vara local, regional eller national
import-error-duplicate = Samma organisationsnummer som på rad { $line }
import-error-name-taken = En annan organisation med samma namn finns redan i registret
nav-import = Importera

weekday-1 = måndag
weekday-2 = tisdag
weekday-3 = onsdag
weekday-4 = torsdag
weekday-5 = fredag
weekday-6 = lördag
weekday-7 = söndag
time-at = kl.
nav-plans = Handlingsplan
nav-proposals = Förslag
nav-partnerships = Partnerskap
start-current-plan = Handlingsplanen

# The document library, news, subscriptions and search (issue 7)
nav-news = Nyheter
nav-documents = Dokument
search-label = Sök
search-site-label = Sök på webbplatsen
search-button = Sök
footer-subscribe = Prenumerera på nyheter och möten
footer-api = Öppna data (API)
