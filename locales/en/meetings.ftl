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
