"""The invented demo clients, as data: names, papers, needs, goals, consents and contacts. Birth
dates are fixed; every other day is an offset from the day of seeding (negative: in the past), so
deadlines and alerts stay live."""

from datetime import date

PEOPLE = [
    {
        "manager": "mueller",
        "family_name": "Al-Hassan",
        "given_names": "Mohammed",
        "name_original": "محمد الحسن",
        "other_spellings": "Alhasan, Muhammad",
        "birth_date": date(1985, 3, 12),
        "gender": "male",
        "nationalities": "SY",
        "languages": "ar de",
        "interpreter_needed": True,
        "interpreter_language": "ar",
        "street": "Musterweg 12",
        "postcode": "46149",
        "phase": 4,
        "access_route": "referred",
        "referred_by": "Jobcenter",
        "household": [
            ("Al-Hassan", "Fatima", "spouse", date(1988, 7, 2)),
            ("Al-Hassan", "Yusuf", "child", date(2016, 5, 9)),
            ("Al-Hassan", "Lina", "child", date(2020, 11, 23)),
        ],
        "status": [
            dict(
                status_type="aufenthaltserlaubnis",
                legal_basis="§ 25 Abs. 2 AufenthG",
                valid_from=-1060,
                valid_until=40,
                card_valid_until=40,
                passport_valid_until=150,
                employment_permitted="yes",
            )
        ],
        "needs": {
            "aufenthalt": ("urgent", "Aufenthaltserlaubnis läuft bald ab, Termin bei der ABH fehlt."),
            "sprache": ("some", "A2 abgeschlossen, B1 nur mit Kinderbetreuung möglich."),
            "wohnen": ("some", "Fünf Personen in zwei Zimmern."),
        },
        "goals": [
            (
                "aufenthalt",
                "Aufenthaltserlaubnis rechtzeitig verlängern",
                35,
                [
                    ("Verlängerungsantrag mit der Familie ausfüllen", "case_manager", None, 7),
                    ("Termin bei der Ausländerbehörde wahrnehmen", "client", "Ausländerbehörde", 21),
                ],
            ),
            (
                "sprache",
                "Sprachkurs B1 mit Kinderbetreuung beginnen",
                120,
                [("Kita-Platz für Lina klären", "agency", "Kita", 30)],
            ),
        ],
        "consents": [
            (
                "Ausländerbehörde",
                "Abstimmung zur Verlängerung",
                "exchange conference",
                "identity residence",
                "Pass",
                False,
                -60,
                300,
                None,
            ),
            (
                "Jobcenter",
                "Leistungen und Sprachkurs",
                "referral exchange",
                "identity contact language concern",
                "Einkommen, Sprachstand",
                False,
                -340,
                20,
                None,
            ),
        ],
        "involved": [
            ("Ausländerbehörde", "Sachbearbeitung Aufenthalt", -300),
            ("Jobcenter", "Fallmanagement SGB II", -400),
        ],
        "followups": [("Termin ABH bestätigen lassen", -2), ("Kita-Zusage nachfragen", 12)],
        "deputy": "yilmaz",
    },
    {
        "manager": "mueller",
        "family_name": "Kovalenko",
        "given_names": "Olena",
        "name_original": "Олена Коваленко",
        "birth_date": date(1979, 1, 1),
        "birth_date_approximate": True,
        "gender": "female",
        "nationalities": "UA",
        "languages": "uk ru",
        "interpreter_needed": True,
        "interpreter_language": "uk",
        "street": "Hauptstraße 3",
        "postcode": "46149",
        "phase": 3,
        "access_route": "walk_in",
        "household": [("Kovalenko", "Sofiia", "child", date(2012, 4, 18))],
        "status": [
            dict(
                status_type="aufenthaltserlaubnis",
                legal_basis="§ 24 Abs. 1 AufenthG",
                valid_from=-700,
                valid_until=75,
                passport_valid_until=400,
                employment_permitted="yes",
            )
        ],
        "needs": {
            "arbeit": ("urgent", "Diplom als Buchhalterin, Anerkennung nicht beantragt."),
            "gesundheit": ("some", "Schlafstörungen seit der Flucht."),
        },
        "goals": [
            ("arbeit", "Berufsanerkennung beantragen", 90, [("Unterlagen übersetzen lassen", "client", None, 30)])
        ],
        "consents": [
            (
                "Anerkennungsberatung",
                "Beratung zur Berufsanerkennung",
                "referral",
                "identity contact language concern situation",
                "Zeugnisse, Lebenslauf",
                False,
                -30,
                335,
                None,
            )
        ],
        "involved": [("Anerkennungsberatung", "Anerkennungsberatung", -30)],
        "followups": [("Übersetzung der Zeugnisse prüfen", 5)],
    },
    {
        "manager": "mueller",
        "family_name": "Popescu",
        "given_names": "Ion",
        "birth_date": date(1991, 9, 30),
        "gender": "male",
        "nationalities": "RO",
        "languages": "ro",
        "street": "Bahnhofstraße 44",
        "postcode": "46145",
        "phase": 2,
        "access_route": "self",
        "status": [
            dict(
                status_type="freizuegigkeit_eu", legal_basis="§ 2 FreizügG/EU", valid_from=-900, passport_valid_until=50
            )
        ],
        "needs": {"existenz": ("urgent", "Mietschulden, Stromsperre angedroht.")},
        "followups": [("Schuldnerberatung anfragen", -5)],
    },
    {
        "manager": "yilmaz",
        "family_name": "Tesfaye",
        "given_names": "Selam",
        "birth_date": date(1996, 6, 1),
        "gender": "female",
        "nationalities": "ER",
        "languages": "ti",
        "interpreter_needed": True,
        "interpreter_language": "ti",
        "street": "Vestische Straße 80",
        "postcode": "46117",
        "phase": 4,
        "access_route": "referred",
        "referred_by": "Rechtsberatung",
        "status": [
            dict(status_type="aufenthaltsgestattung", legal_basis="§ 55 AsylG", valid_from=-500, valid_until=-200),
            dict(
                status_type="duldung_60a",
                legal_basis="§ 60a Abs. 2 AufenthG",
                valid_from=-80,
                valid_until=10,
                employment_permitted="permission",
            ),
        ],
        "needs": {
            "aufenthalt": ("urgent", "Duldung läuft in wenigen Tagen ab; Ausbildungsplatz in Aussicht."),
            "arbeit": ("some", "Zusage für Ausbildung zur Pflegefachfrau."),
        },
        "goals": [
            (
                "aufenthalt",
                "Ausbildungsduldung (§ 60c) beantragen",
                20,
                [("Ausbildungsvertrag an die ABH senden", "case_manager", None, 3)],
            )
        ],
        "consents": [
            (
                "Rechtsberatung",
                "Prüfung der Bleibeperspektive",
                "referral conference",
                "identity residence concern",
                None,
                False,
                -200,
                None,
                -20,
            ),
            (
                "Ausländerbehörde",
                "Antrag Ausbildungsduldung",
                "exchange",
                "identity residence",
                "Ausbildungsvertrag",
                False,
                -10,
                180,
                None,
            ),
        ],
        "involved": [("Rechtsberatung", "Rechtsberatung Asyl", -200), ("Ausländerbehörde", "Duldung", -80)],
        "followups": [("Duldungsverlängerung: Termin ABH", 3)],
    },
    {
        "manager": "yilmaz",
        "family_name": "Ahmadi",
        "given_names": "Farid",
        "birth_date": date(2001, 1, 1),
        "birth_date_approximate": True,
        "gender": "male",
        "nationalities": "AF",
        "languages": "prs fa",
        "interpreter_needed": True,
        "interpreter_language": "prs",
        "postcode": "46119",
        "phase": 3,
        "access_route": "walk_in",
        "status": [
            dict(status_type="aufenthaltsgestattung", legal_basis="§ 55 AsylG", valid_from=-150, valid_until=25)
        ],
        "needs": {
            "sprache": ("some", "Kein Platz im Integrationskurs."),
            "gesundheit": ("urgent", "Hinweise auf Trauma."),
        },
        "followups": [("Therapieplatz nachfragen", 9)],
    },
    {
        "manager": "yilmaz",
        "family_name": "Yıldız",
        "given_names": "Ayşe",
        "birth_date": date(1970, 2, 14),
        "gender": "female",
        "nationalities": "TR",
        "languages": "tr de",
        "street": "Bottroper Straße 5",
        "postcode": "46117",
        "phase": 5,
        "access_route": "self",
        "status": [
            dict(
                status_type="niederlassungserlaubnis",
                legal_basis="§ 9 AufenthG",
                valid_from=-4000,
                card_valid_until=45,
                passport_valid_until=700,
                employment_permitted="yes",
            )
        ],
        "needs": {"existenz": ("some", "Rente reicht nicht, Wohngeld nicht beantragt.")},
        "consents": [
            (
                "Fachbereich Soziales",
                "Wohngeldantrag",
                "referral exchange",
                "identity contact household concern",
                "Einkommen, Miete",
                False,
                -350,
                12,
                None,
            )
        ],
        "followups": [("Wohngeldbescheid abwarten", 30)],
    },
]
