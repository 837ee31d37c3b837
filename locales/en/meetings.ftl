nav-meetings = Meetings
nav-decisions = Decisions
meetings-title = Meetings
meetings-description = Upcoming meetings, dialogue meetings and conferences under the agreement.
meetings-feed = Subscribe to the calendar (iCal)
meetings-filter-body = Show meetings of
meetings-filter-all = All meetings
meetings-filter-apply = Show
meetings-none-upcoming = No upcoming meetings have been announced.
meetings-none-past = There are no past meetings in the archive.
meetings-archive-title = Meeting archive
meetings-upcoming-link = Upcoming meetings
meetings-years = Years
meeting-kind-body_meeting = Meeting of a body
meeting-kind-dialogue = Dialogue meeting
meeting-kind-conference = Conference
meeting-kind-webinar = Webinar
meeting-format-in_person = In person
meeting-format-online = Online
meeting-format-hybrid = In person and online
meeting-mode-in_person = In person
meeting-mode-online = Online
meeting-closed = Closed meeting
meeting-cancelled = Cancelled
meeting-cancelled-notice = This meeting has been cancelled.
meeting-past = This meeting has taken place.
meeting-registration-open = Registration open
meeting-when = When
meeting-format = Format
meeting-where = Where
meeting-venue-accessibility = Accessibility at the venue
meeting-online-link = Link to the broadcast or meeting
meeting-link-hidden-registered = The link is sent to those who have registered.
meeting-link-hidden-members = The link is shown to the body's members.
meeting-link-hidden-everyone = The link is shown to everyone.
meeting-organisers = Organisers
meeting-add-to-calendar = Add to calendar (iCal)
meeting-for-organisers = For organisers
meeting-edit = Edit the meeting
meeting-agenda-edit = Edit the agenda
meeting-notice = Send the notice
meeting-notice-sent-at = notice sent { $time }
meeting-registrations = Registrations
meeting-minutes-link = Minutes and notes
meeting-minutes = Minutes and notes
meeting-about = About the meeting
meeting-registration = Registration
meeting-places-left = { $count ->
    [0] no places left
    [one] one place left
   *[other] { $count } places left
}
meeting-waitlisted = { $count ->
    [one] one on the waitlist
   *[other] { $count } on the waitlist
}
meeting-places-unlimited = places available
meeting-registration-closes = Registration closes { $time }.
meeting-registration-opens = Registration opens { $time }.
meeting-registration-closed = Registration is closed.
meeting-register = Register
meeting-agenda = Agenda
meeting-agenda-none = The agenda is not ready yet.
meeting-attachments = Documents
meeting-contacts = Contact persons
meeting-new = New meeting
meeting-form-what = The meeting
meeting-form-when = Time
meeting-form-where = Place and format
meeting-kind = Kind of meeting
meeting-body = Body
meeting-body-hint = For a meeting of a body. Section numbers in the minutes run per body and year.
meeting-body-none = No body (the agreement's own meeting)
meeting-closed-label = Closed meeting (only the body's members take part)
meeting-title-field = Title
meeting-description-field = Description
meeting-description-hint = What the meeting is about and who it is for. You can use Markdown.
meeting-organisers-hint = For example the region's unit for social sustainability and a federation of organisations.
meeting-time-hint = Swedish time. Write times as 13.00 or 13:00.
meeting-date = Date
meeting-start-time = Starts at
meeting-end-date = End date
meeting-end-date-hint = Only if the meeting runs over several days.
meeting-end-time = Ends at
meeting-venue-name = Venue
meeting-venue-address = Address
meeting-venue-accessibility-hint = For example hearing loop, step-free entrance, nearest stop.
meeting-link-visibility = Who sees the link
meeting-link-visibility-everyone = Everyone
meeting-link-visibility-registered = Those who have registered
meeting-link-visibility-members = The body's members
meeting-registration-label = The meeting takes registrations
meeting-opens-date = Registration opens
meeting-opens-date-hint = Leave empty to open today.
meeting-closes-date = Last day to register
meeting-closes-date-hint = Leave empty to take registrations until the meeting starts.
meeting-closes-time = Registration closes at
meeting-capacity-in-person = Places in person
meeting-capacity-online = Places online
meeting-capacity-hint = Leave empty for no limit. 0 means this format is not offered.
meeting-per-organisation-limit = Most participants per organisation
meeting-per-organisation-limit-hint = Leave empty for no limit.
meeting-waitlist-label = A waitlist when the places are taken
meeting-contact-n = Contact person { $n }
meeting-contact-role = Role
meeting-attachments-hint = Title and link of documents that belong to the meeting.
meeting-attachment-title = Document title
meeting-attachment-url = Link to the document
meeting-save = Save
meeting-cancel-heading = Cancel the meeting
meeting-cancel-hint = Those registered are told by e-mail. The meeting stays in the calendar as cancelled.
meeting-cancel = Cancel the meeting
meeting-cancelled-flash = The meeting is cancelled and those registered have been told.
meeting-cancelled-mail = The meeting { $title }, { $when }, has been cancelled.

    { $url }
meeting-error-body-required = Choose which body meets
meeting-error-time = Enter a time, for example 13:00
meeting-error-end-before-start = The meeting must end after it starts
meeting-error-url = Enter a link starting with https://
meeting-error-count = Enter the number in digits, for example 50
meeting-error-limit = Enter a number from 1 up, or leave empty
meeting-error-closes-before-opens = The last day to register must be after registration opens
meeting-error-contact-name = Enter the contact person's name
meeting-error-attachment-title = Enter the document's title
meeting-error-agenda-title = Every item needs a title
meeting-error-agenda-document = A document needs both a title and a link starting with https://
meeting-agenda-hint = Items are shown in the order of their numbers. Change a number to move an item; empty an item to remove it.
meeting-agenda-item-n = Item { $n }
meeting-agenda-order = Number
meeting-agenda-time = Time
meeting-agenda-title = Title
meeting-agenda-presenter = Presenter
meeting-agenda-description = Description
meeting-notice-subject = Notice of meeting
meeting-notice-intro = Welcome to { $title }, { $when }.
meeting-notice-preview = What the notice looks like
meeting-notice-to-members = { $count ->
    [one] The notice goes to the body's only member.
   *[other] The notice goes to the body's { $count } members.
}
meeting-notice-to-representatives = { $count ->
    [0] No representative of the signatory organisations has an account yet.
    [one] The notice goes to one representative of the signatory organisations.
   *[other] The notice goes to { $count } representatives of the signatory organisations.
}
meeting-notice-send = { $count ->
    [one] Send the notice to one recipient
   *[other] Send the notice to { $count } recipients
}
meeting-notice-sent = The notice has been sent.
meeting-notice-already-sent = A notice was sent { $time }. Sending again sends everyone a new one.
body-meetings = Upcoming meetings
body-meetings-all = All the body's meetings
body-meetings-feed = The body's meetings in your calendar (iCal)
start-all-meetings = All meetings and the archive
meeting-date-hint = Write as YYYY-MM-DD, for example 2026-12-09.
meeting-proposals = Proposals from this meeting
