## Site
site-description = Överens – where a public body and civil-society organisations run their agreement together: signatories, meetings, decisions and action plans.
skip-to-content = Skip to main content
nav-account-label = Account and language
nav-account = Your account
nav-outbox = Outbox
nav-login = Sign in
nav-logout = Sign out
nav-register = Create an account
nav-agreement-start = Home
footer-accessibility = Accessibility statement
footer-report = Report an accessibility problem
footer-about = Överens is free software for agreements between the public sector and civil society.
notice-unverified = You have not confirmed your email address yet. Open the link in the email we sent you.
notice-unverified-resend = Send the link again
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December

## Errors
error-title-prefix = Error
error-go-home = Go to the home page
error-not-found-title = Page not found
error-not-found-text = We cannot find the page you are looking for. Check the address, or go to the home page.
error-login-required-title = You need to sign in
error-login-required-text = Sign in to see this page.
error-forbidden-title = You do not have access
error-forbidden-text = Your account does not have access to this page. Contact the secretariat if you think this is wrong.
error-csrf-title = The form has expired
error-csrf-text = For security reasons we could not accept the form. Go back, reload the page and try again.
error-bad-request-title = Bad request
error-bad-request-text = We could not understand what was sent.
error-method-not-allowed-title = Method not allowed
error-method-not-allowed-text = The address exists, but does not take this kind of request.
error-rate-limited-title = Too many attempts
error-rate-limited-text = You have made too many attempts in a short time. Wait a while and try again.
error-internal-title = Something went wrong
error-internal-text = Something went wrong on our side. Nothing you sent has been half-saved. Try again in a few minutes.

## Forms
form-error-summary = There is a problem
form-save = Save
field-name = Name
field-email = Email address
field-email-hint = We will send a link there to confirm the address.
field-password = Password
field-new-password = New password
field-password-hint = At least 10 characters. A phrase of several words is easy to remember and hard to guess.
field-password-confirm = Repeat the password
field-current-password = Current password
field-new-email = New email address
field-new-email-hint = We will send a link to the new address. The old one stays in use until you open the link.
field-date-hint = For example, 2026-11-25
error-required = Fill in this field
error-choose-one = Select one of the options
error-date = Enter a date as YYYY-MM-DD, for example 2026-11-25
error-too-long = The text is too long
error-name-missing = Enter your name
error-name-long = Name must be 200 characters or fewer
error-email-missing = Enter your email address
error-email-invalid = Enter an email address in the correct format, like name@example.com
error-password-missing = Enter a password
error-password-short = Password must be at least 10 characters
error-password-long = Password must be 1000 characters or fewer
error-password-mismatch = The passwords do not match
error-current-password = The current password is not correct
error-login-failed = The email address or password is not correct
error-delete-confirm = Tick the box to confirm

## Agreements
agreements-title = Agreements
agreements-none = There are no agreements yet.
agreement-adopted = Adopted
agreement-signed = Signed
agreement-principles = The six principles of the national agreement
principle-dialog = Dialogue
principle-long-term = Long-term commitment
principle-quality = Quality
principle-openness = Openness and transparency
principle-independence = Independence and autonomy
principle-diversity = Diversity

## Accounts
register-title = Create an account
register-intro = With an account you can represent your organisation, register for meetings and follow the work you are involved in.
register-submit = Create account
register-have-account = Already have an account?
register-done-title = Check your email
register-done-text = We have sent an email to the address you gave. Open the link in the email to confirm the address. You can sign in now.
verify-invalid-title = This link no longer works
verify-invalid-text = The link has already been used or is too old. Sign in and ask for a new one.
login-title = Sign in
login-submit = Sign in
login-forgot = Forgotten your password?
login-no-account = Create an account
forgot-title = Forgotten password
forgot-intro = Enter the email address you sign in with and we will send you a link to choose a new password.
forgot-submit = Send the link
forgot-done-title = Check your email
forgot-done-text = If there is an account with that address, we have sent a link to it. The link works for one hour.
reset-title = Choose a new password
reset-submit = Save password
reset-invalid-title = This link no longer works
reset-invalid-text = The link has already been used or is more than one hour old. Ask for a new link under Forgotten password.
account-title = Your account
account-verified = confirmed
account-unverified = not confirmed
account-roles = Your roles
account-no-roles = You do not have any roles yet.
role-administrator = Administrator
role-editor = Editor (the secretariat)
role-member = Member
role-representative = Representative of an organisation
account-change-password = Change password
account-change-password-submit = Change password
account-change-email = Change email address
account-change-email-submit = Send confirmation link
account-your-data = Your data
account-export-text = You can download everything we hold about you as a JSON file.
account-export = Download your data
account-delete = Delete your account
delete-title = Delete your account
delete-intro = Your account, your sign-ins and your roles will be deleted. You cannot undo this.
delete-confirm = Yes, delete my account
delete-submit = Delete account
delete-cancel = Cancel and go back to your account
email-taken-title = This address is already in use
email-taken-text = Another account already uses that email address.
flash-email-verified = Thank you. Your email address is confirmed.
flash-verification-sent = We have sent a new link to your email address.
flash-logged-out = You have signed out.
flash-password-reset = Your new password has been saved. Sign in with it.
flash-password-changed = Your password has been changed. You have been signed out everywhere else.
flash-email-change-sent = We have sent a link to the new address. Open it to make the change.
flash-email-changed = Your email address has been changed.
flash-account-deleted = Your account has been deleted.
flash-saved = Your changes have been saved.
flash-report-received = Thank you for your report. We will get back to you if you gave an email address.

## Mail
mail-verify-subject = Confirm your email address for Överens
mail-verify-body =
    Hello { $name },

    Open this link to confirm your email address:
    { $link }

    The link works for seven days. If you did not create this account, you can ignore this email.
mail-already-registered-subject = You already have an account on Överens
mail-already-registered-body =
    Hello,

    Someone tried to create an account with this email address, but you already have one.
    If you have forgotten your password, you can choose a new one here:
    { $link }

    If this was not you, you can ignore this email.
mail-reset-subject = Choose a new password for Överens
mail-reset-body =
    Hello { $name },

    Open this link to choose a new password:
    { $link }

    The link works for one hour. If you did not ask for it, you can ignore this email.
mail-password-changed-subject = Your Överens password has been changed
mail-password-changed-body =
    Hello { $name },

    The password for your account has just been changed. If this was not you, choose a new password using Forgotten password and contact the secretariat.
mail-change-email-subject = Confirm your new email address for Överens
mail-change-email-body =
    Hello { $name },

    Open this link to switch to this email address:
    { $link }

    If you did not ask for this change, you can ignore this email.
mail-email-changed-subject = Your Överens email address has been changed
mail-email-changed-body =
    Hello { $name },

    Your account now uses the address { $email }. If this was not you, contact the secretariat.
mail-account-deleted-subject = Your Överens account has been deleted
mail-account-deleted-body =
    Hello { $name },

    Your account and your data have been deleted. Thank you for your time with us.
mail-a11y-report-subject = Report of an accessibility problem
mail-a11y-report-body =
    A visitor has reported an accessibility problem.

    Page: { $page }
    Description:
    { $description }

    Reply to: { $email }

## Outbox
outbox-title = Outbox
outbox-intro = All email that Överens sends, newest first. Without an SMTP server, email is written to the log and shown here.
outbox-empty = The outbox is empty.
outbox-sent = sent
outbox-pending = waiting
outbox-created = Created

## Accessibility
a11y-title = Accessibility statement
a11y-description = How accessible Överens is, known problems and how to report them.
a11y-heading = Accessibility statement for { $website }
a11y-intro = This website is run by { $organisation }. We want as many people as possible to be able to use it. This statement describes how the website meets the Swedish Act on accessibility to digital public services (DOS Act), known accessibility problems and how you can report problems to us so that we can fix them.
a11y-edit-link = Edit the statement
a11y-how-accessible = How accessible is this website?
a11y-compliance-full = This website is fully compliant with the DOS Act.
a11y-compliance-partial = We know that parts of this website are not fully accessible. See the section on content that is not accessible below.
a11y-compliance-none = This website is not compliant with the DOS Act. See the section on content that is not accessible below.
a11y-compliance-full-short = Fully compliant
a11y-compliance-partial-short = Partially compliant
a11y-compliance-none-short = Not compliant
a11y-if-you-cannot = What to do if you cannot use parts of this website
a11y-contact-intro = If you need content from this website that is not accessible to you, but is not covered by the Act, you can contact us:
a11y-phone = Telephone
a11y-response-time = We usually reply within { $days } working days.
a11y-report-heading = Reporting accessibility problems with this website
a11y-report-text = We aim to meet the requirements. If you find a problem that is not described here, or you think we are not meeting the Act, tell us so that we know about the problem.
a11y-enforcement = Enforcement
a11y-enforcement-text = The Agency for Digital Government (Digg) is responsible for enforcing the DOS Act. If you are not happy with how we handle your feedback, you can contact Digg and tell them.
a11y-enforcement-link = Report to Digg
a11y-technical = Technical information about this website’s accessibility
a11y-technical-full = This website is fully compliant with WCAG 2.1 level AA.
a11y-technical-partial = This website is partially compliant with WCAG 2.1 level AA, due to the problems described below.
a11y-technical-none = This website is not compliant with WCAG 2.1 level AA.
a11y-non-accessible = Content that is not accessible
a11y-burden = Disproportionate burden
a11y-out-of-scope = Content that is not within the scope of the law
a11y-how-tested = How we tested this website
a11y-method-self = We carried out a self-assessment (internal testing) of this website.
a11y-method-third-party = This website was reviewed by an independent third party.
a11y-method-self-short = Self-assessment (internal testing)
a11y-method-third-party-short = Review by an independent third party
a11y-automated = Every page is also tested automatically in a real web browser with axe-core and the Nu HTML Checker whenever the software changes.
a11y-prepared = This statement was prepared on { $date }.
a11y-reviewed = It was last updated on { $date }.
a11y-paragraph-hint = Leave a blank line between paragraphs.
a11y-edit-title = Edit the accessibility statement
a11y-field-organisation = Organisation that runs the website
a11y-field-website = Name of the website
a11y-field-compliance = How far does the website comply with the Act?
a11y-field-prepared = Date the statement was prepared
a11y-field-reviewed = Date the statement was last reviewed
a11y-field-response-time = Response time in working days
a11y-field-response-time-hint = A whole number from 1 to 90.
error-response-time = Enter the response time as a whole number from 1 to 90
report-title = Report an accessibility problem
report-intro = Tell us what is not working for you. You do not need to sign in.
report-field-page = Page where the problem is
report-field-page-hint = The address or the name of the page, if you know it.
report-field-description = What is the problem?
report-field-description-hint = Describe what you were trying to do and what happened. It helps if you mention any assistive technology you use.
report-field-email = Your email address (optional)
report-field-email-hint = Fill this in if you want a reply.
report-submit = Send report
error-report-description = Describe the problem

## OpenID Connect
login-other-way = Or sign in another way
login-with = Sign in with { $provider }
account-oidc = Signing in with another service
account-oidc-linked = You can sign in with { $provider }.
account-oidc-link = Connect { $provider } to your account
oidc-failed-title = Sign-in failed
oidc-failed-text = We could not complete the sign-in. It may have taken too long or been cancelled. Try again.
oidc-email-taken-title = There is already an account with your email address
oidc-email-taken-text = Sign in with your email and password, then connect this sign-in method on Your account.
flash-oidc-linked = The sign-in method is now connected to your account.

## Users and roles
users-title = Users and roles
users-search = Search by name or email address
users-search-submit = Search
users-count = { $count } accounts
users-roles = Roles
users-instance-admin = administrator of all of Överens
users-revoke = Remove
users-grant = Give a role
users-grant-email-hint = The person needs an account.
users-agreement = Agreement
users-role = Role
users-grant-submit = Give the role
error-no-such-account = There is no account with that email address
flash-role-granted = The role has been given.
flash-role-revoked = The role has been removed.
nav-users = Users
pagination = Pages
pagination-page = Page { $page }
pagination-previous = Previous page
pagination-next = Next page

## Organisations and the register
organisation-description = { $name } in the register of organisations that have signed agreements.
organisation-agreements = Agreements
organisation-no-agreements = The organisation has not signed any agreement.
organisation-joined = signatory since { $date }
organisation-left = left on { $date }
organisation-member-of = Member of
organisation-members = Member organisations ({ $count })
organisation-contacts = Contact people
field-organisation = Organisation
field-org-number = Organisation number
field-legal-form = Legal form
field-kind = Type of organisation
field-level = Geographic level
field-municipality = Municipality
field-municipalities = Municipalities
field-website = Website
kind-association = Association
kind-umbrella = Umbrella organisation
kind-sports_club = Sports club
kind-study_association = Study association
kind-folk_high_school = Folk high school
kind-faith_community = Faith community
kind-social_enterprise = Social enterprise
kind-foundation = Foundation
kind-other = Other
level-local = Local
level-regional = Regional
level-national = National
signatories-title = Signatories of { $agreement }
signatories-description = Every organisation that has signed { $agreement }, with search, filters, history and open data.
signatories-count = { $count } organisations have signed the agreement.
signatories-count-on = { $count } organisations had signed the agreement on
signatories-chart-title = Number of signatories over time
signatories-chart-caption = Number of signatories at the end of each year; this year up to today.
signatories-chart-table = Signatories by year
signatories-year = Year
signatories-signatories = Signatories
signatories-list-title = The register
signatories-filter = Filter the register
signatories-search = Search by name or organisation number
signatories-any = All
signatories-umbrella = Member of umbrella organisation
signatories-year-joined = Year signed
signatories-on-date = Show the register as it was on
signatories-on-date-hint = A date as YYYY-MM-DD. Empty means today.
signatories-sort = Sort
signatories-sort-name = Name A–Z
signatories-sort-name-desc = Name Z–A
signatories-sort-joined-desc = Most recently joined first
signatories-sort-joined = First joined first
signatories-filter-submit = Show
signatories-filter-reset = Clear the filters
signatories-showing = { $count } results
signatories-none = No signatories match the filters.
signatories-joined = Signed
signatories-download = Download
signatories-export-csv = The register as CSV
signatories-export-history-csv = The whole history as CSV
nav-signatories = Signatories
error-org-number-missing = Enter the organisation number
error-org-number-characters = The organisation number can only contain digits and one hyphen, like 802000-0009
error-org-number-length = The organisation number must have ten digits, like 802000-0009
error-org-number-personal = That looks like a personal identity number. Enter the organisation's organisation number.
error-org-number-check = The organisation number is not valid: check the digits

## Applications
form-choose = Choose
apply-title = Apply to join { $agreement }
apply-intro = Organisations with a regional perspective can join, and local or national organisations where their work is unique. The steering group decides on applications as they come in.
apply-verify-first = Confirm your email address before you apply, so that we can reply to you. Open the link in the email we sent you.
apply-organisation = The organisation
apply-why = Why does the organisation want to join?
apply-submit = Send application
field-organisation-name = Name of the organisation
field-org-number-hint = Ten digits, like 802000-0009.
field-municipalities-hint = Write the names of the municipalities, separated by commas, like Göteborg, Borås.
field-website-hint = The full address, like https://www.example.se
field-description = Short description of the organisation
field-motivation = Why do you want to join the agreement?
field-motivation-hint = What do you want to contribute, and what do you hope to gain from working together?
field-regional-perspective = The organisation's regional perspective
field-regional-perspective-hint = How does your work concern the whole region? If it is local or national, describe what makes it unique.
field-endorses-principles = We stand behind the agreement's six principles: dialogue, long-term commitment, quality, openness and transparency, independence, and diversity.
field-case-number = Case number
field-case-number-hint = Optional, like RS 2026-01234.
field-decision-body = Deciding body
field-decision-body-hint = For example the steering group (Styrgruppen).
field-decided-on = Date of the decision
field-section = Section of the minutes
field-section-hint = For example 14. Optional.
field-rejection-reason = Reason for rejection
field-rejection-reason-hint = Needed when rejecting. The reason is sent to the applicant.
field-left-on = Last day as a signatory
field-leave-reason = Reason
error-organisation-name-missing = Enter the name of the organisation
error-municipality-unknown = One of the municipalities does not exist. Write the names as in the list of Sweden's municipalities, separated by commas
error-website = Enter the full address, with https://
error-motivation-missing = Tell us why you want to join
error-regional-perspective-missing = Describe the organisation's regional perspective
error-endorse-principles = Tick the box if you stand behind the principles
error-already-signatory = The organisation has already signed the agreement
error-decision-body-missing = Enter the body that made the decision
error-rejection-reason-missing = Enter the reason for the rejection
error-leave-reason-missing = Enter the reason
error-not-a-signatory = The organisation is not a signatory at the moment
error-left-before-joined = The date must be after the day the organisation signed
queue-title = Applications to join
queue-open = To handle
queue-empty = There are no applications to handle.
queue-age = Waiting
queue-days = { $days } days
queue-decided = Recently decided
application-title = Application from { $organisation }
application-eyebrow = Application to join
application-state = Status
application-state-submitted = Received
application-state-preparing = Being prepared
application-state-approved = Approved
application-state-rejected = Rejected
application-state-withdrawn = Withdrawn
application-received = Received
application-decision = Decision
application-prepare = Prepare the application
application-prepare-submit = Mark as being prepared
application-decide = Decide
application-approve = Approve: the organisation becomes a signatory from the date of the decision
application-reject = Reject
application-decide-submit = Record the decision
application-withdraw = Withdraw the application
application-withdraw-submit = Withdraw application
application-back-to-queue = Back to all applications
leave-title = { $organisation } leaves the agreement
leave-intro = The organisation stops being a signatory after the date below. Its history is kept, and it can join again by applying.
leave-submit = Record that the organisation leaves
leave-cancel = Cancel
nav-apply = Apply to join
nav-applications = Applications
flash-application-received = Thank you! The application has been received. You will hear from us by email.
flash-application-preparing = The application is marked as being prepared.
flash-application-approved = The application is approved and the organisation is now in the register.
flash-application-rejected = The application is rejected. The applicant has been told.
flash-application-withdrawn = The application has been withdrawn.
flash-application-already-decided = The application has already been decided: nothing was changed.
flash-signatory-left = It is recorded that the organisation has left the agreement.
mail-application-received-subject = We have received the application from { $organisation }
mail-application-received-body =
    Hello { $name },

    We have received the application from { $organisation } to join { $agreement }. The steering group decides on applications as they come in, and you will hear from us by email.

    You can follow the application here:
    { $link }
mail-application-new-subject = New application to join: { $organisation }
mail-application-new-body =
    { $organisation } has applied to join { $agreement }.

    Application: { $link }
mail-application-approved-subject = { $organisation } is now a signatory
mail-application-approved-body =
    Hello { $name },

    The application from { $organisation } to join { $agreement } has been approved. The organisation is a signatory from { $date }.

    { $link }
mail-application-rejected-subject = Decision on the application from { $organisation }
mail-application-rejected-body =
    Hello { $name },

    The application from { $organisation } to join { $agreement } was rejected on { $date }.

    Reason: { $reason }

    { $link }

## The agreement's page
agreement-text = The text of the agreement
agreement-version-of = Version { $version }
agreement-earlier-versions = { $count ->
        [one] one earlier version
       *[other] { $count } earlier versions
    }
agreement-no-text = The text has not been published yet.
agreement-areas = Areas of collaboration
agreement-timeline = Timeline
agreement-versions-title = All versions of the text
agreement-version-title = The text of the agreement, version { $version }
agreement-back = Back to the agreement
agreement-edit-link = Edit the agreement
agreement-edit-title = Edit the agreement
agreement-facts = Facts
agreement-field-name = Name
agreement-field-short-name = Short name
agreement-field-public-body = Public party
agreement-field-summary = Summary
agreement-field-adopted-by = Adopted by
agreement-field-body = Text (Markdown)
agreement-field-body-hint = Headings with #, lists with -. A changed text is published as a new version; the earlier ones are kept.
agreement-field-note = What changed?
agreement-field-note-hint = Shown in the list of versions. Optional.
agreement-field-areas-hint = One area per line.
agreement-field-events-hint = One event per line, date first, like 2014-11-25 The regional council adopted the agreement.
agreement-log-title = Change log
agreement-log-empty = No changes have been made yet.
agreement-log-when = When
agreement-log-who = Who
agreement-log-what = What
error-timeline = Each line of the timeline must start with a date as YYYY-MM-DD followed by a text
start-signatory-count = { $count } organisations
start-read-agreement = Read the agreement
start-read-agreement-text = The text, the principles, the areas of collaboration and how it has gone since the start.
start-register = The register of signatories
start-register-text = Which organisations have signed, since when, and how their number has grown.
start-apply-text = How an organisation joins the agreement.
nav-agreement = The agreement
signatories-export-xlsx = The register as Excel (XLSX)
signatories-export-history-xlsx = The whole history as Excel (XLSX)

## Import
import-title = Import organisations
import-intro = Upload a CSV or Excel (XLSX) file with one organisation per row. Every row is checked first. If any row is wrong, nothing is imported and you get a report row by row – unless you choose to import only the rows without mistakes. Importing the same file again changes nothing.
import-columns = Columns (first row), in any order; org_number and name are required. A file exported from the register can be imported.
import-file = File
import-file-hint = CSV (UTF-8, comma or semicolon) or XLSX, at most 20 MB.
import-good-rows-only = Import only the rows without mistakes and skip the rest
import-submit = Check and import
import-done = The import is done.
import-created = New organisations: { $count }
import-updated = Changed organisations: { $count }
import-unchanged = Unchanged organisations: { $count }
import-joined = New signatories: { $count }
import-skipped = Rows skipped for mistakes: { $count }
import-rejected-title = The file was not imported
import-rejected-text = { $count } mistakes were found. Correct the file and try again, or choose to import only the rows without mistakes.
import-see-report = See the report
import-report = Report ({ $count } rows checked)
import-report-caption = Mistakes row by row
import-line = Row
import-column = Column
import-value = Value
import-problem = Mistake
import-error-no-file = Choose a file to import
import-error-unreadable = The file cannot be read. Save it as CSV (UTF-8) or XLSX and try again
import-error-empty = The file is empty
import-error-missing-column = The column { $column } is missing from the file's first row
import-error-rejected = The file was not imported
import-error-legal-form = Unknown legal form: give SCB's code, like 61
import-error-kind = Unknown type of organisation
import-error-level = The level must be local, regional or national
import-error-duplicate = The same organisation number as on row { $line }
import-error-name-taken = Another organisation with the same name is already in the register
nav-import = Import

weekday-1 = Monday
weekday-2 = Tuesday
weekday-3 = Wednesday
weekday-4 = Thursday
weekday-5 = Friday
weekday-6 = Saturday
weekday-7 = Sunday
time-at = at
nav-plans = Action plan
nav-proposals = Proposals
nav-partnerships = Partnerships
start-current-plan = The action plan

# The document library, news, subscriptions and search (issue 7)
nav-news = News
nav-documents = Documents
search-label = Search
search-site-label = Search the site
search-button = Search
footer-subscribe = Subscribe to news and meetings
footer-api = Open data (API)
