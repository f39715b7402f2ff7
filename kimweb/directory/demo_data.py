"""Fictional agencies of a city like Oberhausen for the demo (names, streets, numbers all made up).

Per agency: name, short name, legal form, street, postcode, district, phone, services. Per service:
name, life areas, description, intake, capacity, languages ("code:mode"), hours ("Mo,Di 08:00-12:00
walk_in"), documents, referral (channel, address, note), contacts, days since last check.
"""

# The tables below are laid out by hand, one agency or service a line or two: data, not code.
# fmt: off
MAIL = "oberhausen-demo.example.org"


def svc(name, areas, description, *, intake="appointment", capacity="accepting", languages="", hours="",
        documents=None, referral=None, contacts=(), checked=30, eligibility=None, fees=None, wait=None,
        districts=(), alert=None, status="active"):
    return dict(name=name, areas=areas, description=description, intake=intake, capacity=capacity,
                languages=languages, hours=hours, documents=documents, referral=referral, contacts=contacts,
                checked=checked, eligibility=eligibility, fees=fees, wait=wait, districts=districts,
                alert=alert, status=status)


def agency(name, alt, legal, street, postcode, district, phone, services, *, confidential=False,
           transport=None, step_free=True, email=None, url=None):
    return dict(name=name, alt=alt, legal=legal, street=street, postcode=postcode, district=district,
                phone=phone, services=services, confidential=confidential, transport=transport,
                step_free=step_free, email=email, url=url)


OFFICE = "Mo,Di,Do 08:00-12:00 walk_in | Do 14:00-17:30 appointment | Mi,Fr 08:00-12:00 appointment"
COUNSEL = "Mo,Mi 09:00-12:00 walk_in | Di,Do 13:00-16:00 appointment | Fr 09:00-12:00 phone"
PRAXIS = "Mo,Di,Do 08:00-12:00 appointment | Mo,Di,Do 15:00-18:00 appointment | Mi,Fr 08:00-12:30 appointment"
KITA = "Mo,Di,Mi,Do,Fr 07:00-16:30 hours"
COURSE = "Mo,Di,Mi,Do 09:00-12:15 hours | Mo,Di,Mi,Do 17:00-20:15 hours"
ID_DOCS = "Pass oder Passersatz\nAufenthaltstitel bzw. Bescheinigung\nMeldebescheinigung"

AGENCIES = [
    agency("Stadt Oberhausen (Demo) – Ausländerbehörde", "ABH", "Behörde", "Am Rathausplatz 4", "46045",
           "Mitte/Styrum", "0208 555-3100", [
               svc("Aufenthaltstitel und Verlängerungen", ["aufenthalt"],
                   "Erteilung und Verlängerung von Aufenthaltstiteln, Fiktionsbescheinigungen, Duldungen. "
                   "Anträge auf Niederlassungserlaubnis und Beschäftigungserlaubnis.",
                   intake="appointment", languages="en:staff,tr:staff,ar:phone_interpreter", hours=OFFICE,
                   documents=ID_DOCS + "\nbiometrisches Passfoto\nNachweis über Einkommen",
                   referral=("mailbox", f"abh-fachstellen@{MAIL}", "Fachkräfte melden dringende Fälle (drohender "
                             "Jobverlust, Fristablauf) über das Funktionspostfach mit Aktenzeichen."),
                   contacts=[("Frau Demir", "Sachbearbeitung", "Nachnamen A–K", "0208 555-3111", None, "internal"),
                             ("Herr Kowalski", "Sachbearbeitung", "Nachnamen L–Z", "0208 555-3112", None, "internal"),
                             (None, "Service-Hotline", "allgemeine Auskünfte", "0208 555-3100", f"auslaenderbehoerde@{MAIL}", "public")],
                   checked=20, wait=28, capacity="waitlist"),
               svc("Einbürgerung", ["aufenthalt"], "Beratung und Anträge zur Einbürgerung, Einbürgerungstest.",
                   languages="en:staff", hours="Di,Do 08:00-12:00 appointment", documents=ID_DOCS
                   + "\nNachweis Sprachkenntnisse B1\nEinbürgerungstest", checked=400, wait=120, capacity="waitlist",
                   contacts=[("Frau Schulte", "Einbürgerung", "Einbürgerung, Staatsangehörigkeit", "0208 555-3140", None, "internal")]),
           ], url="https://www.oberhausen-demo.example.org/abh"),
    agency("Jobcenter Oberhausen (Demo)", "JC", "Gemeinsame Einrichtung", "Musterallee 120", "46047",
           "Oberhausen-Ost", "0208 555-4000", [
               svc("Bürgergeld und Leistungen", ["existenz", "arbeit"],
                   "Anträge auf Bürgergeld (SGB II), Weiterbewilligung, Kosten der Unterkunft, Bildung und Teilhabe.",
                   intake="walk_in", languages="tr:staff,ar:staff,uk:phone_interpreter,ru:staff", hours=OFFICE,
                   documents=ID_DOCS + "\nMietvertrag\nKontoauszüge der letzten 3 Monate",
                   referral=("direct_line", "0208 555-4099", "Fachkräftehotline für Träger; bitte BG-Nummer bereithalten."),
                   contacts=[("Team Leistung 3", None, "Leistungsabteilung Osterfeld und Sterkrade", "0208 555-4030", None, "internal"),
                             (None, "Eingangszone", None, "0208 555-4000", f"jobcenter@{MAIL}", "public")], checked=60),
               svc("Arbeitsvermittlung für Geflüchtete", ["arbeit"],
                   "Vermittlung in Arbeit und Ausbildung, Förderung von Sprachkursen (Job-BSK), Anerkennung.",
                   languages="ar:staff,fa:staff,uk:staff,en:staff", hours="Mo,Di,Mi,Do,Fr 08:00-12:00 appointment",
                   checked=200),
           ]),
    agency("Stadt Oberhausen (Demo) – Fachbereich Soziales", "Sozialamt", "Behörde", "Am Rathausplatz 6", "46045",
           "Mitte/Styrum", "0208 555-5000", [
               svc("Grundsicherung und Hilfe zum Lebensunterhalt", ["existenz"],
                   "Leistungen nach SGB XII und Asylbewerberleistungsgesetz (AsylbLG).", hours=OFFICE,
                   languages="tr:staff,ar:interpreter", documents=ID_DOCS, checked=90,
                   contacts=[("Herr Brandt", "Sachbearbeitung AsylbLG", "AsylbLG, Krankenscheine", "0208 555-5020", None, "internal")]),
               svc("Wohngeldstelle", ["existenz", "wohnen"], "Anträge auf Wohngeld und Lastenzuschuss.",
                   hours="Mo,Di,Do 08:00-12:00 walk_in", intake="walk_in", documents="Mietvertrag\nEinkommensnachweise",
                   checked=500),
               svc("Fachstelle Wohnungsnotfälle", ["wohnen"], "Hilfe bei drohendem Wohnungsverlust, Räumungsklage, Obdachlosigkeit.",
                   intake="walk_in", hours="Mo,Di,Mi,Do,Fr 08:30-12:00 walk_in", languages="en:staff,pl:staff",
                   referral=("direct_line", "0208 555-5090", "Bei Räumungstermin sofort anrufen."), checked=15),
           ]),
    agency("Stadt Oberhausen (Demo) – Gesundheitsamt", None, "Behörde", "Gesundheitsweg 2", "46045", "Mitte/Styrum",
           "0208 555-6000", [
               svc("Schuleingangsuntersuchung und Impfberatung", ["gesundheit", "bildung"],
                   "Untersuchungen vor der Einschulung, Impfberatung, Impfungen für Menschen ohne Krankenversicherung.",
                   hours="Mo,Mi 08:30-12:00 appointment", languages="ar:interpreter,tr:staff,uk:interpreter", checked=100),
               svc("Sozialpsychiatrischer Dienst", ["gesundheit"],
                   "Beratung bei psychischen Krisen, Trauma und Sucht; Hausbesuche möglich.",
                   intake="appointment", hours="Mo,Di,Mi,Do 08:00-16:00 appointment | Fr 08:00-12:00 appointment",
                   languages="en:staff,ar:phone_interpreter,fa:phone_interpreter",
                   referral=("direct_line", "0208 555-6070", "Krisenfälle telefonisch; sonst Anmeldung per Fax/Formular."),
                   checked=45),
           ]),
    agency("Kommunales Integrationszentrum Oberhausen (Demo)", "KI", "Behörde", "Integrationsplatz 1", "46045",
           "Mitte/Styrum", "0208 555-7000", [
               svc("Kommunales Integrationsmanagement – Fallmanagement", ["aufenthalt", "teilhabe"],
                   "Case Management für Menschen mit Einwanderungsgeschichte mit mehreren Problemen gleichzeitig.",
                   intake="walk_in", hours="Mo,Di,Do 09:00-12:00 walk_in | Mi 14:00-17:00 appointment",
                   languages="tr:staff,ar:staff,uk:staff,ru:staff,ku:staff", checked=10),
               svc("Dolmetscherpool", ["teilhabe", "sprache"],
                   "Vermittlung ehrenamtlicher Sprachmittlerinnen und Sprachmittler für Termine bei Behörden und Ärzten.",
                   languages="ar:interpreter,ti:interpreter,so:interpreter,fa:interpreter,prs:interpreter,ps:interpreter,"
                   "ku:interpreter,ckb:interpreter,bg:interpreter,ro:interpreter,rom:interpreter,sq:interpreter",
                   hours="Mo,Di,Mi,Do 09:00-15:00 phone",
                   referral=("form", "https://oberhausen-demo.example.org/dolmetscherpool", "Mindestens 5 Werktage vorher anfragen."),
                   checked=50),
           ]),
    agency("Agentur für Arbeit Oberhausen (Demo)", "AfA", "Behörde", "Arbeitsstraße 9", "46047", "Oberhausen-Ost",
           "0208 555-8000", [
               svc("Berufsberatung und Anerkennung ausländischer Abschlüsse", ["arbeit"],
                   "Beratung zu Ausbildung, Studium, Anerkennung von Berufsabschlüssen.",
                   hours="Mo,Di,Mi,Do,Fr 08:00-12:30 appointment", languages="en:staff,fr:staff", checked=380),
           ]),
]

WELFARE: list[tuple[str, str | None, str, str, str]] = [
    ("Wohlfahrtsverband Rhein-Ruhr (Demo)", "WRR", "Sterkrade-Mitte", "Lindenhof 3", "46145"),
    ("Diakonisches Werk Emscher (Demo)", "DWE", "Osterfeld", "Kirchplatz 7", "46117"),
    ("Rotkreuz-Kreisverband Oberhausen (Demo)", "RKV", "Alstaden/Lirich", "Helferweg 11", "46049"),
    ("Zentrum Arbeit und Qualifizierung (Demo)", "ZAQ-Demo", "Mitte/Styrum", "Werkhof 2", "46045"),
    ("Paritätischer Treffpunkt Nord (Demo)", "PTN", "Sterkrade-Nord", "Am Brunnen 5", "46147"),
]
for index, (name, alt, district, street, postcode) in enumerate(WELFARE):
    AGENCIES.append(agency(name, alt, "e. V.", street, postcode, district, f"0208 555-9{index}00", [
        svc("Migrationsberatung für Erwachsene (MBE)", ["aufenthalt", "existenz", "teilhabe"],
            "Beratung für Zugewanderte über 27 Jahre: Aufenthalt, Leistungen, Sprachkurs, Arbeit, Familie.",
            intake="walk_in", hours=COUNSEL, languages=["tr:staff,ar:staff", "ru:staff,uk:staff", "ar:staff,fa:staff",
                                                        "pl:staff,ro:staff", "bg:staff,rom:staff"][index],
            eligibility="Zugewanderte ab 27 Jahren", checked=[40, 420, 15, 200, 700][index], capacity=
            ["accepting", "waitlist", "accepting", "accepting", "not_accepting"][index], wait=[None, 21, None, None, 60][index]),
        svc("Jugendmigrationsdienst (JMD)" if index < 3 else "Schuldner- und Insolvenzberatung",
            ["familie", "bildung", "arbeit"] if index < 3 else ["existenz"],
            "Begleitung junger Menschen von 12 bis 27 Jahren: Schule, Ausbildung, Sprachkurs." if index < 3 else
            "Beratung bei Schulden, Pfändungsschutzkonto (P-Konto), Verbraucherinsolvenz.",
            hours="Di,Do 14:00-18:00 walk_in | Mi 10:00-13:00 appointment" if index < 3 else "Mo,Mi 09:00-12:00 appointment",
            languages="ar:staff,en:staff" if index < 3 else "tr:staff,de:easy", eligibility="12 bis 27 Jahre" if index < 3 else None,
            documents=None if index < 3 else "alle Briefe von Gläubigern\nKontoauszüge\nEinkommensnachweise",
            capacity="accepting" if index < 3 else "waitlist", wait=None if index < 3 else 42, checked=100 + index * 60),
        svc("Flüchtlingsberatung" if index in (0, 2) else "Allgemeine Sozialberatung",
            ["aufenthalt", "teilhabe"] if index in (0, 2) else ["existenz", "teilhabe"],
            "Asylverfahrensberatung, Vorbereitung auf die Anhörung beim BAMF, Familiennachzug." if index in (0, 2) else
            "Offene Sozialberatung zu Anträgen, Briefen von Ämtern und Alltagsfragen.",
            intake="walk_in", hours=COUNSEL, languages="ar:staff,ti:interpreter,fa:staff" if index in (0, 2) else "de:easy,tr:staff",
            referral=("mailbox", f"beratung{index}@{MAIL}", "Kurze Fallbeschreibung und Einverständnis der Person mitschicken."),
            checked=200 + 100 * index, districts=[district]),
    ], email=f"info{index}@{MAIL}"))

COURSES = [
    ("Volkshochschule Oberhausen (Demo)", "VHS", "Mitte/Styrum", "Bildungsstraße 10", "46045", True),
    ("Sprachschule Lingua Ruhr (Demo)", None, "Sterkrade-Mitte", "Marktplatz 8", "46145", False),
    ("Bildungswerk Emscher-Lippe (Demo)", "BWEL", "Osterfeld", "Bahnhofstraße 40", "46117", True),
    ("Sprachinstitut Alstaden (Demo)", None, "Alstaden/Lirich", "Ruhrufer 12", "46049", False),
]
for index, (name, alt, district, street, postcode, childcare) in enumerate(COURSES):
    AGENCIES.append(agency(name, alt, "Bildungsträger", street, postcode, district, f"0208 555-1{index}10", [
        svc("Integrationskurs mit Kinderbetreuung" if childcare else "Integrationskurs (allgemein)",
            ["sprache"], "Integrationssprachkurs bis B1 mit Orientierungskurs, zugelassen vom BAMF."
            + (" Kinderbetreuung im Haus." if childcare else ""), hours=COURSE, languages="de:staff,de:easy",
            documents="Berechtigungsschein oder Verpflichtung\nPass", capacity=["accepting", "waitlist"][index % 2],
            wait=[None, 30][index % 2], fees="1,50 € je Unterrichtsstunde oder kostenfrei", checked=120 + index * 90),
        svc("Berufssprachkurs B2 (Job-BSK)", ["sprache", "arbeit"], "Berufsbezogene Deutschsprachförderung nach DeuFöV.",
            hours="Mo,Di,Mi,Do,Fr 08:30-12:45 hours", languages="de:staff", checked=300 + index * 40),
    ]))

KITAS = [("Kita Sonnenblume (Demo)", "Sterkrade-Nord", "Blumenweg 4", "46147", "tr:staff,ar:staff"),
         ("Kita Regenbogen (Demo)", "Osterfeld", "Farbenstraße 2", "46117", "pl:staff,uk:staff"),
         ("Familienzentrum Kleine Welt (Demo)", "Oberhausen-Ost", "Weltweg 9", "46047", "ar:staff,ku:staff,en:staff"),
         ("Kita Sternschnuppe (Demo)", "Alstaden/Lirich", "Himmelsgasse 1", "46049", "ro:staff,bg:staff"),
         ("Kita Am Park (Demo)", "Mitte/Styrum", "Parkstraße 30", "46045", "tr:staff"),
         ("Kita Zwergenland (Demo)", "Sterkrade-Mitte", "Zwergenweg 6", "46145", "ru:staff")]
for index, (name, district, street, postcode, languages) in enumerate(KITAS):
    AGENCIES.append(agency(name, "Kita", "Kita", street, postcode, district, f"0208 555-2{index}20", [
        svc("Kindertagesbetreuung (Kita-Platz)", ["bildung", "familie"],
            "Betreuung von Kindern ab 1 Jahr bis Schulbeginn; Anmeldung über den Kita-Navigator.",
            hours=KITA, languages=languages, capacity=["waitlist", "not_accepting", "accepting"][index % 3],
            wait=[90, None, None][index % 3], referral=("form", "https://kita-navigator.oberhausen-demo.example.org", None),
            checked=60 + index * 70, districts=[district]),
    ]))

SCHOOLS = [("Grundschule Am Wasserturm (Demo)", "Sterkrade-Nord", "Turmstraße 1", "46147"),
           ("Gesamtschule Emscherbruch (Demo)", "Osterfeld", "Bruchweg 20", "46117"),
           ("Realschule Ruhrpark (Demo)", "Alstaden/Lirich", "Parkallee 5", "46049"),
           ("Berufskolleg Technik und Soziales (Demo)", "Mitte/Styrum", "Kollegstraße 3", "46045")]
for index, (name, district, street, postcode) in enumerate(SCHOOLS):
    AGENCIES.append(agency(name, None, "Schule", street, postcode, district, f"0208 555-3{index}30", [
        svc("Seiteneinstieg und internationale Förderklasse" if index != 3 else "Internationale Förderklasse (IFK)",
            ["bildung"], "Aufnahme neu zugewanderter Schülerinnen und Schüler, Deutschförderung.",
            hours="Mo,Di,Mi,Do,Fr 07:45-13:00 appointment", languages="en:staff,ar:interpreter", checked=250 + 100 * index,
            referral=("direct_line", f"0208 555-3{index}39", "Anmeldung von Seiteneinsteigern über das KI.")),
    ]))

PRACTICES = [
    ("Hausarztpraxis Dr. Aydın (Demo)", "Sterkrade-Mitte", "Praxisweg 1", "46145", "tr:staff,en:staff", ["gesundheit"], "Allgemeinmedizin"),
    ("Kinderarztpraxis Dr. Nowak (Demo)", "Osterfeld", "Kinderweg 4", "46117", "pl:staff,ru:staff", ["gesundheit", "familie"], "Kinder- und Jugendmedizin"),
    ("Frauenarztpraxis Dr. Haddad (Demo)", "Mitte/Styrum", "Lindenstraße 22", "46045", "ar:staff,fr:staff", ["gesundheit"], "Frauenheilkunde und Geburtshilfe"),
    ("Psychotherapeutische Praxis Karimi (Demo)", "Oberhausen-Ost", "Ruheweg 3", "46047", "fa:staff,prs:staff,en:staff", ["gesundheit"], "Traumatherapie, Psychotherapie für Erwachsene"),
    ("Psychosoziales Zentrum für Geflüchtete (Demo)", "Mitte/Styrum", "Brückenstraße 14", "46045", "ar:interpreter,ti:interpreter,ku:staff", ["gesundheit"], "Psychotherapie und psychosoziale Beratung für traumatisierte Geflüchtete"),
    ("Zahnarztpraxis Petrović (Demo)", "Alstaden/Lirich", "Zahnweg 8", "46049", "bs:staff,hr:staff,sr:staff", ["gesundheit"], "Zahnmedizin"),
    ("Kinder- und Jugendpsychotherapie Yıldız (Demo)", "Sterkrade-Nord", "Waldweg 2", "46147", "tr:staff,ku:staff", ["gesundheit", "familie"], "Psychotherapie für Kinder und Jugendliche"),
    ("Hausarztpraxis Dr. Okafor (Demo)", "Osterfeld", "Marktweg 6", "46117", "en:staff,ha:staff,yo:staff", ["gesundheit"], "Allgemeinmedizin"),
]
for index, (name, district, street, postcode, languages, areas, kind) in enumerate(PRACTICES):
    AGENCIES.append(agency(name, None, "Praxis", street, postcode, district, f"0208 555-4{index}40", [
        svc(kind, areas, f"{kind}. Termine nach Vereinbarung.", hours=PRAXIS, languages=languages,
            capacity=["accepting", "waitlist", "not_accepting"][index % 3], wait=[None, 35, None][index % 3],
            documents="Gesundheitskarte oder Behandlungsschein", checked=30 + index * 80),
    ], step_free=index % 2 == 0))

OTHERS = [
    agency("Frauenhaus Oberhausen (Demo)", None, "e. V.", "Geschützter Ort 1", "46045", "Mitte/Styrum", "0208 555-6600", [
        svc("Schutz und Unterkunft für Frauen und Kinder", ["wohnen", "familie", "gesundheit"],
            "Schutz vor häuslicher Gewalt, rund um die Uhr erreichbar. Die Adresse ist vertraulich.",
            intake="referral_only", hours="Mo,Di,Mi,Do,Fr,Sa,So 00:00-23:59 phone",
            languages="en:staff,tr:staff,ar:phone_interpreter", capacity="waitlist",
            referral=("direct_line", "0208 555-6601", "Aufnahme nur nach telefonischer Absprache; Adresse nie weitergeben."),
            contacts=[("Frau Winter", "Leitung", "Aufnahmen, Kooperation mit Fachstellen", "0208 555-6602", None, "internal")],
            checked=20),
    ], confidential=True),
    agency("Frauenberatungsstelle Lotte (Demo)", None, "e. V.", "Frauenweg 5", "46145", "Sterkrade-Mitte", "0208 555-6700", [
        svc("Beratung bei Gewalt und Zwangsheirat", ["familie", "gesundheit"], "Vertrauliche Beratung, auch anonym.",
            intake="appointment", hours="Mo,Mi 10:00-13:00 walk_in | Di,Do 14:00-17:00 appointment",
            languages="tr:staff,ar:staff,ku:staff", checked=80),
    ]),
    agency("Mieterverein Oberhausen (Demo)", None, "e. V.", "Wohnweg 7", "46045", "Mitte/Styrum", "0208 555-6800", [
        svc("Mietrechtsberatung", ["wohnen"], "Beratung zu Mietvertrag, Nebenkosten, Mängeln, Kündigung.",
            hours="Di,Do 15:00-18:00 appointment", languages="tr:staff", fees="Mitgliedsbeitrag", checked=600),
    ]),
    agency("Wohnungsgesellschaft Ruhrbogen (Demo)", "WGR", "GmbH", "Bauweg 2", "46049", "Alstaden/Lirich", "0208 555-6900", [
        svc("Wohnungsvermittlung", ["wohnen"], "Vermittlung von Mietwohnungen, auch mit Wohnberechtigungsschein (WBS).",
            hours="Mo,Di,Mi,Do 09:00-12:00 walk_in", intake="walk_in", documents="WBS\nSchufa-Auskunft\nEinkommensnachweis",
            checked=150),
    ]),
    agency("Familienberatungsstelle Oberhausen (Demo)", None, "Behörde", "Familienweg 3", "46117", "Osterfeld", "0208 555-7100", [
        svc("Erziehungs- und Familienberatung", ["familie"], "Beratung für Eltern, Kinder und Jugendliche; kostenfrei.",
            hours="Mo,Di,Mi,Do 09:00-16:00 appointment", languages="tr:staff,ar:interpreter,uk:staff", checked=70),
    ]),
    agency("Stadt Oberhausen (Demo) – Jugendamt", None, "Behörde", "Am Rathausplatz 8", "46045", "Mitte/Styrum", "0208 555-7200", [
        svc("Allgemeiner Sozialer Dienst (ASD)", ["familie"], "Hilfen zur Erziehung, Kinderschutz, Beratung für Familien.",
            hours="Mo,Di,Mi,Do,Fr 08:00-12:00 appointment",
            referral=("direct_line", "0208 555-7299", "Kinderschutz: sofort anrufen, auch außerhalb der Sprechzeiten (Bereitschaft)."),
            contacts=[("Team ASD Nord", None, "Sterkrade-Nord, Sterkrade-Mitte", "0208 555-7210", None, "internal"),
                      ("Team ASD Süd", None, "Alstaden/Lirich, Mitte/Styrum, Osterfeld, Oberhausen-Ost", "0208 555-7220", None, "internal")],
            checked=35),
        svc("Unterhaltsvorschuss und Elterngeld", ["familie", "existenz"], "Anträge auf Unterhaltsvorschuss und Elterngeld.",
            hours="Di,Do 08:00-12:00 walk_in", intake="walk_in", documents="Geburtsurkunde des Kindes\n" + ID_DOCS, checked=410),
    ]),
    agency("Familienkasse Ruhr (Demo)", None, "Behörde", "Kassenweg 1", "46047", "Oberhausen-Ost", "0208 555-7300", [
        svc("Kindergeld und Kinderzuschlag", ["familie", "existenz"], "Anträge auf Kindergeld und Kinderzuschlag (KiZ).",
            hours="Mo,Di,Mi,Do,Fr 08:00-18:00 phone", languages="en:staff,tr:phone_interpreter", checked=800),
    ]),
    agency("Tafel Oberhausen (Demo)", None, "e. V.", "Brotweg 4", "46117", "Osterfeld", "0208 555-7400", [
        svc("Lebensmittelausgabe", ["existenz"], "Lebensmittel gegen geringen Beitrag für Menschen mit wenig Geld.",
            hours="Di,Fr 10:00-13:00 walk_in", intake="walk_in", documents="Bescheid über Bürgergeld, Grundsicherung oder AsylbLG",
            fees="2 € je Einkauf", checked=90),
    ]),
    agency("Sportbund Oberhausen (Demo)", None, "e. V.", "Sportplatz 1", "46145", "Sterkrade-Mitte", "0208 555-7500", [
        svc("Sport für alle – Vereinsangebote für Neuzugewanderte", ["teilhabe"], "Vermittlung in Sportvereine, Schwimmkurse für Frauen.",
            hours="Mi 16:00-18:00 walk_in", intake="walk_in", checked=365),
    ]),
    agency("Stadtbibliothek Oberhausen (Demo)", None, "Behörde", "Bücherweg 2", "46045", "Mitte/Styrum", "0208 555-7600", [
        svc("Sprachcafé und Lernhilfe", ["sprache", "teilhabe"], "Deutsch üben im Gespräch, Hausaufgabenhilfe, Bücher in vielen Sprachen.",
            hours="Mo,Mi 15:00-17:00 walk_in", intake="walk_in", languages="de:easy,ar:written,uk:written,tr:written", checked=55),
    ]),
    agency("Anerkennungsberatung Ruhr (Demo)", None, "gGmbH", "Brückenweg 1", "46047", "Oberhausen-Ost", "0208 555-7700", [
        svc("Beratung zur Anerkennung ausländischer Berufsabschlüsse", ["arbeit"],
            "Welche Stelle ist zuständig, welche Unterlagen, welche Kosten; Förderung über den Anerkennungszuschuss.",
            hours="Di,Do 09:00-15:00 appointment", languages="en:staff,ar:staff,uk:staff,ru:staff", checked=25),
    ]),
    agency("Verbraucherzentrale Oberhausen (Demo)", None, "e. V.", "Marktweg 3", "46045", "Mitte/Styrum", "0208 555-7800", [
        svc("Energieschuldenberatung", ["existenz", "wohnen"], "Hilfe bei Strom- und Gassperren, Abschlagszahlungen.",
            hours="Mo,Do 10:00-13:00 appointment", checked=140),
    ]),
    agency("Suchtberatung Oberhausen (Demo)", None, "e. V.", "Hoffnungsweg 9", "46117", "Osterfeld", "0208 555-7900", [
        svc("Sucht- und Drogenberatung", ["gesundheit"], "Beratung bei Alkohol, Drogen, Glücksspiel; auch für Angehörige.",
            hours="Mo,Di,Mi,Do 09:00-16:00 walk_in", intake="walk_in", languages="ru:staff,pl:staff,tr:staff", checked=210),
    ]),
    agency("AIDS-Hilfe Oberhausen (Demo)", None, "e. V.", "Regenbogenweg 2", "46045", "Mitte/Styrum", "0208 555-8100", [
        svc("Beratung und Testangebot", ["gesundheit"], "Anonyme Beratung und Tests zu HIV und sexuell übertragbaren Infektionen.",
            hours="Di 16:00-19:00 walk_in", intake="walk_in", languages="en:staff,fr:staff", checked=330),
    ]),
    agency("Rechtsberatung für Geflüchtete (Demo)", None, "e. V.", "Rechtsweg 4", "46145", "Sterkrade-Mitte", "0208 555-8200", [
        svc("Ehrenamtliche Rechtsberatung im Asyl- und Aufenthaltsrecht", ["aufenthalt"],
            "Beratung durch Anwältinnen und Anwälte, Hilfe bei Klagen gegen BAMF-Bescheide (Fristen beachten!).",
            hours="Do 17:00-19:00 walk_in", intake="walk_in", languages="en:staff,fr:staff,ar:interpreter",
            capacity="waitlist", wait=14, checked=420),
    ]),
    agency("Migrantenselbstorganisation Brücke (Demo)", None, "e. V.", "Begegnungsweg 6", "46049", "Alstaden/Lirich", "0208 555-8300", [
        svc("Begleitung zu Ämtern und Kulturvermittlung", ["teilhabe"], "Ehrenamtliche begleiten zu Terminen, Patenschaften.",
            hours="Sa 11:00-14:00 walk_in", intake="walk_in", languages="ar:staff,ti:staff,so:staff,am:staff", checked=160),
    ]),
    agency("Romnja-Beratung Oberhausen (Demo)", None, "e. V.", "Gartenweg 10", "46117", "Osterfeld", "0208 555-8400", [
        svc("Beratung für Familien aus Südosteuropa", ["teilhabe", "bildung", "existenz"],
            "Beratung zu Schule, Kindergeld, Krankenversicherung und Arbeit für EU-Zugewanderte.",
            hours="Mo,Mi 10:00-14:00 walk_in", intake="walk_in", languages="ro:staff,bg:staff,rom:staff", checked=75),
    ]),
    agency("Bürgerservice Oberhausen (Demo)", None, "Behörde", "Am Rathausplatz 1", "46045", "Mitte/Styrum", "0208 555-8500", [
        svc("Meldeangelegenheiten und Ausweise", ["aufenthalt", "teilhabe"], "Anmeldung, Ummeldung, Meldebescheinigung, Ausweisdokumente.",
            hours="Mo,Di,Mi,Do,Fr 07:30-12:30 appointment | Do 14:00-18:00 appointment", documents=ID_DOCS + "\nWohnungsgeberbestätigung",
            checked=20),
    ]),
    agency("Bezirksbürgerbüro Sterkrade (Demo)", None, "Behörde", "Sterkrader Markt 2", "46145", "Sterkrade-Mitte", "0208 555-8600", [
        svc("Bürgerbüro Sterkrade", ["teilhabe"], "Meldeangelegenheiten im Stadtbezirk Sterkrade.",
            hours="Mo,Di,Do 08:00-12:00 walk_in", intake="walk_in", checked=1000, status="temporarily_closed",
            alert="Wegen Umbau geschlossen; bitte den Bürgerservice im Rathaus nutzen."),
    ]),
    agency("Quartiersbüro Osterfeld (Demo)", None, "Behörde", "Quartiersplatz 1", "46117", "Osterfeld", "0208 555-8700", [
        svc("Quartiersarbeit und Nachbarschaftstreff", ["teilhabe"], "Treffpunkt, Nachbarschaftsprojekte, Infos im Stadtteil.",
            hours="Di,Do 10:00-16:00 walk_in", intake="walk_in", languages="tr:staff,ar:staff", checked=100, districts=["Osterfeld"]),
    ]),
    agency("Stadtteilbüro Sterkrade-Nord (Demo)", None, "Behörde", "Nordstraße 15", "46147", "Sterkrade-Nord", "0208 555-8800", [
        svc("Stadtteilberatung Sterkrade-Nord", ["teilhabe", "existenz"], "Offene Beratung und Vermittlung im Stadtteil.",
            hours="Mo,Mi 09:00-12:00 walk_in", intake="walk_in", checked=40, districts=["Sterkrade-Nord"]),
    ]),
    agency("Stadtteilprojekt Mitte/Styrum (Demo)", None, "e. V.", "Styrumer Weg 8", "46045", "Mitte/Styrum", "0208 555-8900", [
        svc("Elterncafé und Frühe Hilfen", ["familie", "bildung"], "Treffpunkt für Eltern mit kleinen Kindern, Hebammensprechstunde.",
            hours="Fr 09:30-11:30 walk_in", intake="walk_in", languages="ar:staff,tr:staff,bg:staff", checked=65, districts=["Mitte/Styrum"]),
    ]),
    agency("Ehrenamtsagentur Oberhausen (Demo)", None, "e. V.", "Engagementweg 1", "46047", "Oberhausen-Ost", "0208 555-9900", [
        svc("Patenschaften und Ehrenamt", ["teilhabe"], "Vermittlung von Patinnen und Paten, Lernpatenschaften.",
            hours="Mi 14:00-17:00 walk_in", intake="walk_in", checked=390),
    ]),
]
AGENCIES.extend(OTHERS)
