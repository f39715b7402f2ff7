"""The letters written every week and the office's privacy information, as first shipped (data
only: migration 0016 stores them; afterwards the office edits them, each edit a new version)."""

# (code, title, subject, body, passes_data, deadline_days)
TEMPLATES = [
    (
        "aufenthalt_verlaengerung",
        "Antrag auf Verlängerung des Aufenthaltstitels",
        "Antrag auf Verlängerung des Aufenthaltstitels – {{ klient_name }}, geb. {{ klient_geburtsdatum }}"
        "{% if aktenzeichen_abh %}, Az. {{ aktenzeichen_abh }}{% endif %}",
        """Sehr geehrte Damen und Herren,

im Auftrag und mit Vollmacht von {{ klient_name }}, geboren am {{ klient_geburtsdatum }}, wohnhaft {{ klient_anschrift }}, beantrage ich die Verlängerung des Aufenthaltstitels ({{ aufenthalt_art }}){% if aufenthalt_gueltig_bis %}, der am {{ aufenthalt_gueltig_bis }} abläuft{% endif %}.

Der Antrag wird vor Ablauf des Aufenthaltstitels gestellt. Ich bitte darum, für die Dauer des Verfahrens eine Fiktionsbescheinigung nach § 81 Abs. 4 AufenthG auszustellen.

Bitte teilen Sie mir mit, welche Unterlagen Sie noch benötigen, und vergeben Sie einen Termin zur Vorsprache. Eine Vollmacht liegt bei.

Für Rückfragen stehe ich Ihnen gerne zur Verfügung.

Mit freundlichen Grüßen


{{ fallmanager_name }}
{{ buero_name }}""",
        True,
        28,
    ),
    (
        "widerspruch_jobcenter",
        "Fristwahrender Widerspruch (Jobcenter)",
        "Widerspruch gegen den Bescheid vom {{ bescheid_datum }}, Az. {{ aktenzeichen }} – {{ klient_name }}",
        """Sehr geehrte Damen und Herren,

im Auftrag und mit Vollmacht von {{ klient_name }}, geboren am {{ klient_geburtsdatum }}, lege ich hiermit gegen Ihren Bescheid vom {{ bescheid_datum }}, Aktenzeichen / Nummer der Bedarfsgemeinschaft {{ aktenzeichen }},

Widerspruch

ein.

Der Widerspruch erfolgt zunächst fristwahrend. Die Begründung reiche ich nach, sobald mir die vollständigen Unterlagen vorliegen. Ich bitte um Akteneinsicht (§ 25 SGB X) und um Bestätigung des Eingangs dieses Widerspruchs.

Mit freundlichen Grüßen


{{ fallmanager_name }}
{{ buero_name }}""",
        True,
        30,
    ),
    (
        "fristverlaengerung",
        "Bitte um Fristverlängerung",
        "Bitte um Fristverlängerung{% if aktenzeichen %} – Az. {{ aktenzeichen }}{% endif %} – {{ klient_name }}",
        """Sehr geehrte Damen und Herren,

in der Angelegenheit von {{ klient_name }}, geboren am {{ klient_geburtsdatum }}{% if aktenzeichen %}, Ihr Aktenzeichen {{ aktenzeichen }}{% endif %}, bitte ich um Verlängerung der gesetzten Frist{% if frist_bis %} bis zum {{ frist_bis }}{% endif %}.

Die angeforderten Unterlagen können nicht rechtzeitig beigebracht werden, weil sie bei anderen Stellen angefordert werden mussten. Wir reichen sie unverzüglich nach, sobald sie vorliegen.

Für Ihr Verständnis bedanke ich mich.

Mit freundlichen Grüßen


{{ fallmanager_name }}
{{ buero_name }}""",
        True,
        14,
    ),
    (
        "terminvergabe",
        "Bitte um Terminvergabe",
        "Bitte um einen Termin – {{ klient_name }}{% if aktenzeichen %}, Az. {{ aktenzeichen }}{% endif %}",
        """Sehr geehrte Damen und Herren,

für {{ klient_name }}, geboren am {{ klient_geburtsdatum }}, bitte ich um einen Termin zur persönlichen Vorsprache{% if frist_bis %}, möglichst bis zum {{ frist_bis }}{% endif %}.

{{ klient_name }} wird von mir begleitet; bei Bedarf bringen wir eine Sprachmittlung mit. Bitte senden Sie die Einladung auch in Kopie an mich.

Mit freundlichen Grüßen


{{ fallmanager_name }}
{{ buero_name }}""",
        True,
        14,
    ),
    (
        "vollmacht",
        "Vollmacht",
        "Vollmacht",
        """Ich, {{ klient_name }}, geboren am {{ klient_geburtsdatum }}, wohnhaft {{ klient_anschrift }},

bevollmächtige hiermit

{{ fallmanager_name }}, {{ buero_name }},

mich gegenüber {{ stelle_name }} in allen Angelegenheiten meines Verfahrens zu vertreten, Anträge zu stellen, Auskünfte einzuholen, Akteneinsicht zu nehmen und Schreiben für mich entgegenzunehmen.

Die Vollmacht gilt bis auf Widerruf. Ich kann sie jederzeit widerrufen.



______________________________          ______________________________
Ort, Datum                                       Unterschrift {{ klient_name }}""",
        False,
        None,
    ),
    (
        "schweigepflichtentbindung",
        "Schweigepflichtentbindung für eine Stelle",
        "Entbindung von der Schweigepflicht",
        """Ich, {{ klient_name }}, geboren am {{ klient_geburtsdatum }}, wohnhaft {{ klient_anschrift }},

entbinde die Mitarbeitenden von {{ stelle_name }} gegenüber {{ fallmanager_name }}, {{ buero_name }}, von der Schweigepflicht und erlaube den gegenseitigen Austausch von Informationen, soweit dies für die Unterstützung in meiner Angelegenheit erforderlich ist.

Diese Erklärung ist freiwillig. Ich kann sie jederzeit ganz oder teilweise widerrufen; der Widerruf gilt ab dann. Bis zum Widerruf erfolgte Weitergaben bleiben rechtmäßig.



______________________________          ______________________________
Ort, Datum                                       Unterschrift {{ klient_name }}""",
        False,
        None,
    ),
    (
        "uebersendung_unterlagen",
        "Übersendung von Unterlagen",
        "Übersendung von Unterlagen – {{ klient_name }}{% if aktenzeichen %}, Az. {{ aktenzeichen }}{% endif %}",
        """Sehr geehrte Damen und Herren,

in der Angelegenheit von {{ klient_name }}, geboren am {{ klient_geburtsdatum }}, übersende ich Ihnen anbei die folgenden Unterlagen:

{{ unterlagen }}

Bitte bestätigen Sie den Eingang und teilen Sie mir mit, falls noch etwas fehlt.

Mit freundlichen Grüßen


{{ fallmanager_name }}
{{ buero_name }}""",
        True,
        None,
    ),
]

# (language, title, body) of the privacy information (Art. 13 GDPR), key "privacy_info".
PRIVACY_TEXTS = [
    (
        "de",
        "Informationen zum Datenschutz (Art. 13 DSGVO)",
        """Verantwortlich für die Verarbeitung Ihrer Daten ist die Stadt als Trägerin des Kommunalen Integrationsmanagements (KIM), gemeinsam mit dem Träger Ihrer Fallmanagerin oder Ihres Fallmanagers.

Die Datenschutzbeauftragte oder den Datenschutzbeauftragten erreichen Sie über die Stadtverwaltung.

Zweck: Wir verarbeiten Ihre Daten, um Sie im Fallmanagement zu beraten und zu unterstützen. Rechtsgrundlage ist Ihre Einwilligung (Art. 6 Abs. 1 lit. a und Art. 9 Abs. 2 lit. a DSGVO).

Weitergabe: Wir geben Ihre Daten nur mit Ihrer Einwilligung an andere Stellen weiter, und nur an die Stelle und für den Zweck, den Sie erlauben, außer ein Gesetz verpflichtet uns.

Speicherdauer: Wir löschen Ihre Daten, wenn sie nicht mehr gebraucht werden, spätestens nach Ablauf der festgelegten Aufbewahrungsfrist nach Abschluss des Falls.

Ihre Rechte: Sie haben das Recht auf Auskunft, Berichtigung, Löschung, Einschränkung der Verarbeitung und Widerspruch. Sie können eine Einwilligung jederzeit widerrufen; der Widerruf gilt ab dann. Sie können sich bei der Landesbeauftragten für Datenschutz und Informationsfreiheit NRW beschweren.""",
    ),
    (
        "de-x-ls",
        "Datenschutz: Was passiert mit Ihren Daten?",
        """Wir helfen Ihnen.
Dafür schreiben wir Daten über Sie auf.
Zum Beispiel: Ihren Namen. Ihre Adresse. Ihre Fragen.

Nur Ihre Fall-Managerin oder Ihr Fall-Manager darf die Daten sehen.

Wir geben Ihre Daten nur weiter,
wenn Sie es erlauben.
Sie bestimmen: an wen und wofür.

Sie dürfen fragen:
Was steht über mich in den Akten?
Sie dürfen sagen:
Das ist falsch. Bitte ändern.
Bitte löschen.

Sie dürfen Ihre Erlaubnis zurücknehmen.
Immer.
Das gilt dann ab diesem Tag.

Wenn der Fall fertig ist,
löschen wir die Daten nach einer festen Zeit.

Sie können sich beschweren.
Bei der Datenschutz-Stelle von Nordrhein-Westfalen.""",
    ),
    (
        "en",
        "Privacy information (Art. 13 GDPR)",
        """The city, as the body running Integration Management (KIM), is responsible for processing your data, jointly with the organisation that employs your case manager.

You can reach the data protection officer through the city administration.

Purpose: we process your data to advise and support you in case management. The legal basis is your consent (Art. 6(1)(a) and Art. 9(2)(a) GDPR).

Passing data on: we pass your data to other agencies only with your consent, only to the agency and for the purpose you allow, unless a law obliges us.

Storage: we delete your data when it is no longer needed, at the latest when the set retention period after your case is closed has passed.

Your rights: you have the right of access, rectification, erasure, restriction of processing and objection. You can withdraw a consent at any time; the withdrawal applies from then on. You can complain to the data protection authority of North Rhine-Westphalia (LDI NRW).""",
    ),
]
