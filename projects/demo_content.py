"""Texts of the demo project database, written for the portal (no real persons, contacts at example.org).

Placeholders filled by projects.demo: {Lead}/{lead} the lead Kommune (nominative: "Havixbeck", "der Kreis
Borken"; in agreements "die Gemeinde Havixbeck"), {lead_dat} its dative ("der Gemeinde Havixbeck"), {at_lead}
"bei der Gemeinde Havixbeck" or "beim Kreis Borken", {place} its short name (after "in"), {names} all
participating Kommunen, {partners} all but the lead, {title_names} the participants as a title shows them.
The loader capitalises the first word of each sentence. A tuple holds variants; the loader picks one.
"""

# Sentences any cooperation may use, so that projects of one template do not read alike.
GENERIC_OCCASION = (
    "Wie viele Verwaltungen ähnlicher Größe suchen auch {names} seit Jahren Fachkräfte; manche Stelle blieb "
    "über Monate unbesetzt.",
    "Ein Kennzahlenvergleich zeigte, dass keine der beteiligten Verwaltungen allein die Fallzahlen erreicht, "
    "bei denen sich Spezialwissen und Technik lohnen.",
    "Den Anstoß gab ein Treffen der Verwaltungsspitzen, bei dem alle dieselben Engpässe beschrieben.",
    "In den nächsten Jahren gehen in allen beteiligten Häusern erfahrene Beschäftigte in den Ruhestand.",
    "Neue gesetzliche Vorgaben haben die Anforderungen so erhöht, dass kleine Einheiten sie kaum noch erfüllen können.",
)
GENERIC_IMPLEMENTATION = (
    "Ein Lenkungskreis der Verwaltungsvorstände kommt zweimal im Jahr zusammen und prüft, ob die Ziele "
    "erreicht werden.",
    "Bevor es losging, haben die Räte aller Beteiligten der Zusammenarbeit zugestimmt.",
    "Die Kosten werden einmal im Jahr abgerechnet, nach einem Schlüssel, den die Beteiligten gemeinsam "
    "festgelegt haben.",
    "Nach zwei Jahren werten die Partner die Zusammenarbeit gemeinsam aus und passen sie bei Bedarf an.",
    "Für Bürgerinnen und Bürger bleiben die gewohnten Ansprechstellen vor Ort erhalten.",
)
GENERIC_BENEFIT = (
    "Urlaubs- und Krankheitsvertretungen sind nun verlässlich geregelt.",
    "Das Fachwissen hängt nicht mehr an einzelnen Personen.",
    "Das Modell lässt sich mit wenig Aufwand auf weitere Kommunen übertragen.",
    "Gemeinsame Ausschreibungen bringen spürbar bessere Preise.",
    "Die Beschäftigten schätzen den fachlichen Austausch im größeren Team.",
)

# Ways of sharing the costs, used in agreements and statutes.
COST_KEYS = (
    "im Verhältnis der Einwohnerzahlen zum 31. Dezember des vorletzten Jahres",
    "nach der Zahl der im Abrechnungsjahr bearbeiteten Fälle",
    "zu einem Sockelbetrag von 20 Prozent zu gleichen Teilen und im Übrigen nach Einwohnerzahl",
)

# Fictitious people for the contact fields.
FIRST_NAMES = (
    "Petra",
    "Jonas",
    "Miriam",
    "Tobias",
    "Anna",
    "Lukas",
    "Sabine",
    "Karl",
    "Aylin",
    "Henrik",
    "Birgit",
    "Mehmet",
    "Julia",
    "Stefan",
)
LAST_NAMES = ("Beispiel", "Muster", "Exempel", "Platzhalter", "Vorlage", "Musterfrau", "Mustermann")

# Fachbereich of the contact person, by Themenfeld.
DEPARTMENTS = {
    "allgemeine-verwaltung": "Fachbereich Zentrale Dienste",
    "bauen-und-planen": "Fachbereich Planen und Bauen",
    "bildung-und-schule": "Schulverwaltungsamt",
    "digitalisierung-und-it": "Stabsstelle Digitalisierung",
    "feuerwehr-und-katastrophenschutz": "Amt für Brand- und Bevölkerungsschutz",
    "finanzen-und-steuern": "Kämmerei",
    "gesundheit-und-soziales": "Fachbereich Soziales",
    "jugend-und-familie": "Fachbereich Jugend und Familie",
    "kultur-und-sport": "Fachbereich Kultur und Sport",
    "mobilitaet-und-verkehr": "Mobilitätsmanagement",
    "ordnung-und-sicherheit": "Ordnungsamt",
    "personal": "Personalabteilung",
    "tourismus": "Tourismus und Stadtmarketing",
    "umwelt-klima-und-energie": "Klimaschutzmanagement",
    "ver-und-entsorgung": "Tiefbau und Entsorgung",
    "wirtschaftsfoerderung": "Wirtschaftsförderung",
}

# Municipal IT service providers by Regierungsbezirk (participants of IT projects).
IT_PROVIDERS = {
    "regierungsbezirk-koeln": "regio iT",
    "regierungsbezirk-duesseldorf": "ITK Rheinland",
    "regierungsbezirk-arnsberg": "Südwestfalen-IT",
    "regierungsbezirk-detmold": "krz Minden-Ravensberg/Lippe",
}

# Neighbours across the border, by Kreis (participants of cross-border projects).
CROSS_BORDER = {
    "kreis-kleve": ("Gemeente Berg en Dal", "Gemeente Gennep"),
    "kreis-borken": ("Gemeente Winterswijk", "Gemeente Aalten", "Gemeente Oost Gelre"),
    "kreis-heinsberg": ("Gemeente Roerdalen", "Gemeente Echt-Susteren", "Gemeente Sittard-Geleen"),
    "kreis-viersen": ("Gemeente Venlo", "Gemeente Beesel"),
    "staedteregion-aachen": ("Gemeente Kerkrade", "Gemeente Vaals", "Gemeinde Raeren (Belgien)"),
}

# Cooperation templates per Themenfeld. mode: "gemeinden" (neighbouring Städte und Gemeinden, sometimes supported
# by their Kreis), "kreise" (Kreise and kreisfreie Städte of a Bezirk), "kreis" (a Kreis with its Gemeinden).
# Optional: extra (a second Themenfeld), max_partners, kreisangehoerig (no kreisfreie Stadt), it_provider, org,
# cross_border, funding.
TEMPLATES = [
    # --- Allgemeine Verwaltung ---
    {
        "topic": "allgemeine-verwaltung",
        "mode": "gemeinden",
        "title": "Zentrale Vergabestelle {title_names}",
        "teaser": "{names} lassen ihre Ausschreibungen von einer gemeinsamen Vergabestelle abwickeln. Die Fachämter "
        "beschreiben, was sie brauchen; das rechtssichere Verfahren führt ein spezialisiertes Team.",
        "occasion": (
            "Das Vergaberecht ist in den letzten Jahren immer umfangreicher geworden. In den einzelnen Rathäusern "
            "wurden Vergaben nebenbei erledigt, oft von Beschäftigten, die nur wenige Verfahren im Jahr betreuen.",
            "Nach einer erfolgreichen Rüge im Nachprüfungsverfahren war allen Beteiligten klar, dass Vergaben "
            "Spezialwissen brauchen, das eine kleine Verwaltung allein nicht vorhalten kann.",
        ),
        "goal": "Die Vergabestelle soll Verfahren schneller, rechtssicher und einheitlich durchführen. Die Fachämter "
        "werden entlastet und können sich auf die fachliche Leistungsbeschreibung konzentrieren.",
        "implementation": "{Lead} hat die Vergabestelle eingerichtet und drei Stellen mit Vergabefachleuten besetzt. "
        "Alle Verfahren laufen über eine gemeinsame E-Vergabe-Plattform mit einheitlichen Vordrucken.",
        "benefit": "Die Zahl der aufgehobenen Verfahren ist deutlich gesunken, und die Fachämter erhalten verlässliche "
        "Zeitpläne.",
        "tags": ("Vergabe", "Beschaffung", "E-Vergabe"),
        "forms": ("vereinbarung",),
        "effects": {"processing_time_percent": (15, 30), "staff_effect_fte": (0.5, 1.5)},
        "subject": "die Durchführung von Vergabeverfahren durch eine gemeinsame Vergabestelle",
        "duties": (
            "{Lead} führt für die übrigen Beteiligten Vergabeverfahren für Bau-, Liefer- und Dienstleistungen ab "
            "einem geschätzten Auftragswert von 25.000 Euro netto durch.",
            "Die auftraggebende Kommune bleibt Auftraggeberin im Sinne des Vergaberechts. Sie liefert die "
            "Leistungsbeschreibung und entscheidet über den Zuschlag auf Vorschlag der Vergabestelle.",
        ),
    },
    {
        "topic": "allgemeine-verwaltung",
        "mode": "gemeinden",
        "title": "Standesamt-Kooperation {title_names}",
        "kreisangehoerig": True,
        "teaser": "{names} bilden einen gemeinsamen Standesamtsbezirk. Beurkundungen werden an einem Ort "
        "gebündelt, Trauungen bleiben in allen beteiligten Orten möglich.",
        "occasion": (
            "In den kleinen Standesämtern arbeiteten jeweils ein bis zwei Personen. Fiel jemand aus, konnten "
            "Geburten und Sterbefälle nur mit Verzögerung beurkundet werden.",
            "Die Einführung des elektronischen Personenstandsregisters verlangte Technik und Schulungen, die sich "
            "für die kleinen Standesämter einzeln kaum lohnten.",
        ),
        "goal": "Ein gemeinsames Standesamt soll jederzeit erreichbar sein und Vertretungen sicherstellen. Trauungen "
        "sollen weiterhin auch in den historischen Trauzimmern der Partnerkommunen stattfinden.",
        "implementation": "Der Sitz des gemeinsamen Standesamts ist in {place}. Die Standesbeamtinnen und "
        "Standesbeamten der Partner wechselten dorthin und trauen nach einem gemeinsamen Terminplan in allen Orten.",
        "benefit": "Beurkundungen sind innerhalb eines Arbeitstages möglich, und die Öffnungszeiten wurden verlängert.",
        "tags": ("Standesamt", "Personenstandswesen", "Trauungen"),
        "forms": ("vereinbarung",),
        "effects": {"staff_effect_fte": (0.5, 1.0), "processing_time_percent": (20, 40)},
        "subject": "die Bildung eines gemeinsamen Standesamtsbezirks",
        "duties": (
            "Die Beteiligten bilden einen gemeinsamen Standesamtsbezirk mit Sitz in {place}. {Lead} nimmt die "
            "Aufgaben nach dem Personenstandsgesetz für das gesamte Gebiet wahr.",
            "Trauungen werden auf Wunsch auch in den Trauorten der übrigen Beteiligten durchgeführt. Diese stellen "
            "die Räume unentgeltlich zur Verfügung.",
        ),
    },
    {
        "topic": "allgemeine-verwaltung",
        "extra": "kultur-und-sport",
        "mode": "gemeinden",
        "title": "Gemeinsames Kommunalarchiv {title_names}",
        "kreisangehoerig": True,
        "teaser": "{names} betreiben ein gemeinsames Archiv mit fachlich ausgebildetem Personal. Akten werden "
        "sachgerecht gelagert, erschlossen und für die Forschung zugänglich gemacht.",
        "occasion": (
            "Die Archivbestände lagerten in Kellern der Rathäuser, teils feucht und ohne Verzeichnis. Eine "
            "Archivfachkraft gab es in keiner der beteiligten Kommunen.",
            "Die Pflicht, Unterlagen dauerhaft zu sichern, ließ sich mit nebenamtlich betreuten Kellerräumen nicht "
            "mehr erfüllen.",
        ),
        "goal": "Die Überlieferung der beteiligten Orte soll gesichert und für Bürgerinnen, Bürger und Forschung "
        "nutzbar werden. Zugleich wird die Übernahme elektronischer Akten vorbereitet.",
        "implementation": "In {place} wurde ein ehemaliges Schulgebäude zum Archiv umgebaut. Eine Archivarin und ein "
        "Fachangestellter betreuen die Bestände aller Partner; ein Lesesaal ist an drei Tagen geöffnet.",
        "benefit": "Anfragen werden in wenigen Tagen beantwortet, und die Bestände sind erstmals vollständig "
        "verzeichnet.",
        "tags": ("Archiv", "Schriftgut", "Digitale Langzeitarchivierung"),
        "forms": ("vereinbarung", "zweckverband"),
        "effects": {"savings_eur_per_year": (15000, 40000)},
        "subject": "den gemeinsamen Betrieb eines Kommunalarchivs",
        "duties": (
            "{Lead} übernimmt die archivischen Aufgaben der übrigen Beteiligten nach dem Archivgesetz "
            "Nordrhein-Westfalen. Die Bestände bleiben Eigentum der abgebenden Kommune.",
            "Die Beteiligten bieten dem Archiv alle Unterlagen an, die sie nicht mehr benötigen; das Archiv "
            "entscheidet über die Archivwürdigkeit.",
        ),
    },
    # --- Bauen & Planen ---
    {
        "topic": "bauen-und-planen",
        "mode": "kreise",
        "title": "Gemeinsamer Gutachterausschuss für Grundstückswerte {title_names}",
        "teaser": "{names} haben ihre Gutachterausschüsse für Grundstückswerte zusammengelegt. Bodenrichtwerte und "
        "Marktberichte entstehen aus einer größeren Datenbasis und werden verlässlicher.",
        "occasion": (
            "Für aussagekräftige Bodenrichtwerte brauchen Gutachterausschüsse genügend Kaufverträge. In einigen "
            "Teilmärkten gab es davon zu wenige, um belastbare Werte abzuleiten.",
            "Die neue Grundsteuer stellte höhere Anforderungen an flächendeckende Bodenrichtwerte, die die "
            "einzelnen Geschäftsstellen kaum erfüllen konnten.",
        ),
        "goal": "Ein gemeinsamer Ausschuss soll die Wertermittlung auf eine breitere Grundlage stellen und die "
        "Geschäftsstellen fachlich stärken.",
        "implementation": "Die Geschäftsstelle sitzt {at_lead}. Die Kaufpreissammlungen wurden in einem System "
        "zusammengeführt, und der Grundstücksmarktbericht erscheint seitdem gemeinsam.",
        "benefit": "Bodenrichtwerte liegen früher im Jahr vor und sind für mehr Teilmärkte verfügbar.",
        "tags": ("Gutachterausschuss", "Bodenrichtwerte", "Grundstücksmarkt"),
        "forms": ("vereinbarung",),
        "effects": {"staff_effect_fte": (1.0, 2.0)},
        "subject": "die Bildung eines gemeinsamen Gutachterausschusses für Grundstückswerte",
        "duties": (
            "Die Beteiligten bilden einen gemeinsamen Gutachterausschuss für Grundstückswerte. Die Geschäftsstelle "
            "wird {at_lead} eingerichtet.",
            "Die Kaufpreissammlungen werden zusammengeführt. Auskünfte erteilt die Geschäftsstelle für das gesamte "
            "Gebiet.",
        ),
    },
    {
        "topic": "bauen-und-planen",
        "extra": "umwelt-klima-und-energie",
        "mode": "gemeinden",
        "title": "Interkommunales Flächenmanagement {title_names}",
        "teaser": "{names} erfassen Baulücken, Brachen und Leerstände in einem gemeinsamen Kataster. So wird zuerst "
        "im Bestand gebaut, bevor neue Flächen am Ortsrand ausgewiesen werden.",
        "occasion": (
            "Die Nachfrage nach Bauland ist hoch, die Spielräume im Regionalplan sind gering. Gleichzeitig "
            "standen in allen Ortskernen Gebäude leer und Grundstücke brach.",
            "Wer nach einem Bauplatz fragte, bekam in jeder Gemeinde eine andere Auskunft; einen Überblick über "
            "Baulücken hatte niemand.",
        ),
        "goal": "Die Partner wollen den Flächenverbrauch senken und die Ortskerne beleben. Eigentümerinnen und "
        "Eigentümer von Baulücken sollen gezielt angesprochen werden.",
        "implementation": "Ein gemeinsames Kataster im Geoinformationssystem erfasst alle Potenzialflächen. Eine "
        "Flächenmanagerin mit Sitz in {place} führt Gespräche mit Eigentümern und berät Bauwillige.",
        "benefit": "In den ersten Jahren wurden mehrere Dutzend Baulücken bebaut, ohne neue Flächen im Außenbereich "
        "in Anspruch zu nehmen.",
        "tags": ("Flächensparen", "Innenentwicklung", "Baulücken"),
        "forms": ("vereinbarung", "informell"),
        "effects": {},
        "subject": "ein gemeinsames Flächenmanagement",
        "duties": (
            "{Lead} beschäftigt eine Flächenmanagerin oder einen Flächenmanager, die oder der für alle Beteiligten "
            "tätig ist.",
            "Die Beteiligten stellen ihre Geodaten, Bebauungspläne und Leerstandsmeldungen zur Verfügung.",
        ),
    },
    {
        "topic": "bauen-und-planen",
        "mode": "gemeinden",
        "title": "Gemeinsamer Bauhof {title_names}",
        "kreisangehoerig": True,
        "teaser": "{names} führen ihre Bauhöfe zusammen. Maschinen werden gemeinsam genutzt, der Winterdienst "
        "wird über Gemeindegrenzen hinweg geplant.",
        "occasion": (
            "Jeder Bauhof hielt eigene Kehrmaschinen, Mähgeräte und Streufahrzeuge vor, die oft nur wenige Wochen "
            "im Jahr im Einsatz waren.",
            "Die Fahrzeuge mehrerer Bauhöfe waren gleichzeitig zu ersetzen. Eine gemeinsame Beschaffung bot sich an.",
        ),
        "goal": "Ein gemeinsamer Bauhof soll Technik besser auslasten und Personal flexibel einsetzen. Die Pflege von "
        "Straßen, Grünflächen und Friedhöfen soll gleich gut bleiben.",
        "implementation": "Der Betriebshof in {place} wurde erweitert; in den Partnerorten bleiben kleine Stützpunkte. "
        "Eine gemeinsame Software plant Touren, Winterdienst und Wartung der Fahrzeuge.",
        "benefit": "Der Fuhrpark ist um mehrere Fahrzeuge kleiner, und die Einsatzzeiten im Winterdienst sind "
        "kürzer geworden.",
        "tags": ("Bauhof", "Winterdienst", "Fuhrpark"),
        "forms": ("vereinbarung", "kommunalunternehmen"),
        "effects": {"savings_eur_per_year": (60000, 180000), "savings_percent": (8, 15)},
        "subject": "den gemeinsamen Betrieb eines Bauhofs",
        "duties": (
            "{Lead} übernimmt für die übrigen Beteiligten die Unterhaltung der Gemeindestraßen, Grünflächen und "
            "Friedhöfe sowie den Winterdienst nach einem jährlich abgestimmten Leistungsverzeichnis.",
            "Fahrzeuge und Geräte, die die Beteiligten einbringen, gehen gegen Wertausgleich in das Eigentum von "
            "{Lead} über.",
        ),
    },
    # --- Bildung & Schule ---
    {
        "topic": "bildung-und-schule",
        "mode": "gemeinden",
        "title": "Gemeinsame Schulentwicklungsplanung {title_names}",
        "teaser": "{names} planen ihre Schullandschaft gemeinsam. Schülerzahlen, Pendlerströme und Raumbedarfe "
        "werden über Gemeindegrenzen hinweg betrachtet.",
        "occasion": (
            "Viele Kinder besuchen weiterführende Schulen in der Nachbarkommune. Getrennte Schulentwicklungspläne "
            "bildeten diese Wege nicht ab.",
            "Sinkende Anmeldezahlen an einer Hauptschule zwangen zu Entscheidungen, die die Nachbarorte unmittelbar "
            "betrafen.",
        ),
        "goal": "Ein abgestimmtes Schulangebot soll allen Kindern in der Region gute und erreichbare Schulen sichern. "
        "Konkurrenz um Anmeldungen soll vermieden werden.",
        "implementation": "Ein gemeinsamer Schulentwicklungsplan wird alle fünf Jahre fortgeschrieben. Die "
        "Schulverwaltungen von {names} stimmen Anmeldeverfahren und Zügigkeiten in einer Arbeitsgruppe ab.",
        "benefit": "Schulstandorte konnten gesichert werden, und Investitionen in Gebäude richten sich nach einem "
        "gemeinsamen Bedarf.",
        "tags": ("Schulentwicklungsplanung", "Schülerzahlen", "Schulstandorte"),
        "forms": ("informell", "vereinbarung"),
        "effects": {"savings_eur_per_year": (10000, 25000)},
        "subject": "eine gemeinsame Schulentwicklungsplanung",
        "duties": (
            "Die Beteiligten stellen einen gemeinsamen Schulentwicklungsplan auf. Die Federführung liegt {at_lead}.",
            "Die Beteiligten geben Schülerdaten in anonymisierter Form weiter und stimmen Änderungen ihres "
            "Schulangebots vorher miteinander ab.",
        ),
    },
    {
        "topic": "bildung-und-schule",
        "mode": "gemeinden",
        "title": "Gemeinsame Sekundarschule {title_names}",
        "kreisangehoerig": True,
        "max_partners": 1,
        "teaser": "{names} tragen gemeinsam eine Sekundarschule mit zwei Standorten. Die Kinder können ohne "
        "lange Fahrten einen Abschluss bis zum Abitur anstreben.",
        "occasion": (
            "Die Haupt- und Realschulen beider Orte waren für sich allein nicht mehr zu halten. Ohne neue Lösung "
            "hätten viele Kinder weite Schulwege in Kauf nehmen müssen.",
            "Eltern wünschten sich eine Schule des längeren gemeinsamen Lernens in erreichbarer Nähe.",
        ),
        "goal": "Ein wohnortnahes Angebot mit allen Abschlüssen der Sekundarstufe I soll erhalten bleiben. Beide "
        "Standorte sollen gleichwertig ausgestattet werden.",
        "implementation": "Ein Schulzweckverband ist Träger der Schule; die Jahrgänge 5 und 6 lernen am Standort "
        "{Lead}, die höheren Jahrgänge am zweiten Standort. Ein Schulbus verbindet beide Gebäude.",
        "benefit": "Die Schule ist stabil mehrzügig, und beide Orte haben ihre Schulgebäude behalten.",
        "tags": ("Sekundarschule", "Schulzweckverband", "Schulträgerschaft"),
        "forms": ("zweckverband",),
        "effects": {},
        "subject": "die gemeinsame Trägerschaft einer Sekundarschule",
        "duties": (
            "Der Zweckverband ist Träger der Sekundarschule mit den Standorten in den Gebieten der Mitglieder.",
            "Er unterhält die Schulgebäude, beschafft die Ausstattung und organisiert die Schülerbeförderung.",
        ),
    },
    {
        "topic": "bildung-und-schule",
        "extra": "kultur-und-sport",
        "mode": "gemeinden",
        "title": "Volkshochschule {title_names}",
        "teaser": "{names} betreiben ihre Volkshochschule gemeinsam. Das Kursangebot ist breiter, als es ein Ort "
        "allein anbieten könnte, und findet in allen Partnerorten statt.",
        "occasion": (
            "Die gesetzlich geforderte Grundversorgung mit Weiterbildung konnte keine der Kommunen allein "
            "wirtschaftlich sicherstellen.",
            "Für Integrations- und Sprachkurse stieg der Bedarf rasch; das erforderte Personal und Räume über die "
            "Ortsgrenzen hinaus.",
        ),
        "goal": "Die Volkshochschule soll ein verlässliches Angebot für alle Altersgruppen machen, von "
        "Sprachkursen bis zum nachgeholten Schulabschluss.",
        "implementation": "Ein Zweckverband mit Geschäftsstelle in {place} ist Träger. Kurse finden in Schulen und "
        "Bürgerhäusern aller Partner statt; die Anmeldung läuft online über ein gemeinsames Portal.",
        "benefit": "Das Programm umfasst deutlich mehr Unterrichtsstunden, und die Landesförderung wird voll "
        "ausgeschöpft.",
        "tags": ("Volkshochschule", "Weiterbildung", "Integrationskurse"),
        "forms": ("zweckverband",),
        "effects": {"savings_percent": (5, 12)},
        "subject": "die gemeinsame Trägerschaft einer Volkshochschule",
        "duties": (
            "Der Zweckverband ist Träger einer Volkshochschule im Sinne des Weiterbildungsgesetzes für das Gebiet "
            "seiner Mitglieder.",
            "Er bietet Veranstaltungen in allen Mitgliedskommunen an und stellt die Grundversorgung mit "
            "Weiterbildung sicher.",
        ),
    },
    # --- Digitalisierung & IT ---
    {
        "topic": "digitalisierung-und-it",
        "mode": "gemeinden",
        "it_provider": True,
        "title": "Gemeinsamer IT-Betrieb {title_names}",
        "teaser": "{names} betreiben ihre Server und Arbeitsplätze gemeinsam. Ein kommunaler IT-Dienstleister "
        "stellt das Rechenzentrum, ein gemeinsames Team betreut die Rathäuser.",
        "occasion": (
            "Jede Verwaltung betrieb eigene Server in einem Abstellraum. Für Sicherheitsupdates, Datensicherung und "
            "Notfallpläne fehlte Personal.",
            "Ein Angriff mit Schadsoftware auf eine Nachbarverwaltung hatte deutlich gemacht, wie verwundbar kleine "
            "IT-Abteilungen sind.",
        ),
        "goal": "Die IT soll sicher, ausfallfest und wirtschaftlich laufen. Fachverfahren sollen einheitlich werden, "
        "damit Wissen geteilt werden kann.",
        "implementation": "Die Server zogen in das Rechenzentrum des IT-Dienstleisters. {Lead} stellt ein "
        "gemeinsames Team für Arbeitsplätze und Fachverfahren, das nach einem Ticketsystem arbeitet.",
        "benefit": "Die Verwaltungen haben einen geprüften Notfallplan, und Störungen werden schneller behoben.",
        "tags": ("IT-Sicherheit", "Rechenzentrum", "Informationssicherheit"),
        "forms": ("vereinbarung",),
        "effects": {"savings_eur_per_year": (40000, 120000), "staff_effect_fte": (1.0, 2.5)},
        "subject": "den gemeinsamen Betrieb der Informationstechnik",
        "duties": (
            "{Lead} betreibt für die übrigen Beteiligten die Arbeitsplatz-IT und betreut die Fachverfahren. Der "
            "Betrieb der Server erfolgt im Rechenzentrum eines kommunalen IT-Dienstleisters.",
            "Die Beteiligten bleiben für die Verarbeitung personenbezogener Daten verantwortlich; {Lead} handelt "
            "insoweit als Auftragsverarbeiter.",
        ),
    },
    {
        "topic": "digitalisierung-und-it",
        "mode": "kreis",
        "title": "Gemeinsame Online-Dienste {title_names}",
        "teaser": "{names} bieten ihre Verwaltungsleistungen über ein gemeinsames Serviceportal an. Anträge lassen "
        "sich rund um die Uhr stellen, egal in welchem Rathaus sie bearbeitet werden.",
        "occasion": (
            "Das Onlinezugangsgesetz verpflichtete alle Verwaltungen, ihre Leistungen auch digital anzubieten. Jede "
            "Kommune hätte sonst eigene Formulare bauen müssen.",
            "Bürgerinnen und Bürger fanden auf jeder Website andere Formulare, viele davon nur zum Ausdrucken.",
        ),
        "goal": "Die wichtigsten Leistungen sollen medienbruchfrei online beantragt werden können. Einmal gebaute "
        "Online-Dienste sollen von allen Partnern genutzt werden.",
        "implementation": "{Lead} koordiniert ein Digitalisierungsteam, das Online-Dienste baut und allen Partnern "
        "bereitstellt. Jede Kommune benennt Digitallotsinnen oder Digitallotsen für ihre Fachämter.",
        "benefit": "Über hundert Leistungen sind online verfügbar, und eingereichte Anträge landen direkt im "
        "Fachverfahren.",
        "tags": ("Onlinezugangsgesetz", "Serviceportal", "E-Government"),
        "forms": ("vereinbarung", "arbeitsgemeinschaft"),
        "effects": {"processing_time_percent": (20, 45)},
        "subject": "die gemeinsame Entwicklung und den Betrieb von Online-Diensten",
        "duties": (
            "{Lead} entwickelt Online-Dienste für Verwaltungsleistungen und stellt sie den übrigen Beteiligten zur "
            "Nutzung bereit.",
            "Die Beteiligten melden ihre Bedarfe über eine gemeinsame Planung an und testen neue Dienste vor ihrer "
            "Freischaltung.",
        ),
    },
    {
        "topic": "digitalisierung-und-it",
        "extra": "allgemeine-verwaltung",
        "mode": "gemeinden",
        "title": "Gemeinsame Informationssicherheit und Datenschutz {title_names}",
        "teaser": "{names} teilen sich einen Informationssicherheitsbeauftragten und eine Datenschutzbeauftragte. "
        "Die Verwaltungen arbeiten nach einheitlichen Standards.",
        "occasion": (
            "Die Pflicht zur Bestellung von Datenschutzbeauftragten und die wachsende Bedrohung durch Cyberangriffe "
            "überforderten die kleinen Verwaltungen.",
            "Eine Prüfung ergab, dass Sicherheitskonzepte fehlten oder veraltet waren.",
        ),
        "goal": "Alle Partner sollen ein Informationssicherheitsmanagement nach anerkanntem Standard aufbauen und den "
        "Datenschutz verlässlich gewährleisten.",
        "implementation": "Die Beauftragten sind {at_lead} angestellt und an festen Tagen in jedem Rathaus. "
        "Gemeinsame Leitlinien, Schulungen und Notfallübungen gelten für alle Beteiligten.",
        "benefit": "Die Verwaltungen haben aktuelle Sicherheitskonzepte, und die Beschäftigten werden jährlich "
        "geschult.",
        "tags": ("Informationssicherheit", "Datenschutz", "BSI-Grundschutz"),
        "forms": ("vereinbarung",),
        "effects": {"staff_effect_fte": (0.5, 1.5)},
        "subject": "die gemeinsame Bestellung von Beauftragten für Informationssicherheit und Datenschutz",
        "duties": (
            "{Lead} stellt eine Person als Informationssicherheitsbeauftragte und eine Person als "
            "Datenschutzbeauftragte, die von allen Beteiligten bestellt werden.",
            "Die Beauftragten sind in ihrer Aufgabe weisungsfrei und berichten der Verwaltungsleitung jeder "
            "beteiligten Kommune unmittelbar.",
        ),
    },
    # --- Feuerwehr & Katastrophenschutz ---
    {
        "topic": "feuerwehr-und-katastrophenschutz",
        "mode": "gemeinden",
        "title": "Feuerwehr-Atemschutzwerkstatt {title_names}",
        "teaser": "Die Feuerwehren von {names} lassen ihre Atemschutztechnik in einer gemeinsamen Werkstatt "
        "prüfen. Die Ausrüstung ist schneller wieder einsatzbereit, und teure Prüftechnik wird nur einmal "
        "gekauft.",
        "occasion": (
            "Nach jedem Einsatz muss Atemschutzausrüstung gereinigt, geprüft und dokumentiert werden. Die "
            "Freiwilligen Feuerwehren erledigten das bisher abends und am Wochenende.",
            "Die Prüfvorschriften wurden strenger, und für die vorhandene Prüftechnik gab es keine Ersatzteile mehr.",
        ),
        "goal": "Eine hauptamtlich besetzte Werkstatt soll die Ausrüstung aller Feuerwehren zuverlässig warten. Die "
        "Ehrenamtlichen sollen sich auf Einsätze und Ausbildung konzentrieren können.",
        "implementation": "Die Werkstatt befindet sich an der Feuerwache in {place}. Ein Kurierdienst holt benutzte "
        "Ausrüstung ab und bringt geprüfte zurück; ein Pool an Reservegeräten überbrückt die Zeit.",
        "benefit": "Die Feuerwehren verfügen nach einem Einsatz spätestens am nächsten Tag wieder über vollständige "
        "Ausrüstung.",
        "tags": ("Atemschutz", "Feuerwehr", "Gerätewartung"),
        "forms": ("vereinbarung",),
        "effects": {"savings_eur_per_year": (20000, 70000), "staff_effect_fte": (0.5, 1.5)},
        "subject": "den gemeinsamen Betrieb einer Atemschutzwerkstatt für die Feuerwehren",
        "duties": (
            "{Lead} übernimmt für die Feuerwehren der übrigen Beteiligten die Reinigung, Prüfung und "
            "Instandsetzung der Atemschutzgeräte, Atemschutzmasken und Lungenautomaten nach den geltenden "
            "Prüfvorschriften.",
            "Die Werkstatt führt für jedes Gerät einen Prüfnachweis. Die Beteiligten liefern benutzte "
            "Atemschutzgeräte über den gemeinsamen Kurierdienst an und erhalten geprüfte Geräte aus dem "
            "Reservepool.",
        ),
    },
    {
        "topic": "feuerwehr-und-katastrophenschutz",
        "mode": "gemeinden",
        "title": "Gemeinsame Feuerwehrausbildung {title_names}",
        "kreisangehoerig": True,
        "teaser": "Die Freiwilligen Feuerwehren von {names} bilden ihren Nachwuchs gemeinsam aus. Lehrgänge finden "
        "häufiger statt, und eine gemeinsame Übungsanlage ermöglicht realistisches Training.",
        "occasion": (
            "Lehrgangsplätze auf Kreisebene waren knapp; neue Mitglieder warteten oft ein Jahr auf ihre "
            "Grundausbildung.",
            "Die Feuerwehren hatten jede für sich zu wenige Ausbilderinnen und Ausbilder, um Lehrgänge regelmäßig "
            "anzubieten.",
        ),
        "goal": "Neue Einsatzkräfte sollen innerhalb weniger Monate ausgebildet sein. Die Ausbildung soll einheitlich "
        "und praxisnah sein.",
        "implementation": "Ein gemeinsamer Ausbildungsplan legt Lehrgänge für Truppmann, Sprechfunk und Atemschutz "
        "fest. Die Übungsanlage steht in {place}; die Ausbilder kommen aus allen beteiligten Feuerwehren.",
        "benefit": "Die Wartezeit auf die Grundausbildung hat sich halbiert, und mehr junge Menschen bleiben der "
        "Feuerwehr treu.",
        "tags": ("Feuerwehr", "Ausbildung", "Ehrenamt"),
        "forms": ("vereinbarung", "arbeitsgemeinschaft"),
        "effects": {"processing_time_percent": (30, 50)},
        "subject": "die gemeinsame Ausbildung der Freiwilligen Feuerwehren",
        "duties": (
            "Die Beteiligten bilden die Angehörigen ihrer Freiwilligen Feuerwehren nach einem gemeinsamen "
            "Ausbildungsplan aus. {Lead} stellt die Übungsanlage und koordiniert die Lehrgänge.",
            "Jede Feuerwehr stellt Ausbilderinnen und Ausbilder nach einem jährlich abgestimmten Schlüssel.",
        ),
    },
    {
        "topic": "feuerwehr-und-katastrophenschutz",
        "extra": "ordnung-und-sicherheit",
        "mode": "kreise",
        "title": "Gemeinsame Leitstelle für Feuerwehr und Rettungsdienst {title_names}",
        "teaser": "{names} betreiben eine gemeinsame Leitstelle für Notrufe über 112. Disponentinnen und "
        "Disponenten alarmieren Feuerwehr und Rettungsdienst über die bisherigen Grenzen hinweg.",
        "occasion": (
            "Die Leittechnik beider Leitstellen musste ersetzt werden. Zwei getrennte Neubeschaffungen wären teuer "
            "gewesen.",
            "Bei Großschadenslagen mussten Einsätze zwischen zwei Leitstellen telefonisch abgestimmt werden, was "
            "wertvolle Zeit kostete.",
        ),
        "goal": "Die Leitstelle soll Notrufe schneller annehmen und immer das nächstgelegene Rettungsmittel "
        "alarmieren. Ein Ausfall soll durch einen redundanten Standort abgesichert sein.",
        "implementation": "Die Hauptleitstelle steht {at_lead}, der zweite Standort dient als Rückfallebene. Beide "
        "nutzen ein gemeinsames Einsatzleitsystem und tauschen Fahrzeugstandorte in Echtzeit aus.",
        "benefit": "Notrufe werden schneller angenommen, und bei Großeinsätzen stehen mehr Disponenten zur Verfügung.",
        "tags": ("Leitstelle", "Rettungsdienst", "Notruf 112"),
        "forms": ("vereinbarung",),
        "effects": {"savings_eur_per_year": (150000, 400000), "processing_time_percent": (10, 20)},
        "subject": "den gemeinsamen Betrieb einer Leitstelle für Feuerwehr und Rettungsdienst",
        "duties": (
            "{Lead} betreibt die Leitstelle für den Feuerschutz, die Hilfeleistung und den Rettungsdienst auch für "
            "das Gebiet der übrigen Beteiligten.",
            "Die Einsatzkräfte und Fahrzeuge der Feuerwehren und Rettungsdienste aller Beteiligten werden von der "
            "Leitstelle alarmiert und geführt.",
        ),
    },
    {
        "topic": "feuerwehr-und-katastrophenschutz",
        "mode": "gemeinden",
        "title": "Gemeinsame Vorsorge für einen Stromausfall {title_names}",
        "teaser": "{names} bereiten sich gemeinsam auf einen langen Stromausfall vor. Notstrom, Anlaufstellen für "
        "die Bevölkerung und Kommunikation ohne Netz sind abgestimmt.",
        "occasion": (
            "Die Energiekrise hat gezeigt, dass Verwaltungen auf einen mehrtägigen Stromausfall kaum vorbereitet "
            "waren.",
            "Bei einer Übung fehlten Notstromaggregate, Treibstoffreserven und Absprachen zwischen den Nachbarorten.",
        ),
        "goal": "Feuerwehrhäuser und Rathäuser sollen auch ohne Netzstrom arbeitsfähig bleiben. In jedem Ort soll "
        "es eine bekannte Anlaufstelle für die Bevölkerung geben.",
        "implementation": "Die Partner haben Notstromaggregate gemeinsam beschafft und einen Treibstoffvorrat "
        "angelegt. {Lead} koordiniert die Planung; Anlaufstellen an Feuerwehrhäusern sind ausgeschildert.",
        "benefit": "Die Beschaffung war günstiger, und die Krisenstäbe haben ihre Zusammenarbeit bereits geübt.",
        "tags": ("Katastrophenschutz", "Stromausfall", "Notfallvorsorge"),
        "forms": ("vereinbarung", "informell"),
        "effects": {"savings_percent": (10, 25)},
        "subject": "die gemeinsame Vorsorge für einen langanhaltenden Stromausfall",
        "duties": (
            "Die Beteiligten stimmen ihre Notfallplanung für einen Stromausfall ab. {Lead} hält die gemeinsam "
            "beschafften Notstromaggregate einsatzbereit und koordiniert die Übungen.",
            "Die Feuerwehren der Beteiligten unterstützen sich gegenseitig beim Betrieb der Anlaufstellen.",
        ),
    },
    # --- Finanzen & Steuern ---
    {
        "topic": "finanzen-und-steuern",
        "mode": "gemeinden",
        "title": "Gemeinsame Vollstreckungsstelle {title_names}",
        "teaser": "{names} treiben offene Forderungen gemeinsam bei. Eine spezialisierte Vollstreckungsstelle "
        "arbeitet nach einheitlichen Regeln und mit moderner Software.",
        "occasion": (
            "Die Außenstände aus Steuern, Gebühren und Bußgeldern waren in allen beteiligten Kommunen gestiegen.",
            "Es gab jeweils nur eine Vollziehungsbeamtin oder einen Vollziehungsbeamten; bei Ausfall ruhte die "
            "Vollstreckung.",
        ),
        "goal": "Forderungen sollen schneller und konsequenter beigetrieben werden. Zahlungspflichtige sollen früh "
        "beraten werden, damit Ratenzahlungen gelingen.",
        "implementation": "Die Vollstreckungsstelle ist {at_lead} angesiedelt und arbeitet mit zwei Innendienst- und "
        "drei Außendienstkräften. Die Fachverfahren der Kassen wurden über eine Schnittstelle angebunden.",
        "benefit": "Die Außenstände sind gesunken, und die Vollstreckung läuft auch in Urlaubszeiten weiter.",
        "tags": ("Vollstreckung", "Forderungsmanagement", "Kasse"),
        "forms": ("vereinbarung",),
        "effects": {"savings_eur_per_year": (30000, 90000), "staff_effect_fte": (0.5, 1.5)},
        "subject": "die gemeinsame Wahrnehmung der Aufgaben der Vollstreckungsbehörde",
        "duties": (
            "{Lead} nimmt für die übrigen Beteiligten die Aufgaben der Vollstreckungsbehörde nach dem "
            "Verwaltungsvollstreckungsgesetz NRW wahr.",
            "Die Beteiligten übermitteln Vollstreckungsersuchen elektronisch. Beigetriebene Beträge werden monatlich "
            "abgerechnet.",
        ),
    },
    {
        "topic": "finanzen-und-steuern",
        "mode": "gemeinden",
        "org": ("GPA NRW", "Beratung auf Grundlage der überörtlichen Prüfung"),
        "title": "Gemeinsames Steueramt {title_names}",
        "kreisangehoerig": True,
        "teaser": "{names} veranlagen Grund- und Gewerbesteuer gemeinsam. Ein Team mit Steuerfachleuten bearbeitet "
        "Bescheide, Widersprüche und Anfragen für alle Partner.",
        "occasion": (
            "Die Reform der Grundsteuer brachte eine Welle neuer Bescheide und Rückfragen, die die kleinen "
            "Steuerämter kaum bewältigen konnten.",
            "Das Fachverfahren für die Steuern musste erneuert werden; eine gemeinsame Einführung bot sich an.",
        ),
        "goal": "Steuerbescheide sollen pünktlich, korrekt und einheitlich erstellt werden. Die Steuerhoheit jeder "
        "Kommune bleibt unberührt.",
        "implementation": "Das Steueramt arbeitet in {place} mit einem gemeinsamen Fachverfahren. Die Hebesätze "
        "beschließt weiterhin jeder Rat für sich.",
        "benefit": "Die Bescheide gehen früher im Jahr hinaus, und die Zahl der Widersprüche ist gesunken.",
        "tags": ("Grundsteuer", "Gewerbesteuer", "Veranlagung"),
        "forms": ("vereinbarung",),
        "effects": {"staff_effect_fte": (1.0, 2.0), "processing_time_percent": (15, 30)},
        "subject": "die gemeinsame Festsetzung und Erhebung der Realsteuern",
        "duties": (
            "{Lead} setzt für die übrigen Beteiligten die Grundsteuer und die Gewerbesteuer fest und erhebt sie. "
            "Die Hebesätze bestimmt jede Kommune selbst.",
            "Die Steuererträge stehen uneingeschränkt der jeweils steuerberechtigten Kommune zu.",
        ),
    },
    {
        "topic": "finanzen-und-steuern",
        "mode": "gemeinden",
        "title": "Gemeinsame Kasse und Finanzbuchhaltung {title_names}",
        "kreisangehoerig": True,
        "teaser": "{names} führen Kasse und Buchhaltung an einem Ort. Zahlungen, Mahnungen und Jahresabschlüsse "
        "laufen nach einheitlichen Abläufen.",
        "occasion": (
            "Die Jahresabschlüsse lagen in mehreren Kommunen Jahre im Rückstand. Es fehlten Fachkräfte für das "
            "doppische Rechnungswesen.",
            "Die Kassenprüfung empfahl, Zahlungsabwicklung und Buchhaltung personell breiter aufzustellen.",
        ),
        "goal": "Die Jahresabschlüsse sollen fristgerecht vorliegen. Das Vier-Augen-Prinzip soll jederzeit "
        "eingehalten werden.",
        "implementation": "Die gemeinsame Finanzbuchhaltung arbeitet in {place}. Rechnungen werden digital "
        "eingereicht und über einen elektronischen Workflow freigegeben.",
        "benefit": "Die Rückstände bei den Jahresabschlüssen sind aufgeholt, und Skonti werden regelmäßig genutzt.",
        "tags": ("Kasse", "Finanzbuchhaltung", "Jahresabschluss"),
        "forms": ("vereinbarung",),
        "effects": {"savings_eur_per_year": (25000, 80000), "processing_time_percent": (20, 35)},
        "subject": "die gemeinsame Wahrnehmung der Aufgaben der Finanzbuchhaltung",
        "duties": (
            "{Lead} nimmt für die übrigen Beteiligten die Aufgaben der Finanzbuchhaltung einschließlich des "
            "Zahlungsverkehrs wahr.",
            "Die Haushaltsverantwortung, die Anordnungsbefugnis und die Aufstellung der Jahresabschlüsse verbleiben "
            "bei den jeweiligen Kommunen.",
        ),
    },
    # --- Gesundheit & Soziales ---
    {
        "topic": "gesundheit-und-soziales",
        "mode": "gemeinden",
        "title": "Gemeinsame Pflege- und Seniorenberatung {title_names}",
        "teaser": "{names} bieten älteren Menschen und ihren Angehörigen eine gemeinsame Beratungsstelle. "
        "Beraterinnen kommen auch zu Hausbesuchen in alle Partnerorte.",
        "occasion": (
            "Der Anteil älterer Menschen wächst in allen beteiligten Orten. Angehörige wussten oft nicht, wo sie "
            "Hilfe bei Pflege und Wohnen finden.",
            "Die Beratung war auf viele Stellen verteilt; niemand hatte einen Überblick über freie Plätze und "
            "Angebote.",
        ),
        "goal": "Ältere Menschen sollen so lange wie möglich selbstbestimmt zu Hause leben können. Angehörige sollen "
        "schnell eine verlässliche Auskunft bekommen.",
        "implementation": "Die Beratungsstelle hat ihren Sitz in {place} und Sprechstunden in allen Partnerorten. Ein "
        "gemeinsames Verzeichnis listet Pflegedienste, Tagespflege und Nachbarschaftshilfen.",
        "benefit": "Die Beratung ist in allen Orten erreichbar, und Wartezeiten auf einen Hausbesuch sind kurz.",
        "tags": ("Pflegeberatung", "Senioren", "Quartier"),
        "forms": ("vereinbarung", "informell"),
        "effects": {},
        "subject": "eine gemeinsame Pflege- und Seniorenberatung",
        "duties": (
            "{Lead} unterhält eine Beratungsstelle für ältere Menschen und pflegende Angehörige, die auch für die "
            "Einwohnerinnen und Einwohner der übrigen Beteiligten tätig ist.",
            "Die übrigen Beteiligten stellen Räume für Sprechstunden zur Verfügung.",
        ),
    },
    {
        "topic": "gesundheit-und-soziales",
        "mode": "kreise",
        "title": "Kooperation im öffentlichen Gesundheitsdienst {title_names}",
        "teaser": "{names} arbeiten im öffentlichen Gesundheitsdienst zusammen: bei Hygieneaufsicht, Infektionsschutz "
        "und Schuleingangsuntersuchungen. Fachärztliches Wissen wird geteilt.",
        "occasion": (
            "Die Pandemie hat gezeigt, wie schnell einzelne Gesundheitsämter an ihre Grenzen kommen.",
            "Stellen für Ärztinnen und Ärzte im öffentlichen Gesundheitsdienst ließen sich kaum besetzen.",
        ),
        "goal": "Die Gesundheitsämter sollen sich in Krisen gegenseitig verstärken und seltene Fachaufgaben "
        "gemeinsam erledigen.",
        "implementation": "{Lead} koordiniert einen gemeinsamen Pool für Krisenlagen. Die Hygieneüberwachung von "
        "Kliniken und die Trinkwasserüberwachung werden nach einem abgestimmten Plan aufgeteilt.",
        "benefit": "In Krisenlagen stehen Fachleute rasch zur Verfügung, und Prüfrückstände wurden abgebaut.",
        "tags": ("Öffentlicher Gesundheitsdienst", "Infektionsschutz", "Hygiene"),
        "forms": ("vereinbarung",),
        "effects": {"staff_effect_fte": (1.0, 3.0)},
        "subject": "die Zusammenarbeit der Gesundheitsämter",
        "duties": (
            "Die Beteiligten unterstützen sich bei Infektionslagen gegenseitig mit Personal. {Lead} koordiniert "
            "den Einsatz.",
            "Die Hygieneüberwachung von Einrichtungen des Gesundheitswesens wird nach einem jährlich abgestimmten "
            "Plan aufgeteilt.",
        ),
    },
    {
        "topic": "gesundheit-und-soziales",
        "mode": "kreis",
        "title": "Hausärztliche Versorgung sichern {title_names}",
        "teaser": "{names} werben gemeinsam um Hausärztinnen und Hausärzte. Praxisräume, Stipendien und "
        "Hospitationen sollen junge Ärztinnen und Ärzte aufs Land holen.",
        "occasion": (
            "Viele Hausärztinnen und Hausärzte in der Region sind älter als 60 Jahre, Nachfolgen sind nicht in Sicht.",
            "Einzelne Orte boten sich gegenseitig Prämien für Praxisansiedlungen an und machten sich so Konkurrenz.",
        ),
        "goal": "Die hausärztliche Versorgung soll in allen Orten gesichert werden. Die Partner wollen nicht "
        "gegeneinander, sondern gemeinsam werben.",
        "implementation": "{Lead} beschäftigt eine Koordinatorin, die Medizinstudierende begleitet und Praxisabgaben "
        "vermittelt. Ein Stipendienprogramm ist an eine spätere Tätigkeit in der Region gebunden.",
        "benefit": "Mehrere Praxen konnten nachbesetzt werden, und Studierende kommen für Praktika in die Region.",
        "tags": ("Hausärzte", "Ländlicher Raum", "Gesundheitsversorgung"),
        "forms": ("informell", "arbeitsgemeinschaft"),
        "effects": {},
        "subject": "gemeinsame Maßnahmen zur Sicherung der hausärztlichen Versorgung",
        "duties": (
            "{Lead} koordiniert die gemeinsamen Maßnahmen und beschäftigt hierfür eine Fachkraft.",
            "Die Beteiligten verzichten auf eigene Ansiedlungsprämien, die den gemeinsamen Maßnahmen widersprechen.",
        ),
    },
    # --- Jugend & Familie ---
    {
        "topic": "jugend-und-familie",
        "mode": "gemeinden",
        "title": "Mobile Jugendarbeit {title_names}",
        "teaser": "{names} teilen sich ein Team für mobile Jugendarbeit. Die Fachkräfte sind dort unterwegs, wo sich "
        "Jugendliche treffen, und bringen Angebote in die Ortsteile.",
        "occasion": (
            "In kleinen Orten gibt es kaum Jugendtreffs. Jugendliche fühlten sich übersehen, und an einigen "
            "Treffpunkten gab es Ärger mit Anwohnern.",
            "Eine Befragung zeigte, dass Jugendliche die Angebote der Nachbarorte kaum kannten.",
        ),
        "goal": "Jugendliche sollen verlässliche Ansprechpersonen haben und an der Gestaltung ihrer Orte mitwirken.",
        "implementation": "Zwei Fachkräfte sind {at_lead} angestellt und mit einem umgebauten Bus in allen "
        "Partnerorten unterwegs. Ein gemeinsames Ferienprogramm wird online gebucht.",
        "benefit": "Die Jugendlichen nutzen die Angebote über Ortsgrenzen hinweg, und Konflikte an Treffpunkten "
        "werden früher gelöst.",
        "tags": ("Jugendarbeit", "Streetwork", "Ferienprogramm"),
        "forms": ("vereinbarung", "informell"),
        "effects": {},
        "subject": "eine gemeinsame mobile Jugendarbeit",
        "duties": (
            "{Lead} beschäftigt die Fachkräfte der mobilen Jugendarbeit, die nach einem abgestimmten Einsatzplan in "
            "allen beteiligten Orten tätig sind.",
            "Ein Beirat mit Vertretungen der Jugendlichen aller Orte berät über die Schwerpunkte.",
        ),
    },
    {
        "topic": "jugend-und-familie",
        "mode": "kreis",
        "title": "Kindertagespflege gemeinsam organisieren {title_names}",
        "teaser": "{names} vermitteln, qualifizieren und begleiten Tagesmütter und Tagesväter gemeinsam. Eltern "
        "finden schneller einen Betreuungsplatz.",
        "occasion": (
            "Der Rechtsanspruch auf einen Betreuungsplatz für Kinder unter drei Jahren ließ sich mit Kita-Plätzen "
            "allein nicht erfüllen.",
            "Tagespflegepersonen wechselten zwischen den Orten, weil Vergütung und Regeln unterschiedlich waren.",
        ),
        "goal": "Einheitliche Standards, eine gemeinsame Vermittlung und eine faire Vergütung sollen die "
        "Kindertagespflege stärken.",
        "implementation": "{Lead} hat eine Fachberatung eingerichtet, die für alle Partner vermittelt und "
        "Qualifizierungskurse anbietet. Vertretungen bei Krankheit werden über einen gemeinsamen Pool geregelt.",
        "benefit": "Die Zahl der Tagespflegeplätze ist gestiegen, und Eltern haben eine feste Vertretungsregelung.",
        "tags": ("Kindertagespflege", "Kinderbetreuung", "U3-Betreuung"),
        "forms": ("vereinbarung",),
        "effects": {"processing_time_percent": (20, 40)},
        "subject": "die gemeinsame Organisation der Kindertagespflege",
        "duties": (
            "{Lead} übernimmt die Vermittlung, Beratung und Qualifizierung von Kindertagespflegepersonen für das "
            "Gebiet aller Beteiligten.",
            "Die Beteiligten wenden einheitliche Richtlinien zur laufenden Geldleistung an.",
        ),
    },
    {
        "topic": "jugend-und-familie",
        "mode": "gemeinden",
        "title": "Gemeinsame Ferienbetreuung {title_names}",
        "teaser": "{names} bieten Schulkindern in allen Ferien eine gemeinsame Betreuung an. Berufstätige Eltern "
        "können die Ferien besser planen.",
        "occasion": (
            "Die Offene Ganztagsschule endet mit dem letzten Schultag. Viele Eltern wussten nicht, wie sie sechs "
            "Wochen Sommerferien überbrücken sollten.",
            "Einzelne Orte hatten zu wenige Anmeldungen, um eine eigene Ferienbetreuung wirtschaftlich anzubieten.",
        ),
        "goal": "Alle Schulkinder der beteiligten Orte sollen in mindestens zehn Ferienwochen im Jahr betreut werden "
        "können.",
        "implementation": "Die Betreuung wechselt zwischen den Schulen der Partner; ein Bus bringt die Kinder hin. "
        "{Lead} übernimmt Anmeldung und Abrechnung über ein gemeinsames Portal.",
        "benefit": "Die Betreuung ist in allen Ferien verlässlich, und die Elternbeiträge sind einheitlich.",
        "tags": ("Ferienbetreuung", "Vereinbarkeit", "Offener Ganztag"),
        "forms": ("informell", "vereinbarung"),
        "effects": {},
        "subject": "eine gemeinsame Ferienbetreuung für Schulkinder",
        "duties": (
            "{Lead} organisiert die Ferienbetreuung für Schulkinder aller Beteiligten und schließt die Verträge mit "
            "den Trägern.",
            "Die Beteiligten stellen geeignete Räume in ihren Schulen unentgeltlich zur Verfügung.",
        ),
    },
    # --- Kultur & Sport ---
    {
        "topic": "kultur-und-sport",
        "extra": "bildung-und-schule",
        "mode": "gemeinden",
        "title": "Gemeinsame Musikschule {title_names}",
        "teaser": "{names} tragen gemeinsam eine Musikschule. Kinder lernen ein Instrument in ihrem Ort, Ensembles "
        "und Orchester proben gemeinsam.",
        "occasion": (
            "Die kleinen Musikschulen konnten nicht alle Instrumente anbieten, und die Wartelisten wurden länger.",
            "Für qualifizierte Lehrkräfte waren Teilzeitstellen in einer einzelnen Kommune unattraktiv.",
        ),
        "goal": "Alle Kinder sollen ein breites Instrumentalangebot in der Nähe finden. Lehrkräfte sollen feste, "
        "sozialversicherte Stellen erhalten.",
        "implementation": "Ein Zweckverband mit Sitz in {place} ist Träger der Musikschule. Unterricht findet in "
        "Schulen aller Partnerorte statt; Kooperationen mit Grundschulen ermöglichen Klassenmusizieren.",
        "benefit": "Das Fächerangebot ist breiter, und die Wartelisten sind deutlich kürzer.",
        "tags": ("Musikschule", "Kulturelle Bildung", "Ensembles"),
        "forms": ("zweckverband",),
        "effects": {"savings_percent": (5, 10)},
        "subject": "die gemeinsame Trägerschaft einer Musikschule",
        "duties": (
            "Der Zweckverband ist Träger einer öffentlichen Musikschule für das Gebiet seiner Mitglieder.",
            "Er bietet Unterricht in allen Mitgliedskommunen an und arbeitet mit Schulen und Vereinen zusammen.",
        ),
    },
    {
        "topic": "kultur-und-sport",
        "mode": "gemeinden",
        "title": "Gemeinsamer Bäderbetrieb {title_names}",
        "teaser": "{names} betreiben ihre Schwimmbäder in einer gemeinsamen Gesellschaft. Öffnungszeiten, "
        "Schwimmkurse und Personal werden abgestimmt.",
        "occasion": (
            "Mehrere Bäder brauchten gleichzeitig teure Sanierungen. Eine Schließung hätte Schulschwimmen und "
            "Vereinssport gefährdet.",
            "Es fehlten Fachangestellte für Bäderbetriebe; Öffnungszeiten mussten kurzfristig gekürzt werden.",
        ),
        "goal": "Jedes Kind soll schwimmen lernen können. Die Bäder sollen wirtschaftlich und energiesparend "
        "betrieben werden.",
        "implementation": "Eine gemeinsame GmbH mit Sitz in {place} betreibt die Bäder. Schwimmkurse werden zentral "
        "gebucht, und das Personal arbeitet bäderübergreifend.",
        "benefit": "Alle Bäder sind geöffnet geblieben, und die Zahl der Schwimmkurse hat sich erhöht.",
        "tags": ("Schwimmbad", "Schwimmfähigkeit", "Bäderbetrieb"),
        "forms": ("gesellschaft",),
        "effects": {"savings_eur_per_year": (80000, 250000), "savings_percent": (5, 12)},
        "subject": "den gemeinsamen Betrieb der Schwimmbäder",
        "duties": (
            "Die Beteiligten übertragen den Betrieb ihrer Schwimmbäder einer gemeinsamen Gesellschaft, an der sie "
            "im Verhältnis ihrer Einwohnerzahlen beteiligt sind.",
            "Schulschwimmen und Vereinssport haben Vorrang bei der Vergabe der Wasserzeiten.",
        ),
    },
    {
        "topic": "kultur-und-sport",
        "extra": "tourismus",
        "mode": "kreis",
        "title": "Kulturnetzwerk {title_names}",
        "teaser": "{names} vernetzen ihre Kulturangebote. Ein gemeinsamer Veranstaltungskalender und abgestimmte "
        "Programme machen die Kultur in der Region sichtbarer.",
        "occasion": (
            "Konzerte und Lesungen in Nachbarorten fanden oft am selben Abend statt und nahmen sich gegenseitig das "
            "Publikum.",
            "Die Kulturämter bestanden meist aus einer Person, die kaum Zeit für Werbung und Förderanträge hatte.",
        ),
        "goal": "Das Kulturangebot soll besser abgestimmt und gemeinsam beworben werden. Förderprogramme sollen "
        "gemeinsam genutzt werden.",
        "implementation": "{Lead} koordiniert das Netzwerk und pflegt den Veranstaltungskalender. Einmal im Jahr gibt "
        "es ein gemeinsames Kulturfestival in wechselnden Orten.",
        "benefit": "Mehr Menschen besuchen Veranstaltungen in den Nachbarorten, und das Netzwerk hat Fördermittel "
        "eingeworben.",
        "tags": ("Kulturförderung", "Veranstaltungskalender", "Ehrenamt"),
        "forms": ("informell", "arbeitsgemeinschaft"),
        "effects": {},
        "subject": "ein gemeinsames Kulturnetzwerk",
        "duties": (
            "{Lead} koordiniert das Kulturnetzwerk und führt den gemeinsamen Veranstaltungskalender.",
            "Die Beteiligten stimmen ihre größeren Veranstaltungen ab und werben gemeinsam dafür.",
        ),
    },
    # --- Mobilität & Verkehr ---
    {
        "topic": "mobilitaet-und-verkehr",
        "mode": "gemeinden",
        "title": "Gemeinsames Radverkehrskonzept {title_names}",
        "teaser": "{names} planen ein zusammenhängendes Radwegenetz. Lücken an den Gemeindegrenzen werden "
        "geschlossen, Wegweiser einheitlich gestaltet.",
        "occasion": (
            "Radwege endeten oft an der Gemeindegrenze. Für Pendlerinnen und Pendler war das Rad deshalb kaum eine "
            "Alternative zum Auto.",
            "Fördermittel für den Radverkehr setzen ein schlüssiges Netz voraus, das über einzelne Orte hinausgeht.",
        ),
        "goal": "Ein durchgehendes, sicheres Radwegenetz soll den Alltagsradverkehr stärken und Schulwege sicherer "
        "machen.",
        "implementation": "Ein gemeinsames Planungsbüro hat das Netz erfasst und Maßnahmen nach Dringlichkeit "
        "sortiert. {Lead} koordiniert Förderanträge; Bauabschnitte werden über die Grenzen hinweg abgestimmt.",
        "benefit": "Mehrere Lückenschlüsse sind gebaut, und der Radverkehrsanteil ist gestiegen.",
        "tags": ("Radverkehr", "Nahmobilität", "Radwegenetz"),
        "forms": ("informell", "vereinbarung"),
        "effects": {},
        "subject": "die gemeinsame Planung eines Radwegenetzes",
        "duties": (
            "Die Beteiligten planen ihr Radwegenetz gemeinsam. {Lead} koordiniert die Planung und die Förderanträge.",
            "Jede Kommune bleibt Baulastträgerin für die Radwege auf ihrem Gebiet.",
        ),
    },
    {
        "topic": "mobilitaet-und-verkehr",
        "mode": "gemeinden",
        "title": "On-Demand-Verkehr {title_names}",
        "teaser": "{names} ergänzen den Linienbus durch einen Rufbus, der per App oder Telefon gebucht wird. "
        "Auch abgelegene Ortsteile sind so ohne eigenes Auto erreichbar.",
        "occasion": (
            "In den Außenbereichen fuhr der Bus nur zu Schulzeiten. Ältere Menschen und Jugendliche waren auf "
            "Fahrdienste angewiesen.",
            "Große Busse fuhren abends fast leer durch die Dörfer.",
        ),
        "goal": "Jeder Ortsteil soll tagsüber mindestens stündlich erreichbar sein. Der Rufbus soll an Bahnhöfe und "
        "Schnellbuslinien anschließen.",
        "implementation": "Kleinbusse fahren ohne festen Fahrplan zwischen virtuellen Haltestellen. {Lead} hat die "
        "Ausschreibung für alle Partner geführt; es gilt der normale Nahverkehrstarif.",
        "benefit": "Die Fahrgastzahlen steigen, und die Busse fahren seltener leer.",
        "tags": ("ÖPNV", "Rufbus", "On-Demand"),
        "forms": ("vereinbarung",),
        "effects": {},
        "subject": "einen gemeinsamen bedarfsgesteuerten Nahverkehr",
        "duties": (
            "{Lead} beauftragt im Namen aller Beteiligten ein Verkehrsunternehmen mit dem Betrieb des Rufbusses.",
            "Die Beteiligten tragen das Defizit nach den gefahrenen Kilometern auf ihrem Gebiet.",
        ),
    },
    {
        "topic": "mobilitaet-und-verkehr",
        "extra": "umwelt-klima-und-energie",
        "mode": "kreis",
        "title": "Mobilstationen {title_names}",
        "teaser": "{names} bauen Mobilstationen mit einheitlichem Erscheinungsbild. Bus, Bahn, Leihrad und "
        "Carsharing sind dort an einem Ort verknüpft.",
        "occasion": (
            "Pendlerinnen und Pendler parkten wild an Bahnhöfen, sichere Fahrradabstellplätze fehlten.",
            "Jede Kommune hatte eigene Pläne für Umsteigepunkte, aber niemand ein gemeinsames Konzept.",
        ),
        "goal": "An allen wichtigen Haltepunkten soll der Umstieg vom Auto oder Rad in Bus und Bahn einfach werden.",
        "implementation": "{Lead} hat ein Gestaltungshandbuch erarbeitet und einen gemeinsamen Förderantrag gestellt. "
        "Die Städte und Gemeinden bauen nach diesem Handbuch und bewerben die Stationen gemeinsam.",
        "benefit": "Die Stationen sind überall leicht zu erkennen, und die Fahrradboxen sind gut ausgelastet.",
        "tags": ("Mobilstation", "Carsharing", "Pendler"),
        "forms": ("informell", "vereinbarung"),
        "effects": {},
        "subject": "die gemeinsame Planung von Mobilstationen",
        "duties": (
            "{Lead} stellt ein gemeinsames Gestaltungshandbuch auf und koordiniert die Förderanträge.",
            "Die Beteiligten errichten und unterhalten die Mobilstationen auf ihrem Gebiet selbst.",
        ),
    },
    # --- Ordnung & Sicherheit ---
    {
        "topic": "ordnung-und-sicherheit",
        "mode": "gemeinden",
        "title": "Gemeinsamer kommunaler Ordnungsdienst {title_names}",
        "teaser": "{names} setzen einen gemeinsamen Ordnungsdienst ein. Streifen sind auch abends und am Wochenende "
        "unterwegs.",
        "occasion": (
            "Beschwerden über Lärm, Müll und Vandalismus häuften sich, besonders abends. Die Ordnungsämter waren "
            "dann nicht besetzt.",
            "Ein eigener Außendienst lohnte sich für keine der beteiligten Kommunen allein.",
        ),
        "goal": "Die Ordnungsbehörden sollen sichtbar präsent sein und schnell auf Beschwerden reagieren.",
        "implementation": "Der Ordnungsdienst ist {at_lead} angesiedelt und fährt in allen Partnerorten Streife. Die "
        "Einsätze werden über ein gemeinsames Lagebild gesteuert und eng mit der Polizei abgestimmt.",
        "benefit": "Die Beschwerden sind zurückgegangen, und die Reaktionszeiten sind kürzer.",
        "tags": ("Ordnungsdienst", "Sicherheit", "Sauberkeit"),
        "forms": ("vereinbarung",),
        "effects": {"staff_effect_fte": (1.0, 2.0)},
        "subject": "einen gemeinsamen kommunalen Ordnungsdienst",
        "duties": (
            "{Lead} nimmt mit dem eigenen Ordnungsdienst Aufgaben der örtlichen Ordnungsbehörde im Außendienst "
            "auch für die übrigen Beteiligten wahr.",
            "Die Einsatzschwerpunkte legen die Beteiligten vierteljährlich gemeinsam fest.",
        ),
    },
    {
        "topic": "ordnung-und-sicherheit",
        "extra": "mobilitaet-und-verkehr",
        "mode": "gemeinden",
        "title": "Gemeinsame Überwachung des ruhenden Verkehrs {title_names}",
        "teaser": "{names} überwachen Parkverbote gemeinsam. Rettungswege und Gehwege bleiben frei, Verwarnungen "
        "werden einheitlich bearbeitet.",
        "occasion": (
            "Zugeparkte Feuerwehrzufahrten und Gehwege waren ein Dauerärgernis. Für eine eigene Überwachung fehlte "
            "das Personal.",
            "Die Bearbeitung von Verwarnungen war in jeder Kommune anders organisiert.",
        ),
        "goal": "Rettungswege, Gehwege und Ladezonen sollen verlässlich frei bleiben.",
        "implementation": "Verkehrsüberwachungskräfte aus {place} sind nach einem gemeinsamen Plan in allen "
        "Partnerorten unterwegs. Verwarnungen werden mit mobilen Geräten erfasst und zentral bearbeitet.",
        "benefit": "Falschparken an Rettungswegen hat spürbar abgenommen, und die Verwaltungskosten werden durch "
        "die Einnahmen gedeckt.",
        "tags": ("Parkraumüberwachung", "Verwarnungsgeld", "Rettungswege"),
        "forms": ("vereinbarung",),
        "effects": {"processing_time_percent": (25, 40)},
        "subject": "die gemeinsame Überwachung des ruhenden Verkehrs",
        "duties": (
            "{Lead} überwacht den ruhenden Verkehr auch auf dem Gebiet der übrigen Beteiligten und verfolgt die "
            "festgestellten Verstöße.",
            "Die Einnahmen aus Verwarnungs- und Bußgeldern werden nach den auf dem jeweiligen Gebiet festgestellten "
            "Verstößen verteilt.",
        ),
    },
    {
        "topic": "ordnung-und-sicherheit",
        "extra": "gesundheit-und-soziales",
        "mode": "kreise",
        "title": "Gemeinsame Lebensmittel- und Veterinärüberwachung {title_names}",
        "teaser": "{names} arbeiten in der Lebensmittelkontrolle und Tierseuchenbekämpfung zusammen. Spezialwissen "
        "für seltene Betriebsarten wird geteilt.",
        "occasion": (
            "Für die Kontrolle großer Schlachtbetriebe und Online-Händler fehlte in einzelnen Ämtern das "
            "Spezialwissen.",
            "Der Ausbruch einer Tierseuche in der Nachbarschaft zeigte, dass die Ämter Personal teilen müssen.",
        ),
        "goal": "Die Kontrollen sollen nach einheitlichen Maßstäben stattfinden. In Seuchenfällen sollen sich die "
        "Ämter gegenseitig verstärken.",
        "implementation": "{Lead} führt ein gemeinsames Kompetenzteam für Sonderkontrollen. Für Tierseuchen gibt es "
        "einen abgestimmten Krisenplan mit gemeinsamer Materialreserve.",
        "benefit": "Die Kontrollquote ist gestiegen, und die Ämter haben einen Seuchenfall bereits gemeinsam "
        "bewältigt.",
        "tags": ("Lebensmittelüberwachung", "Veterinäramt", "Tierseuchen"),
        "forms": ("vereinbarung",),
        "effects": {"staff_effect_fte": (1.0, 2.5)},
        "subject": "die Zusammenarbeit in der Lebensmittel- und Veterinärüberwachung",
        "duties": (
            "{Lead} unterhält ein Kompetenzteam für Kontrollen in Betrieben mit besonderen Anforderungen, das auch "
            "im Gebiet der übrigen Beteiligten tätig wird.",
            "Im Tierseuchenfall stellen die Beteiligten einander Personal und Material zur Verfügung.",
        ),
    },
    # --- Personal ---
    {
        "topic": "personal",
        "mode": "gemeinden",
        "title": "Gemeinsame Ausbildung für die Verwaltung {title_names}",
        "teaser": "{names} bilden ihren Verwaltungsnachwuchs gemeinsam aus. Auszubildende lernen mehrere Verwaltungen "
        "kennen und werden von einer gemeinsamen Ausbildungsleitung begleitet.",
        "occasion": (
            "Die kleinen Verwaltungen konnten jeweils nur ein bis zwei Ausbildungsplätze anbieten und fanden kaum "
            "Bewerbungen.",
            "Die Ausbildung war nebenbei organisiert; niemand hatte Zeit für Praxisanleitung.",
        ),
        "goal": "Mehr junge Menschen sollen eine Ausbildung in der Verwaltung beginnen und danach in der Region "
        "bleiben.",
        "implementation": "Eine Ausbildungsleitung {at_lead} koordiniert Bewerbungsverfahren und Einsatzpläne. Die "
        "Auszubildenden durchlaufen Stationen in allen Partnerverwaltungen.",
        "benefit": "Die Zahl der Bewerbungen hat sich erhöht, und fast alle Auszubildenden wurden übernommen.",
        "tags": ("Ausbildung", "Nachwuchs", "Fachkräfte"),
        "forms": ("vereinbarung", "informell"),
        "effects": {},
        "subject": "die gemeinsame Ausbildung von Verwaltungsnachwuchs",
        "duties": (
            "{Lead} stellt eine Ausbildungsleitung, die die Ausbildung aller Beteiligten koordiniert.",
            "Jede Kommune bleibt Ausbildungsbetrieb für ihre Auszubildenden und stellt Ausbildungsstationen für die "
            "übrigen bereit.",
        ),
    },
    {
        "topic": "personal",
        "mode": "kreis",
        "title": "Gemeinsames Personalmarketing {title_names}",
        "teaser": "{names} werben gemeinsam um Fachkräfte. Ein Stellenportal und eine gemeinsame Arbeitgebermarke "
        "zeigen, was die öffentlichen Arbeitgeber der Region bieten.",
        "occasion": (
            "Auf Stellenausschreibungen kamen kaum noch Bewerbungen, besonders in Technik und IT.",
            "Die Verwaltungen warben sich gegenseitig Beschäftigte ab, statt gemeinsam um Fachkräfte von außen zu "
            "werben.",
        ),
        "goal": "Die Region soll als attraktiver öffentlicher Arbeitgeber sichtbar werden. Bewerbungen sollen einfach "
        "werden.",
        "implementation": "{Lead} betreibt ein gemeinsames Stellenportal und organisiert Auftritte auf Ausbildungs- "
        "und Jobmessen. Die Partner vereinbarten, sich nicht gegenseitig abzuwerben.",
        "benefit": "Die Zahl der Bewerbungen ist gestiegen, und freie Stellen werden schneller besetzt.",
        "tags": ("Personalgewinnung", "Arbeitgebermarke", "Fachkräfte"),
        "forms": ("informell", "arbeitsgemeinschaft"),
        "effects": {"processing_time_percent": (15, 30)},
        "subject": "ein gemeinsames Personalmarketing",
        "duties": (
            "{Lead} betreibt das gemeinsame Stellenportal und koordiniert die Messeauftritte.",
            "Die Beteiligten veröffentlichen ihre Stellenangebote auch über das gemeinsame Portal.",
        ),
    },
    {
        "topic": "personal",
        "extra": "finanzen-und-steuern",
        "mode": "gemeinden",
        "it_provider": True,
        "title": "Gemeinsame Entgelt- und Bezügeabrechnung {title_names}",
        "teaser": "{names} rechnen Entgelte und Bezüge ihrer Beschäftigten gemeinsam ab. Tarifänderungen werden "
        "einmal umgesetzt, nicht mehrfach.",
        "occasion": (
            "Die Abrechnung hing jeweils an einer einzigen Fachkraft. Bei Krankheit drohten verspätete Zahlungen.",
            "Häufige Tarifänderungen und neue Meldepflichten machten die Abrechnung immer aufwendiger.",
        ),
        "goal": "Alle Beschäftigten sollen pünktlich und korrekt bezahlt werden. Vertretungen sollen sicher "
        "geregelt sein.",
        "implementation": "Die Abrechnungsstelle {at_lead} nutzt das Verfahren eines kommunalen IT-Dienstleisters. "
        "Personalakten bleiben bei den Kommunen; die Daten fließen elektronisch.",
        "benefit": "Die Abrechnung läuft fehlerarm und pünktlich, auch in Urlaubszeiten.",
        "tags": ("Entgeltabrechnung", "Bezüge", "Personalverwaltung"),
        "forms": ("vereinbarung",),
        "effects": {"savings_eur_per_year": (15000, 50000), "staff_effect_fte": (0.5, 1.0)},
        "subject": "die gemeinsame Entgelt- und Bezügeabrechnung",
        "duties": (
            "{Lead} rechnet die Entgelte und Bezüge der Beschäftigten der übrigen Beteiligten ab.",
            "Personalentscheidungen und die Führung der Personalakten verbleiben bei den Beteiligten.",
        ),
    },
    # --- Tourismus ---
    {
        "topic": "tourismus",
        "mode": "kreis",
        "cross_border": True,
        "title": "Gemeinsame Tourismusvermarktung {title_names}",
        "teaser": "{names} vermarkten ihre Region als ein Reiseziel. Radrouten, Unterkünfte und Veranstaltungen "
        "erscheinen unter einer gemeinsamen Marke.",
        "occasion": (
            "Jede Kommune gab eigene Prospekte heraus, die Gäste kaum wahrnahmen. Für Online-Marketing fehlte das "
            "Know-how.",
            "Gäste denken in Regionen, nicht in Gemeindegrenzen. Die Angebote waren aber nur ortsweise zu finden.",
        ),
        "goal": "Die Region soll als Ziel für Kurzurlaub und Radreisen bekannter werden. Übernachtungen und "
        "Tagesgäste sollen zunehmen.",
        "implementation": "{Lead} koordiniert eine gemeinsame Tourismusstelle mit Website, Buchungssystem und "
        "Social-Media-Auftritt. Die Orte liefern Inhalte und behalten ihre Tourist-Informationen.",
        "benefit": "Die Übernachtungszahlen sind gestiegen, und die Partner erreichen mit gemeinsamem Budget mehr "
        "Gäste.",
        "tags": ("Tourismusmarketing", "Radtourismus", "Regionalmarke"),
        "forms": ("arbeitsgemeinschaft", "gesellschaft"),
        "effects": {},
        "subject": "die gemeinsame touristische Vermarktung",
        "duties": (
            "{Lead} betreibt die gemeinsame Tourismusstelle mit Website und Buchungssystem.",
            "Die Beteiligten stellen Inhalte bereit und beteiligen sich an einem gemeinsamen Marketingbudget.",
        ),
    },
    {
        "topic": "tourismus",
        "extra": "kultur-und-sport",
        "mode": "gemeinden",
        "cross_border": True,
        "title": "Gemeinsames Wanderwegenetz {title_names}",
        "teaser": "{names} pflegen ein gemeinsames Netz von Wanderwegen mit einheitlicher Beschilderung. Rundwege "
        "führen über die Ortsgrenzen hinweg.",
        "occasion": (
            "Die Wanderwege waren unterschiedlich markiert und endeten oft an der Gemeindegrenze.",
            "Ehrenamtliche Wegepaten fanden kaum Unterstützung bei der Pflege der Schilder.",
        ),
        "goal": "Ein zusammenhängendes, gut gepflegtes Wegenetz soll Gäste und Einheimische gleichermaßen ansprechen.",
        "implementation": "{Lead} führt das gemeinsame Wegekataster. Schäden melden Wegepaten über eine App, der "
        "Bauhof des jeweiligen Ortes behebt sie.",
        "benefit": "Die Wege sind durchgängig beschildert, und die Routen sind in Wander-Apps zu finden.",
        "tags": ("Wandern", "Beschilderung", "Naherholung"),
        "forms": ("informell", "vereinbarung"),
        "effects": {},
        "subject": "die gemeinsame Pflege eines Wanderwegenetzes",
        "duties": (
            "{Lead} führt das Wegekataster und beschafft die Beschilderung für alle Beteiligten.",
            "Jede Kommune unterhält die Wege auf ihrem Gebiet nach einem gemeinsamen Standard.",
        ),
    },
    {
        "topic": "tourismus",
        "mode": "gemeinden",
        "title": "Gemeinsame Tourist-Information {title_names}",
        "teaser": "{names} betreiben eine gemeinsame Tourist-Information. Gäste erhalten Auskunft über alle Orte, "
        "auch abends und am Wochenende.",
        "occasion": (
            "Die Tourist-Informationen waren nur wenige Stunden in der Woche geöffnet.",
            "Gäste fragten nach Angeboten der Nachbarorte und wurden weitergeschickt.",
        ),
        "goal": "Gäste sollen an einer Stelle alle Informationen und Buchungen erhalten.",
        "implementation": "Die Tourist-Information liegt zentral in {place}. Ein digitales Infoterminal in jedem "
        "Partnerort ist rund um die Uhr nutzbar.",
        "benefit": "Die Öffnungszeiten wurden verdoppelt, und Buchungen laufen über ein gemeinsames System.",
        "tags": ("Gästeinformation", "Tourist-Information", "Servicequalität"),
        "forms": ("vereinbarung",),
        "effects": {"savings_eur_per_year": (10000, 30000)},
        "subject": "den gemeinsamen Betrieb einer Tourist-Information",
        "duties": (
            "{Lead} betreibt eine Tourist-Information, die Gäste über die Angebote aller Beteiligten informiert.",
            "Die übrigen Beteiligten stellen Standorte für die Infoterminals zur Verfügung.",
        ),
    },
    # --- Umwelt, Klima & Energie ---
    {
        "topic": "umwelt-klima-und-energie",
        "mode": "gemeinden",
        "funding": "Kommunalrichtlinie der Nationalen Klimaschutzinitiative",
        "title": "Gemeinsames Klimaschutzmanagement {title_names}",
        "teaser": "{names} teilen sich ein Klimaschutzmanagement. Ein gemeinsames Klimaschutzkonzept legt fest, "
        "wie die Orte ihre Emissionen senken.",
        "occasion": (
            "Die Räte hatten Klimaschutzziele beschlossen, aber keine Kommune hatte Personal, um sie umzusetzen.",
            "Die Förderung für Klimaschutzmanagement setzte ein Konzept voraus, das die Orte allein nicht erstellen "
            "konnten.",
        ),
        "goal": "Die Treibhausgasemissionen sollen messbar sinken. Kommunale Gebäude und Straßenbeleuchtung sollen "
        "zuerst modernisiert werden.",
        "implementation": "Zwei Klimaschutzmanagerinnen sind {at_lead} angestellt und für alle Partner tätig. Ein "
        "gemeinsames Energiemonitoring erfasst die Verbräuche der öffentlichen Gebäude.",
        "benefit": "Die Energiekosten der öffentlichen Gebäude sind gesunken, und Fördermittel wurden gemeinsam "
        "eingeworben.",
        "tags": ("Klimaschutz", "Energiemonitoring", "Klimaschutzkonzept"),
        "forms": ("vereinbarung", "informell"),
        "effects": {"savings_eur_per_year": (30000, 100000), "savings_percent": (5, 15)},
        "subject": "ein gemeinsames Klimaschutzmanagement",
        "duties": (
            "{Lead} beschäftigt das Klimaschutzmanagement, das für alle Beteiligten tätig ist.",
            "Die Beteiligten stellen ihre Verbrauchsdaten bereit und setzen das gemeinsame Klimaschutzkonzept in "
            "eigener Verantwortung um.",
        ),
    },
    {
        "topic": "umwelt-klima-und-energie",
        "mode": "gemeinden",
        "title": "Kommunale Wärmeplanung {title_names}",
        "teaser": "{names} erstellen ihre kommunalen Wärmepläne gemeinsam. Daten, Ausschreibung und Beteiligung "
        "der Öffentlichkeit werden gebündelt.",
        "occasion": (
            "Die gesetzliche Pflicht zur Wärmeplanung traf alle Orte zugleich. Planungsbüros waren ausgebucht.",
            "Wärmenetze enden nicht an Gemeindegrenzen; Abwärme aus Gewerbe kann mehrere Orte versorgen.",
        ),
        "goal": "Bürgerinnen, Bürger und Unternehmen sollen früh wissen, wo Wärmenetze geplant sind und wo "
        "Einzellösungen sinnvoll sind.",
        "implementation": "{Lead} hat die Planung für alle Partner ausgeschrieben. Bestandsdaten der "
        "Schornsteinfeger und Netzbetreiber werden in einem gemeinsamen Modell ausgewertet.",
        "benefit": "Die Planung war günstiger als getrennte Aufträge, und die Wärmepläne sind aufeinander abgestimmt.",
        "tags": ("Wärmeplanung", "Wärmenetze", "Energiewende"),
        "forms": ("vereinbarung",),
        "effects": {"savings_percent": (15, 30)},
        "subject": "die gemeinsame Erstellung kommunaler Wärmepläne",
        "duties": (
            "{Lead} schreibt die Erstellung der Wärmepläne im Namen aller Beteiligten aus und betreut den Auftrag.",
            "Jede Kommune beschließt ihren Wärmeplan selbst.",
        ),
    },
    {
        "topic": "umwelt-klima-und-energie",
        "extra": "feuerwehr-und-katastrophenschutz",
        "mode": "gemeinden",
        "title": "Starkregen- und Hochwasservorsorge {title_names}",
        "teaser": "{names} erstellen gemeinsam Starkregengefahrenkarten und planen Schutzmaßnahmen entlang der "
        "Gewässer. Wasser hält sich nicht an Gemeindegrenzen.",
        "occasion": (
            "Nach schweren Unwettern standen Keller und Straßen in mehreren Orten unter Wasser.",
            "Maßnahmen am Oberlauf eines Baches wirken am Unterlauf; getrennte Planungen ergaben keinen Sinn.",
        ),
        "goal": "Gefährdete Bereiche sollen bekannt sein, und Bürgerinnen und Bürger sollen sich selbst schützen "
        "können.",
        "implementation": "Ein gemeinsames Fachbüro hat Gefahrenkarten für alle Partner erstellt. {Lead} koordiniert "
        "Rückhaltebecken und Beratungsangebote für Hauseigentümer.",
        "benefit": "Die Gefahrenkarten sind öffentlich, und erste Rückhaltemaßnahmen sind gebaut.",
        "tags": ("Starkregen", "Hochwasserschutz", "Klimaanpassung"),
        "forms": ("vereinbarung", "informell"),
        "effects": {},
        "subject": "die gemeinsame Vorsorge gegen Starkregen und Hochwasser",
        "duties": (
            "{Lead} beauftragt die Gefahrenanalyse für das gesamte Einzugsgebiet und koordiniert die Maßnahmen.",
            "Die Beteiligten stimmen Baumaßnahmen an Gewässern vorher miteinander ab.",
        ),
    },
    # --- Ver- und Entsorgung ---
    {
        "topic": "ver-und-entsorgung",
        "mode": "gemeinden",
        "title": "Gemeinsame Abwasserbeseitigung {title_names}",
        "teaser": "{names} reinigen ihr Abwasser in einer gemeinsamen Kläranlage. Kleine, veraltete Anlagen wurden "
        "stillgelegt.",
        "occasion": (
            "Mehrere kleine Kläranlagen hätten für neue Reinigungsanforderungen teuer nachgerüstet werden müssen.",
            "Die Betreiber fanden kaum noch Fachkräfte für Abwassertechnik.",
        ),
        "goal": "Das Abwasser soll nach dem Stand der Technik gereinigt werden, bei stabilen Gebühren.",
        "implementation": "Eine Verbindungsleitung führt das Abwasser der Partner zur Kläranlage in {place}. Der "
        "Betrieb liegt in einer Hand, die Kanalnetze bleiben bei den Kommunen.",
        "benefit": "Die Reinigungsleistung ist gestiegen, und die Gebühren sind langfristig kalkulierbar.",
        "tags": ("Abwasser", "Kläranlage", "Gebühren"),
        "forms": ("zweckverband", "vereinbarung"),
        "effects": {"savings_eur_per_year": (100000, 300000), "savings_percent": (10, 20)},
        "subject": "die gemeinsame Reinigung des Abwassers",
        "duties": (
            "{Lead} nimmt das Abwasser der übrigen Beteiligten an der Übergabestelle ab und reinigt es in ihrer "
            "Kläranlage.",
            "Die Beteiligten bleiben für Bau und Unterhaltung ihrer Kanalnetze verantwortlich.",
        ),
    },
    {
        "topic": "ver-und-entsorgung",
        "extra": "umwelt-klima-und-energie",
        "mode": "gemeinden",
        "title": "Gemeinsamer Wertstoffhof {title_names}",
        "teaser": "{names} betreiben einen gemeinsamen Wertstoffhof mit langen Öffnungszeiten. Sperrmüll, Grünschnitt "
        "und Elektrogeräte werden an einem Ort angenommen.",
        "occasion": (
            "Die kleinen Sammelstellen waren nur samstags geöffnet, und an den Containern bildeten sich lange "
            "Schlangen.",
            "Die Anforderungen an Elektroaltgeräte und Schadstoffe erforderten geschultes Personal.",
        ),
        "goal": "Mehr Wertstoffe sollen getrennt erfasst und wiederverwertet werden.",
        "implementation": "Der Wertstoffhof in {place} ist an sechs Tagen geöffnet. Die Einwohnerinnen und "
        "Einwohner aller Partnerorte geben dort zu gleichen Bedingungen ab.",
        "benefit": "Die Recyclingquote ist gestiegen, und wilde Müllablagerungen haben abgenommen.",
        "tags": ("Abfallwirtschaft", "Wertstoffhof", "Recycling"),
        "forms": ("vereinbarung",),
        "effects": {"savings_eur_per_year": (20000, 60000)},
        "subject": "den gemeinsamen Betrieb eines Wertstoffhofs",
        "duties": (
            "{Lead} betreibt den Wertstoffhof und nimmt Abfälle zur Verwertung auch von den Einwohnerinnen und "
            "Einwohnern der übrigen Beteiligten an.",
            "Die Kosten werden über die Abfallgebühren der Beteiligten gedeckt.",
        ),
    },
    {
        "topic": "ver-und-entsorgung",
        "mode": "gemeinden",
        "title": "Wasserversorgung im Verbund {title_names}",
        "teaser": "{names} verbinden ihre Wasserversorgungen. In trockenen Sommern können sich die Netze "
        "gegenseitig aushelfen.",
        "occasion": (
            "In mehreren trockenen Sommern mussten Bürgerinnen und Bürger zum Wassersparen aufgerufen werden.",
            "Die Brunnen eines Partners lieferten wegen erhöhter Nitratwerte nicht mehr genug Trinkwasser.",
        ),
        "goal": "Die Versorgung mit Trinkwasser soll auch in Hitzesommern und bei Störungen sicher sein.",
        "implementation": "Verbindungsleitungen koppeln die Netze. Die Stadtwerke in {place} steuern den Verbund "
        "über eine gemeinsame Leitwarte.",
        "benefit": "Engpässe in Trockenzeiten lassen sich ausgleichen, und Investitionen in Brunnen werden "
        "gemeinsam geplant.",
        "tags": ("Trinkwasser", "Wasserversorgung", "Versorgungssicherheit"),
        "forms": ("zweckverband", "gesellschaft"),
        "effects": {},
        "subject": "einen Verbund der Wasserversorgung",
        "duties": (
            "Die Beteiligten verbinden ihre Versorgungsnetze und helfen sich bei Engpässen gegenseitig mit "
            "Trinkwasser aus.",
            "Die gelieferten Mengen werden zu einem gemeinsam festgelegten Arbeitspreis abgerechnet.",
        ),
    },
    # --- Wirtschaftsförderung ---
    {
        "topic": "wirtschaftsfoerderung",
        "extra": "bauen-und-planen",
        "mode": "gemeinden",
        "title": "Interkommunales Gewerbegebiet {title_names}",
        "teaser": "{names} entwickeln gemeinsam ein Gewerbegebiet. Kosten und Steuereinnahmen werden nach einem "
        "festen Schlüssel geteilt.",
        "occasion": (
            "Keine der Kommunen hatte noch freie Gewerbeflächen. Der Regionalplan ließ neue Flächen nur an einem "
            "gemeinsamen Standort zu.",
            "Ansässige Betriebe wollten wachsen, drohten aber mangels Fläche abzuwandern.",
        ),
        "goal": "Betriebe sollen in der Region bleiben und wachsen können. Neue Flächen sollen sparsam und an einem "
        "gut erschlossenen Standort entstehen.",
        "implementation": "Ein Zweckverband plant, erschließt und vermarktet das Gebiet an der Grenze von {names}. "
        "Die Gewerbesteuer wird nach dem Anteil an den Erschließungskosten aufgeteilt.",
        "benefit": "Das erste Baufeld ist vermarktet, und mehrere hundert Arbeitsplätze sind gesichert.",
        "tags": ("Gewerbeflächen", "Ansiedlung", "Regionalplanung"),
        "forms": ("zweckverband",),
        "effects": {},
        "subject": "die gemeinsame Entwicklung eines Gewerbegebiets",
        "duties": (
            "Der Zweckverband plant, erschließt und vermarktet das interkommunale Gewerbegebiet.",
            "Das Aufkommen an Gewerbe- und Grundsteuer aus dem Gebiet wird nach dem Verhältnis der Umlageanteile "
            "verteilt.",
        ),
    },
    {
        "topic": "wirtschaftsfoerderung",
        "mode": "kreis",
        "cross_border": True,
        "title": "Gemeinsame Wirtschaftsförderung {title_names}",
        "teaser": "{names} bündeln ihre Wirtschaftsförderung. Unternehmen haben eine Anlaufstelle für Gründung, "
        "Fachkräfte und Fördermittel.",
        "occasion": (
            "Unternehmen beklagten, dass sie für jede Frage eine andere Stelle suchen mussten.",
            "Die Wirtschaftsförderung war in den kleinen Orten ein Nebenamt der Bürgermeisterin oder des "
            "Bürgermeisters.",
        ),
        "goal": "Unternehmen sollen schnell und kompetent beraten werden. Die Region soll gemeinsam für Ansiedlungen "
        "werben.",
        "implementation": "{Lead} betreibt ein gemeinsames Unternehmensservice mit Ansprechpersonen für jeden Ort. "
        "Ein Gründungszentrum bietet Beratung und günstige Büros.",
        "benefit": "Anfragen werden innerhalb von zwei Tagen beantwortet, und mehrere Gründungen sind in der Region "
        "geblieben.",
        "tags": ("Wirtschaftsförderung", "Gründung", "Unternehmensservice"),
        "forms": ("gesellschaft", "vereinbarung"),
        "effects": {},
        "subject": "eine gemeinsame Wirtschaftsförderung",
        "duties": (
            "{Lead} unterhält ein Unternehmensservice für das Gebiet aller Beteiligten.",
            "Die Beteiligten benennen jeweils eine Ansprechperson für Unternehmen vor Ort.",
        ),
    },
    {
        "topic": "wirtschaftsfoerderung",
        "extra": "bauen-und-planen",
        "mode": "gemeinden",
        "title": "Innenstadt- und Leerstandsmanagement {title_names}",
        "teaser": "{names} beschäftigen ein gemeinsames Innenstadtmanagement. Leerstände werden erfasst und mit "
        "neuen Nutzungen belebt.",
        "occasion": (
            "Nach der Pandemie schlossen in allen Ortskernen Geschäfte. Leerstände prägten die Einkaufsstraßen.",
            "Eigentümerinnen und Eigentümer leerer Ladenlokale waren schwer zu erreichen.",
        ),
        "goal": "Die Ortskerne sollen lebendig bleiben, mit Handel, Gastronomie, Kultur und Wohnen.",
        "implementation": "Eine Innenstadtmanagerin mit Sitz in {place} vermittelt Zwischennutzungen und berät "
        "Eigentümer. Ein gemeinsames Leerstandskataster ist online einsehbar.",
        "benefit": "Mehrere Ladenlokale wurden wieder vermietet, und Pop-up-Läden haben neue Gründungen angestoßen.",
        "tags": ("Innenstadt", "Leerstand", "Einzelhandel"),
        "forms": ("vereinbarung", "informell"),
        "effects": {},
        "subject": "ein gemeinsames Innenstadt- und Leerstandsmanagement",
        "duties": (
            "{Lead} beschäftigt das Innenstadtmanagement, das für die Ortskerne aller Beteiligten tätig ist.",
            "Die Beteiligten führen ein gemeinsames Leerstandskataster.",
        ),
    },
]


# The projects the portal is known for, written out in full. Dates are (year, month) or (year, month, day).
NAMED_PROJECTS = [
    {
        "slug": "arbeitsgemeinschaft-historische-stadt-und-ortskerne-in-nrw",
        "title": "Arbeitsgemeinschaft Historische Stadt- und Ortskerne in NRW",
        "lead": "lemgo",
        "partners": (
            "blomberg",
            "brakel",
            "warburg",
            "schieder-schwalenberg",
            "rietberg",
            "rheda-wiedenbrueck",
            "soest",
            "ruethen",
            "attendorn",
            "freudenberg",
            "hattingen",
            "monschau",
            "bad-muenstereifel",
            "zuelpich",
            "xanten",
            "kalkar",
            "horstmar",
            "tecklenburg",
        ),
        "organisations": (),
        "topics": ("tourismus", "kultur-und-sport", "bauen-und-planen"),
        "tags": ("Denkmalpflege", "Altstadt", "Stadtmarketing", "Baukultur"),
        "form": "arbeitsgemeinschaft",
        "status": "umsetzung",
        "start": None,
        "funding": "",
        "teaser": "In der Arbeitsgemeinschaft haben sich 56 Städte und Gemeinden zusammengeschlossen, deren Ortskerne "
        "noch ein geschlossenes historisches Bild zeigen. Gemeinsam machen sie auf Baudenkmäler, alte Gassen und "
        "Plätze abseits der Großstädte und der bekannten Reiserouten aufmerksam.",
        "occasion": (
            "Fachwerkhäuser, Stadtmauern und Marktplätze prägen viele kleinere Städte in Nordrhein-Westfalen. Ihre "
            "Pflege ist teuer, und außerhalb der Region sind diese Orte oft wenig bekannt.",
            "Einzeln haben die Städte kaum Gewicht, wenn es um Förderprogramme, Gestaltungsfragen oder Werbung bei "
            "Gästen geht.",
        ),
        "goal": (
            "Die Mitglieder wollen ihre historischen Stadtkerne erhalten, behutsam weiterentwickeln und als Orte zum "
            "Leben, Arbeiten und Entdecken bekannt machen.",
            "Sie tauschen Erfahrungen zu Denkmalschutz, Gestaltungssatzungen und Leerständen aus und treten "
            "gegenüber Land und Öffentlichkeit gemeinsam auf.",
        ),
        "implementation": (
            "Die Arbeitsgemeinschaft ist ein freiwilliger Zusammenschluss ohne eigene Rechtsform. Die Geschäftsführung "
            "übernimmt eine Mitgliedsstadt; die Mitglieder tragen die Kosten über Jahresbeiträge.",
            "Es gibt gemeinsame Broschüren, Stadtführungen mit einheitlichem Qualitätsstandard, Fachtagungen für "
            "Bauverwaltungen und einen jährlichen Aktionstag, an dem alle Ortskerne zu Rundgängen einladen.",
            "Hier sind 19 der 56 Mitgliedsstädte als Beteiligte aufgeführt.",
        ),
        "benefit": "Kleine Städte erreichen gemeinsam eine Aufmerksamkeit, die sie allein nie hätten. Die "
        "Bauverwaltungen lernen voneinander, wie sich Denkmalschutz und moderne Nutzung verbinden lassen.",
        "effects": {},
        "contact": ("Petra Beispiel", "Geschäftsstelle der Arbeitsgemeinschaft"),
        "consent": True,
        "lighthouse": True,
        "published": (2017, 3, 14),
        "confirmed": (2025, 9, 30),
        "image": (
            "Abstrakte Grafik: ockerfarbene und rotbraune Rechtecke mit spitzen Dreiecken darüber, angeordnet wie eine "
            "Reihe von Giebelhäusern.",
            "Symbolgrafik für historische Ortskerne.",
        ),
        "documents": (
            {
                "kind": "presseartikel",
                "slug": "pressemitteilung-historische-ortskerne-entdecken",
                "title": "Historische Ortskerne laden zum Entdecken ein",
                "date": (2017, 6, 1),
                "description": "Pressemitteilung der Arbeitsgemeinschaft zum gemeinsamen Aktionstag der "
                "Mitgliedsstädte.",
                "tags": ("Altstadt", "Aktionstag"),
                "paragraphs": (
                    "56 Städte und Gemeinden in Nordrhein-Westfalen öffnen am Aktionstag ihre historischen Ortskerne "
                    "für Führungen, Turmbesteigungen und Hofkonzerte.",
                    "Die Mitglieder der Arbeitsgemeinschaft liegen abseits der Großstädte und der bekannten "
                    "Reiserouten. Gerade deshalb, so die Geschäftsstelle, lohne sich der Besuch: Hier seien "
                    "Stadtmauern, Fachwerkzeilen und Marktplätze noch im Zusammenhang erlebbar.",
                    "Die Städte stimmen ihre Programme ab und werben mit einem gemeinsamen Faltblatt. Alle Führungen "
                    "sind kostenlos.",
                    "Demo-Dokument von Interkommunales.NRW.",
                ),
            },
            {
                "kind": "muster",
                "slug": "muster-gestaltungssatzung-historischer-ortskern",
                "title": "Muster: Gestaltungssatzung für einen historischen Ortskern",
                "date": (2019, 2, 1),
                "description": "Gliederung und Formulierungsvorschläge für eine örtliche Bauvorschrift, die das "
                "Erscheinungsbild eines historischen Ortskerns schützt.",
                "tags": ("Gestaltungssatzung", "Denkmalpflege", "Baukultur"),
                "paragraphs": (
                    "§ 1 Geltungsbereich. Die Satzung gilt für den in der Anlage dargestellten Bereich des "
                    "historischen Ortskerns.",
                    "§ 2 Dächer. Dächer sind als Satteldächer mit einer Neigung zwischen 40 und 55 Grad auszuführen. "
                    "Als Eindeckung sind nicht glänzende Tonziegel in roten bis rotbraunen Tönen zulässig.",
                    "§ 3 Fassaden. Sichtbares Fachwerk ist zu erhalten. Neue Fassaden nehmen die Gliederung der "
                    "Nachbarhäuser auf.",
                    "§ 4 Werbeanlagen. Werbeanlagen sind nur an der Stätte der Leistung und nur im Erdgeschoss "
                    "zulässig.",
                    "§ 5 Solaranlagen. Solaranlagen sind auf vom öffentlichen Raum abgewandten Dachflächen zulässig; "
                    "im Übrigen entscheidet die Gemeinde im Einzelfall.",
                    "Hinweis: Dieses Muster ist ein Demo-Dokument und ersetzt keine rechtliche Prüfung.",
                ),
            },
        ),
    },
    {
        "slug": "grenzueberschreitende-brandbekaempfung-kreis-viersen",
        "title": "Feuerwehr ohne Grenzen: Kreis Viersen und niederländische Nachbarn",
        "lead": "kreis-viersen",
        "partners": ("nettetal", "brueggen", "niederkruechten"),
        "organisations": (
            ("Veiligheidsregio Limburg-Noord", "Feuerwehr und Krisenmanagement auf niederländischer Seite"),
            ("Gemeente Venlo", "Partnerkommune in den Niederlanden"),
            ("Gemeente Beesel", "Partnerkommune in den Niederlanden"),
        ),
        "topics": ("feuerwehr-und-katastrophenschutz", "ordnung-und-sicherheit"),
        "tags": ("Grenzüberschreitend", "Niederlande", "Brandbekämpfung", "Gegenseitige Hilfe"),
        "form": "vereinbarung",
        "status": "umsetzung",
        "start": (2016, 3),
        "funding": "",
        "teaser": "Brennt es an der Grenze, rückt die Feuerwehr an, die am schnellsten vor Ort ist, egal auf welcher "
        "Seite. Der Kreis Viersen und seine Grenzgemeinden haben das mit den niederländischen Nachbarn verbindlich "
        "geregelt.",
        "occasion": (
            "Zwischen Nettetal, Brüggen und Niederkrüchten auf der einen und Venlo und Beesel auf der anderen Seite "
            "liegen oft nur wenige Kilometer. Bei Bränden in grenznahen Wäldern und auf Autobahnen kam es auf "
            "Minuten an.",
            "Bisher musste jede Hilfe über die Grenze einzeln angefragt werden. Funk, Ausrüstung und Einsatztaktik "
            "passten nicht immer zusammen.",
        ),
        "goal": (
            "Die nächstgelegene geeignete Einheit soll alarmiert werden, unabhängig von der Staatsgrenze. Die "
            "Einsatzkräfte sollen sich verstehen und gemeinsame Abläufe geübt haben.",
        ),
        "implementation": (
            "Die Leitstellen tauschen Einsatzinformationen über eine feste Verbindung aus und alarmieren sich "
            "gegenseitig nach abgestimmten Ausrückeordnungen.",
            "Gemeinsame Übungen finden jährlich im Wechsel statt, dazu Sprachkurse für Führungskräfte. "
            "Kupplungen und Schlauchmaterial wurden mit Übergangsstücken kompatibel gemacht.",
            "Grundlage ist das deutsch-niederländische Abkommen über gegenseitige Hilfe bei Katastrophen und "
            "schweren Unglücksfällen, ergänzt um Absprachen auf Ebene der Kreise und Sicherheitsregionen.",
        ),
        "benefit": "In grenznahen Ortsteilen ist die Feuerwehr schneller vor Ort. Die Zusammenarbeit gilt in der "
        "Region als Beispiel dafür, dass Sicherheit nicht an der Grenze endet.",
        "effects": {"processing_time_percent": (25,)},
        "contact": ("Jonas Muster", "Amt für Bevölkerungsschutz, Kreis Viersen"),
        "consent": True,
        "lighthouse": True,
        "published": (2018, 2, 20),
        "confirmed": (2025, 6, 12),
        "image": (
            "Abstrakte Grafik: rote und orange Kreise auf dunklem Grund, links und rechts einer senkrechten "
            "hellen Linie.",
            "Symbolgrafik für grenzüberschreitende Feuerwehreinsätze.",
        ),
        "documents": (
            {
                "kind": "praesentation",
                "slug": "praesentation-feuerwehr-ohne-grenzen-niederrhein",
                "title": "Feuerwehr ohne Grenzen: Erfahrungen vom Niederrhein",
                "date": (2019, 11, 7),
                "description": "Vortragsfolien zur grenzüberschreitenden Alarmierung zwischen dem Kreis Viersen "
                "und den niederländischen Nachbarn.",
                "tags": ("Grenzüberschreitend", "Alarmierung"),
                "paragraphs": (
                    "Ausgangslage: Wälder, Autobahnen und Gewerbegebiete liegen beiderseits der Grenze. Die "
                    "nächstgelegene Feuerwache ist oft die auf der anderen Seite.",
                    "Lösung: abgestimmte Ausrückeordnungen, eine feste Verbindung der Leitstellen, gemeinsame "
                    "Übungen und Übergangsstücke für Kupplungen.",
                    "Erfahrungen: Die Feuerwehren aus Nettetal, Brüggen, Niederkrüchten, Venlo und Beesel kennen "
                    "sich persönlich. Sprachkurse erleichtern die Führung gemischter Einheiten.",
                    "Nächste Schritte: gemeinsame Ausbildung für Vegetationsbrände und ein zweisprachiges "
                    "Einsatzstellenhandbuch.",
                    "Demo-Dokument von Interkommunales.NRW.",
                ),
            },
        ),
    },
    {
        "slug": "news-app-ennepe-ruhr-kreis",
        "title": "Gemeinsame News-App des Ennepe-Ruhr-Kreises und seiner Städte",
        "lead": "ennepe-ruhr-kreis",
        "partners": (
            "breckerfeld",
            "ennepetal",
            "gevelsberg",
            "hattingen",
            "herdecke",
            "schwelm",
            "sprockhoevel",
            "wetter-ruhr",
            "witten",
        ),
        "organisations": (),
        "topics": ("digitalisierung-und-it", "allgemeine-verwaltung"),
        "tags": ("App", "Bürgerinformation", "Digitale Vernetzung", "Push-Nachrichten"),
        "form": "arbeitsgemeinschaft",
        "status": "umsetzung",
        "start": (2018, 9),
        "funding": "",
        "teaser": "Kreisverwaltung und Rathäuser im Ennepe-Ruhr-Kreis informieren über eine gemeinsame App. Wer sie "
        "nutzt, wählt seine Stadt und erhält Nachrichten, Baustellenhinweise und Warnungen aufs Telefon.",
        "occasion": (
            "Neuigkeiten aus der Kreisverwaltung und den neun Städten waren auf zehn Websites verstreut. Viele "
            "Menschen erfuhren von Straßensperrungen oder Sprechzeiten erst, wenn sie davorstanden.",
            "Eine eigene App wäre für jede einzelne Stadt zu teuer gewesen und hätte kaum Nutzerinnen und Nutzer "
            "gefunden.",
        ),
        "goal": (
            "Alle Einwohnerinnen und Einwohner sollen aktuelle Informationen aus Kreis und Stadt an einem Ort "
            "erhalten, zugeschnitten auf ihren Wohnort.",
        ),
        "implementation": (
            "Die Pressestellen von Kreis und Städten stellen ihre Meldungen in ein gemeinsames Redaktionssystem ein. "
            "Die App zeigt sie nach Wohnort gefiltert an; wichtige Meldungen kommen als Push-Nachricht.",
            "Der Kreis trägt die Kosten für Entwicklung und Betrieb, die Städte liefern die Inhalte. Ein "
            "Redaktionskreis trifft sich jeden Monat.",
        ),
        "benefit": "Die App erreicht viele Menschen, die keine Lokalzeitung mehr lesen. Die Pressestellen sparen "
        "Aufwand, weil eine Meldung alle Kanäle bedient.",
        "effects": {"savings_eur_per_year": (45000,)},
        "contact": ("Miriam Exempel", "Presse- und Öffentlichkeitsarbeit, Ennepe-Ruhr-Kreis"),
        "consent": True,
        "lighthouse": True,
        "published": (2019, 4, 2),
        "confirmed": (2026, 2, 17),
        "image": (
            "Abstrakte Grafik: ein hochkant stehendes abgerundetes Rechteck wie ein Mobiltelefon, umgeben von zehn "
            "kleinen bunten Kreisen, die mit Linien verbunden sind.",
            "Symbolgrafik für eine gemeinsame App von Kreis und Städten.",
        ),
        "documents": (
            {
                "kind": "beschlussvorlage",
                "slug": "beschlussvorlage-news-app-ennepe-ruhr-kreis",
                "title": "Beschlussvorlage: Gemeinsame News-App für den Ennepe-Ruhr-Kreis und seine Städte",
                "date": (2018, 6, 12),
                "description": "Vorlage für den Kreisausschuss zur Einführung einer gemeinsamen Informations-App.",
                "tags": ("App", "Kreistag"),
                "paragraphs": (
                    "Beschlussvorschlag: Der Kreisausschuss beauftragt die Verwaltung, gemeinsam mit den neun "
                    "kreisangehörigen Städten eine Informations-App einzuführen und zu betreiben.",
                    "Sachverhalt: Meldungen des Kreises und der Städte erscheinen bisher auf getrennten Websites. Eine "
                    "gemeinsame App bündelt sie und filtert nach dem Wohnort der Nutzerinnen und Nutzer.",
                    "Finanzielle Auswirkungen: Für Einrichtung und Betrieb im ersten Jahr werden Mittel im "
                    "Haushalt der Kreisverwaltung bereitgestellt. Die Städte liefern Inhalte ohne Kostenbeteiligung.",
                    "Demo-Dokument von Interkommunales.NRW.",
                ),
            },
            {
                "kind": "presseartikel",
                "slug": "pressemitteilung-news-app-ennepe-ruhr",
                "title": "Kreis und Städte gehen mit gemeinsamer App an den Start",
                "date": (2019, 3, 18),
                "description": "Pressemitteilung zum Start der gemeinsamen Informations-App im Ennepe-Ruhr-Kreis.",
                "tags": ("App", "Bürgerinformation"),
                "paragraphs": (
                    "Ab sofort gibt es Nachrichten aus der Kreisverwaltung und allen neun Städten des "
                    "Ennepe-Ruhr-Kreises in einer App. Sie steht kostenlos für gängige Smartphones bereit.",
                    "Nach der Installation wählen Nutzerinnen und Nutzer ihre Stadt. Sie erhalten dann Meldungen zu "
                    "Baustellen, Veranstaltungen, Sprechzeiten und Warnungen.",
                    "Demo-Dokument von Interkommunales.NRW.",
                ),
            },
        ),
    },
    {
        "slug": "biooekonomie-netzwerk-krefeld",
        "title": "Bioökonomie-Netzwerk Krefeld",
        "lead": "krefeld",
        "partners": ("kreis-viersen", "rhein-kreis-neuss", "moenchengladbach"),
        "organisations": (("Betriebe der Textil-, Entsorgungs- und Landwirtschaft der Region", "Netzwerkpartner"),),
        "topics": ("umwelt-klima-und-energie", "wirtschaftsfoerderung", "ver-und-entsorgung"),
        "tags": ("Bioökonomie", "Rohstoffverknappung", "Klimaschutz", "Kreislaufwirtschaft", "Klärschlamm"),
        "form": "informell",
        "status": "umsetzung",
        "start": (2017, 4),
        "funding": "",
        "teaser": "Krefeld und seine Nachbarn wollen Reststoffe in der Region halten und neu nutzen: Textilreste, "
        "Klärschlamm, Abfälle und Erntereste. Das Netzwerk bringt Kommunen, Betriebe und Forschung zusammen.",
        "occasion": (
            "Rohstoffe werden knapper und teurer. Zugleich fallen am Niederrhein große Mengen an Reststoffen an, "
            "die bisher über weite Strecken entsorgt werden.",
            "Textilbetriebe, Kläranlagen und Landwirtschaft wussten wenig voneinander, obwohl die Reste des einen "
            "Rohstoff für den anderen sein können.",
        ),
        "goal": (
            "Reststoffe sollen so oft wie möglich in der Region verwertet werden. Das spart Rohstoffe, senkt "
            "Transporte und schützt das Klima.",
            "Neue Wertschöpfung soll Arbeitsplätze in der Region sichern.",
        ),
        "implementation": (
            "Die Wirtschaftsförderung Krefeld koordiniert das Netzwerk. Ein Kataster erfasst, wo welche Reststoffe "
            "in welcher Menge anfallen.",
            "In Arbeitsgruppen zu Textilien, Klärschlamm, Bioabfall und Landwirtschaft entstehen Pilotprojekte. "
            "Im November 2017 lud Krefeld zu einem Erfahrungsaustausch über den Aufbau des Netzwerks ein.",
        ),
        "benefit": "Das Netzwerk macht sichtbar, welche Mengen an Reststoffen die Region selbst nutzen kann, und "
        "stößt Kooperationen zwischen Betrieben an, die sich vorher nicht kannten.",
        "effects": {},
        "contact": ("Tobias Probe", "Wirtschaftsförderung, Stadt Krefeld"),
        "consent": False,
        "lighthouse": False,
        "published": (2017, 10, 5),
        "confirmed": (2024, 5, 8),
        "image": None,
        "documents": (
            {
                "kind": "praesentation",
                "slug": "erfahrungsaustausch-biooekonomie-netzwerk-2017",
                "title": "Erfahrungsaustausch: Einrichtung eines Bioökonomie-Netzwerkes",
                "date": (2017, 11, 15),
                "description": "Zusammenfassung des Erfahrungsaustauschs vom 15. November 2017 in Krefeld.",
                "tags": ("Bioökonomie", "Erfahrungsaustausch"),
                "paragraphs": (
                    "Am Mittwoch, dem 15. November 2017, trafen sich in Krefeld Vertreterinnen und Vertreter von "
                    "Kommunen, Betrieben und Forschung zum Erfahrungsaustausch über den Aufbau eines "
                    "Bioökonomie-Netzwerkes.",
                    "Themen waren die Verwertung von Textilresten, die Rückgewinnung von Phosphor aus Klärschlamm, "
                    "die Nutzung von Bioabfall und Ernteresten sowie die Rolle der Kommunen als Vermittler.",
                    "Als Leitgedanken nannten die Teilnehmenden die Verknappung von Rohstoffen und den Klimaschutz.",
                    "Demo-Dokument von Interkommunales.NRW.",
                ),
            },
        ),
    },
    {
        "slug": "radverkehr-gemeinsam-foerdern-kreis-guetersloh",
        "title": "Radverkehr gemeinsam fördern im Kreis Gütersloh",
        "lead": "kreis-guetersloh",
        "partners": ("guetersloh", "rheda-wiedenbrueck", "verl", "harsewinkel", "herzebrock-clarholz"),
        "organisations": (),
        "topics": ("mobilitaet-und-verkehr", "umwelt-klima-und-energie"),
        "tags": ("Radverkehr", "Nahmobilität", "Fahrradparken", "Wegweisung"),
        "form": "vereinbarung",
        "status": "umsetzung",
        "start": (2019, 4),
        "funding": "Förderrichtlinien Nahmobilität des Landes NRW",
        "teaser": "Der Kreis Gütersloh und fünf seiner Städte und Gemeinden fördern das Radfahren gemeinsam. Sie "
        "planen Wege über die Grenzen hinweg, bauen Abstellanlagen und werben mit gemeinsamen Aktionen.",
        "occasion": (
            "Viele Wege zur Arbeit und zur Schule sind kürzer als zehn Kilometer, werden aber mit dem Auto "
            "zurückgelegt. An den Ortsgrenzen fehlten sichere Verbindungen.",
        ),
        "goal": (
            "Mehr Menschen sollen im Alltag Rad fahren. Die Verbindungen zwischen den Orten sollen sicher, "
            "durchgehend und einheitlich ausgeschildert sein.",
        ),
        "implementation": (
            "Eine Koordinierungsstelle beim Kreis bündelt Planung und Förderanträge. Die Kommunen haben ein "
            "gemeinsames Zielnetz beschlossen und bauen Lücken nach einer abgestimmten Reihenfolge.",
            "Jedes Jahr gibt es eine gemeinsame Aktion zum Radfahren im Alltag, dazu sichere Abstellanlagen an "
            "Bahnhöfen und Schulen.",
        ),
        "benefit": "Förderanträge haben mehr Gewicht, weil sie Teil eines schlüssigen Netzes sind. Die Beschilderung "
        "ist im ganzen Kreis einheitlich.",
        "effects": {},
        "contact": ("Anna Platzhalter", "Mobilitätsmanagement, Kreis Gütersloh"),
        "consent": True,
        "lighthouse": False,
        "published": (2020, 1, 21),
        "confirmed": (2025, 11, 3),
        "image": None,
        "documents": (),
    },
    {
        "slug": "buergerbus-schleiden-hellenthal",
        "title": "Bürgerbus Schleiden und Hellenthal",
        "lead": "schleiden",
        "partners": ("hellenthal", "kreis-euskirchen"),
        "organisations": (("Bürgerbusverein (ehrenamtlich)", "Fahrerinnen und Fahrer, Fahrplan"),),
        "topics": ("mobilitaet-und-verkehr", "gesundheit-und-soziales"),
        "tags": ("Bürgerbus", "Ehrenamt", "Ländlicher Raum", "ÖPNV"),
        "form": "vereinbarung",
        "status": "umsetzung",
        "start": (2021, 5),
        "funding": "",
        "teaser": "Ehrenamtliche fahren einen Kleinbus durch die Dörfer von Schleiden und Hellenthal. Der Bürgerbus "
        "verbindet Ortsteile ohne regelmäßigen Busverkehr mit Ärzten, Geschäften und dem Linienbus.",
        "occasion": (
            "In vielen Eifeldörfern fährt der Linienbus nur zu Schulzeiten. Wer kein Auto hat, ist auf Familie "
            "und Nachbarn angewiesen.",
        ),
        "goal": (
            "Alle Ortsteile sollen an Werktagen mehrmals täglich angebunden sein. Ältere Menschen sollen ohne "
            "fremde Hilfe zum Arzt und zum Einkaufen kommen.",
        ),
        "implementation": (
            "Ein Bürgerbusverein stellt die ehrenamtlichen Fahrerinnen und Fahrer. Die Städte und der Kreis tragen "
            "die Kosten für Fahrzeug, Versicherung und Betrieb, soweit Fahrgeldeinnahmen und Zuschüsse sie nicht "
            "decken.",
            "Der Fahrplan ist mit den Linienbussen abgestimmt; es gilt der Nahverkehrstarif.",
        ),
        "benefit": "Der Bürgerbus schließt Lücken, die ein regulärer Linienverkehr nicht wirtschaftlich bedienen "
        "könnte, und stärkt den Zusammenhalt in den Dörfern.",
        "effects": {},
        "contact": ("Lukas Vorlage", "Fachbereich Bürgerdienste, Stadt Schleiden"),
        "consent": False,
        "lighthouse": False,
        "published": (2021, 9, 8),
        "confirmed": (2024, 10, 1),
        "image": None,
        "documents": (),
    },
    {
        "slug": "digitale-region-kreis-olpe",
        "title": "Digitale Region Kreis Olpe",
        "lead": "kreis-olpe",
        "partners": ("attendorn", "drolshagen", "finnentrop", "kirchhundem", "lennestadt", "olpe", "wenden"),
        "organisations": (("Südwestfalen-IT", "Kommunaler IT-Dienstleister, Betrieb der Plattform"),),
        "topics": ("digitalisierung-und-it", "wirtschaftsfoerderung"),
        "tags": ("Digitalisierung", "Smart Region", "Onlinezugangsgesetz", "Glasfaser"),
        "form": "vereinbarung",
        "status": "umsetzung",
        "start": (2020, 9),
        "funding": "Förderrichtlinie IKZ NRW",
        "teaser": "Der Kreis Olpe und alle sieben Städte und Gemeinden gehen die Digitalisierung gemeinsam an. Eine "
        "gemeinsame Plattform, ein Digitalteam und abgestimmte Projekte sollen die ganze Region voranbringen.",
        "occasion": (
            "Jede Verwaltung hatte eigene Digitalisierungspläne, aber niemand genug Personal, sie umzusetzen. "
            "Gleichzeitig erwarteten Unternehmen und Bürgerschaft digitale Angebote.",
        ),
        "goal": (
            "Verwaltungsleistungen sollen online erreichbar sein, Daten einmal erfasst und mehrfach genutzt werden. "
            "Die Region soll für Fachkräfte und Unternehmen attraktiv bleiben.",
        ),
        "implementation": (
            "Ein Digitalteam beim Kreis arbeitet für alle acht Verwaltungen. Projekte werden in einer gemeinsamen "
            "Roadmap priorisiert: zuerst Online-Dienste, dann digitale Akten, dann offene Daten.",
            "Der kommunale IT-Dienstleister betreibt die gemeinsame Plattform. Die Förderung nach der "
            "Förderrichtlinie IKZ NRW hat den Start erleichtert.",
        ),
        "benefit": "Was eine Verwaltung digitalisiert, können die anderen übernehmen. So kommen auch kleine "
        "Gemeinden zu Lösungen, die sie allein nicht hätten entwickeln können.",
        "effects": {"staff_effect_fte": (3.0,), "processing_time_percent": (30,)},
        "contact": ("Sabine Musterfrau", "Stabsstelle Digitalisierung, Kreis Olpe"),
        "consent": True,
        "lighthouse": True,
        "published": (2021, 2, 15),
        "confirmed": (2026, 4, 22),
        "image": (
            "Abstrakte Grafik: ein Netz aus acht grünen Punkten auf hellblauem Grund, verbunden durch dünne Linien, "
            "dahinter sanfte Hügelformen.",
            "Symbolgrafik für eine vernetzte Region.",
        ),
        "documents": (
            {
                "kind": "vereinbarung",
                "slug": "vereinbarung-digitale-region-kreis-olpe",
                "title": "Öffentlich-rechtliche Vereinbarung über die gemeinsame Digitalisierung im Kreis Olpe",
                "date": (2020, 7, 1),
                "description": "Vereinbarung des Kreises Olpe mit seinen sieben Städten und Gemeinden über ein "
                "gemeinsames Digitalteam und eine gemeinsame Plattform.",
                "tags": ("Digitalisierung", "Onlinezugangsgesetz"),
                "agreement": {
                    "subject": "die gemeinsame Digitalisierung der Verwaltungen",
                    "duties": (
                        "Der Kreis Olpe richtet ein Digitalteam ein, das für alle Beteiligten Online-Dienste "
                        "entwickelt, Fachverfahren anbindet und Beschäftigte schult.",
                        "Die Beteiligten priorisieren die Vorhaben in einer gemeinsamen Roadmap, die jährlich "
                        "fortgeschrieben wird.",
                    ),
                },
            },
        ),
    },
    {
        "slug": "it-support-schulen-staedteregion-aachen",
        "title": "IT-Support für Schulen im Nordkreis der Städteregion Aachen",
        "lead": "stolberg-rhld",
        "partners": ("eschweiler", "wuerselen", "alsdorf", "baesweiler", "herzogenrath"),
        "organisations": (("regio iT", "IT-Dienstleister: Servicedesk und Geräteverwaltung"),),
        "topics": ("bildung-und-schule", "digitalisierung-und-it"),
        "tags": ("Schul-IT", "DigitalPakt Schule", "Medienentwicklungsplan", "Support"),
        "form": "vereinbarung",
        "status": "umsetzung",
        "start": (2021, 8),
        "funding": "DigitalPakt Schule",
        "teaser": "Sechs Schulträger in der Städteregion Aachen organisieren die Betreuung der Schul-IT gemeinsam. "
        "Lehrkräfte melden Störungen an einer Stelle; ein Team mit festen Ansprechpersonen kümmert sich.",
        "occasion": (
            "Mit Tablets, digitalen Tafeln und WLAN wuchs die Technik an den Schulen schnell. Die Betreuung "
            "übernahmen bisher oft Lehrkräfte nebenbei.",
        ),
        "goal": (
            "Lehrkräfte sollen unterrichten, nicht Geräte reparieren. Störungen sollen innerhalb eines Schultages "
            "behoben sein.",
        ),
        "implementation": (
            "Stolberg koordiniert das Vorhaben, der IT-Dienstleister betreibt Servicedesk und Geräteverwaltung. "
            "Jede Schule hat eine feste Technikerin oder einen festen Techniker vor Ort.",
            "Die Schulträger haben ihre Medienentwicklungspläne abgestimmt und beschaffen Geräte gemeinsam.",
        ),
        "benefit": "Einheitliche Geräte und Abläufe machen den Support schneller. Gemeinsame Ausschreibungen senken "
        "die Preise deutlich.",
        "effects": {"processing_time_percent": (40,), "savings_percent": (12.5,)},
        "contact": ("Karl Beispiel", "Schulverwaltungsamt, Stadt Stolberg"),
        "consent": True,
        "lighthouse": False,
        "published": (2022, 3, 29),
        "confirmed": (2025, 8, 19),
        "image": None,
        "documents": (
            {
                "kind": "beschlussvorlage",
                "slug": "beschlussvorlage-schul-it-support-staedteregion",
                "title": "Beschlussvorlage: Gemeinsamer IT-Support für die Schulen",
                "date": (2021, 5, 4),
                "description": "Vorlage für den Schulausschuss zum gemeinsamen Support der Schul-IT mit fünf "
                "Nachbarstädten.",
                "tags": ("Schul-IT", "Support"),
                "paragraphs": (
                    "Beschlussvorschlag: Der Schulausschuss empfiehlt dem Rat, den Support der Schul-IT gemeinsam "
                    "mit Eschweiler, Würselen, Alsdorf, Baesweiler und Herzogenrath zu organisieren.",
                    "Sachverhalt: Die Ausstattung der Schulen mit digitalen Geräten ist stark gewachsen. Die "
                    "Betreuung durch Lehrkräfte ist nicht mehr leistbar.",
                    "Finanzielle Auswirkungen: Die Kosten werden nach der Zahl der betreuten Geräte verteilt. "
                    "Fördermittel aus dem DigitalPakt Schule werden angerechnet.",
                    "Demo-Dokument von Interkommunales.NRW.",
                ),
            },
        ),
    },
    {
        "slug": "finanzzentrum-baumberge",
        "title": "Finanzzentrum Baumberge",
        "lead": "nottuln",
        "partners": ("havixbeck", "billerbeck", "rosendahl"),
        "organisations": (("GPA NRW", "Beratung zur Wirtschaftlichkeit auf Grundlage der überörtlichen Prüfung"),),
        "topics": ("finanzen-und-steuern", "allgemeine-verwaltung"),
        "tags": ("Finanzbuchhaltung", "Steuern", "Kasse", "Shared Service"),
        "form": "vereinbarung",
        "status": "umsetzung",
        "start": (2018, 1),
        "funding": "",
        "teaser": "Vier Gemeinden rund um die Baumberge führen Buchhaltung, Kasse und Steuern in einem gemeinsamen "
        "Finanzzentrum. Die Haushaltshoheit bleibt bei jedem Rat.",
        "occasion": (
            "Nottuln, Havixbeck, Billerbeck und Rosendahl hatten jeweils kleine Finanzabteilungen. Jahresabschlüsse "
            "verzögerten sich, und Vertretungen waren kaum zu organisieren.",
            "Die überörtliche Prüfung hatte Möglichkeiten aufgezeigt, Aufgaben der Finanzverwaltung gemeinsam "
            "wirtschaftlicher zu erledigen.",
        ),
        "goal": (
            "Ein gemeinsames Finanzzentrum soll die Finanzbuchhaltung, die Kasse und die Steuerveranlagung "
            "zuverlässig, fristgerecht und wirtschaftlich erledigen.",
        ),
        "implementation": (
            "Das Finanzzentrum hat seinen Sitz in Nottuln. Die Beschäftigten der Partner wechselten dorthin; alle "
            "vier Gemeinden nutzen dasselbe Finanzverfahren mit getrennten Mandanten.",
            "Die Kosten werden nach Buchungszahlen und Steuerfällen verteilt. Ein Lenkungskreis der "
            "Kämmerinnen und Kämmerer steuert das Zentrum.",
        ),
        "benefit": "Die Jahresabschlüsse liegen fristgerecht vor, Vertretungen sind gesichert, und Fachkräfte finden "
        "im größeren Team bessere Entwicklungsmöglichkeiten.",
        "effects": {"savings_eur_per_year": (120000,), "staff_effect_fte": (2.5,), "savings_percent": (14.0,)},
        "contact": ("Henrik Mustermann", "Leitung des Finanzzentrums Baumberge"),
        "consent": True,
        "lighthouse": True,
        "published": (2018, 5, 16),
        "confirmed": (2026, 3, 10),
        "image": (
            "Abstrakte Grafik: vier gleich große Kreise in Grün-, Blau- und Gelbtönen, die sich in der Mitte "
            "überlappen, über einer sanften grünen Hügellinie.",
            "Symbolgrafik für vier Gemeinden mit einem gemeinsamen Finanzzentrum.",
        ),
        "documents": (
            {
                "kind": "vereinbarung",
                "slug": "vereinbarung-finanzzentrum-baumberge",
                "title": "Öffentlich-rechtliche Vereinbarung über das Finanzzentrum Baumberge",
                "date": (2017, 11, 23),
                "description": "Vereinbarung der Gemeinden Nottuln, Havixbeck, Billerbeck und Rosendahl über die "
                "gemeinsame Wahrnehmung von Aufgaben der Finanzverwaltung.",
                "tags": ("Finanzbuchhaltung", "Kasse", "Steuern"),
                "agreement": {
                    "subject": "die gemeinsame Wahrnehmung von Aufgaben der Finanzverwaltung im Finanzzentrum "
                    "Baumberge",
                    "duties": (
                        "Die Gemeinde Nottuln nimmt für die übrigen Beteiligten die Aufgaben der "
                        "Finanzbuchhaltung, der Gemeindekasse und der Festsetzung und Erhebung der Realsteuern wahr.",
                        "Haushaltsplanung, Anordnungsbefugnis, Hebesätze und die Feststellung der Jahresabschlüsse "
                        "bleiben bei den jeweiligen Gemeinden.",
                    ),
                },
            },
            {
                "kind": "beschlussvorlage",
                "slug": "beschlussvorlage-finanzzentrum-baumberge",
                "title": "Beschlussvorlage: Beitritt zum Finanzzentrum Baumberge",
                "date": (2017, 9, 26),
                "description": "Vorlage für den Rat einer Partnergemeinde zum Abschluss der Vereinbarung über das "
                "Finanzzentrum.",
                "tags": ("Finanzbuchhaltung", "Ratsbeschluss"),
                "paragraphs": (
                    "Beschlussvorschlag: Der Rat stimmt dem Abschluss der öffentlich-rechtlichen Vereinbarung über "
                    "das Finanzzentrum Baumberge zu und beauftragt den Bürgermeister, sie zu unterzeichnen.",
                    "Sachverhalt: Die Finanzabteilungen der vier Gemeinden sind klein. Die Untersuchung der "
                    "Wirtschaftlichkeit hat ergeben, dass ein gemeinsames Zentrum Kosten senkt und Vertretungen "
                    "sichert.",
                    "Finanzielle Auswirkungen: Die Kostenerstattung an die Gemeinde Nottuln richtet sich nach "
                    "Buchungszahlen und Steuerfällen. Nach den Berechnungen sinken die Kosten gegenüber dem "
                    "bisherigen Betrieb.",
                    "Demo-Dokument von Interkommunales.NRW.",
                ),
            },
            {
                "kind": "presseartikel",
                "slug": "pressemitteilung-finanzzentrum-baumberge",
                "title": "Vier Gemeinden, ein Finanzzentrum",
                "date": (2018, 1, 9),
                "description": "Pressemitteilung zum Start des gemeinsamen Finanzzentrums.",
                "tags": ("Finanzbuchhaltung", "Shared Service"),
                "paragraphs": (
                    "Seit Jahresbeginn erledigt das Finanzzentrum Baumberge in Nottuln Buchhaltung, Kasse und "
                    "Steuern für vier Gemeinden.",
                    "Für Bürgerinnen und Bürger ändert sich wenig: Steuerbescheide tragen weiterhin das Wappen ihrer "
                    "Gemeinde, und Rückfragen beantwortet ein fester Ansprechpartner im Zentrum.",
                    "Demo-Dokument von Interkommunales.NRW.",
                ),
            },
        ),
    },
]

# Documents of the library that belong to no project.
LIBRARY_DOCUMENTS = [
    {
        "kind": "muster",
        "slug": "muster-oeffentlich-rechtliche-vereinbarung-gkg-nrw",
        "title": "Muster: Öffentlich-rechtliche Vereinbarung nach dem GkG NRW",
        "date": (2020, 3, 1),
        "description": "Gliederung einer Vereinbarung, mit der eine Kommune Aufgaben für andere übernimmt, mit "
        "Hinweisen zu jedem Abschnitt.",
        "tags": ("Öffentlich-rechtliche Vereinbarung", "GkG NRW", "Muster"),
        "topics": ("allgemeine-verwaltung",),
        "paragraphs": (
            "Präambel: Nennen Sie die Beteiligten mit ihrer amtlichen Bezeichnung und die Rechtsgrundlage, das "
            "Gesetz über kommunale Gemeinschaftsarbeit (GkG NRW).",
            "§ 1 Gegenstand: Beschreiben Sie die Aufgabe so genau, dass später kein Streit darüber entsteht, was "
            "dazugehört. Legen Sie fest, ob die Aufgabe übertragen wird (delegierend) oder nur die Durchführung "
            "(mandatierend).",
            "§ 2 Durchführung: Regeln Sie Standards, Berichtspflichten und Ansprechpersonen.",
            "§ 3 Kostenerstattung: Legen Sie einen nachvollziehbaren Schlüssel fest, zum Beispiel nach "
            "Einwohnerzahl oder Fallzahlen, und die Termine für Abschläge und Schlussabrechnung.",
            "§ 4 Datenschutz: Klären Sie, wer verantwortlich ist und ob eine Auftragsverarbeitung vorliegt.",
            "§ 5 Laufzeit und Kündigung: Eine Mindestlaufzeit gibt Planungssicherheit; regeln Sie auch die "
            "Auseinandersetzung bei einem Ausscheiden.",
            "§ 6 Schlussbestimmungen: Schriftform, salvatorische Klausel, Inkrafttreten nach Bekanntmachung.",
            "Hinweis: Prüfen Sie vor dem Abschluss die Anzeige- oder Genehmigungspflichten gegenüber der "
            "Aufsichtsbehörde sowie umsatzsteuerliche und vergaberechtliche Fragen. Demo-Dokument von "
            "Interkommunales.NRW.",
        ),
    },
    {
        "kind": "muster",
        "slug": "checkliste-interkommunale-zusammenarbeit-in-zehn-schritten",
        "title": "Checkliste: In zehn Schritten zur interkommunalen Zusammenarbeit",
        "date": (2021, 1, 15),
        "description": "Von der ersten Idee bis zur Auswertung: die Schritte, die sich in vielen Kooperationen "
        "bewährt haben.",
        "tags": ("Checkliste", "Projektmanagement", "Einstieg"),
        "topics": ("allgemeine-verwaltung",),
        "paragraphs": (
            "1. Aufgabe auswählen: Wo gibt es Engpässe, wo wenige Fälle, wo teure Technik?",
            "2. Partner finden: Nachbarn, Kommunen ähnlicher Größe, der Kreis.",
            "3. Ist-Zustand erheben: Personal, Fallzahlen, Kosten, Technik.",
            "4. Ziele vereinbaren: Was soll besser, schneller oder günstiger werden?",
            "5. Wirtschaftlichkeit vergleichen: Kosten heute gegen Kosten der Kooperation.",
            "6. Rechtsform wählen: Vereinbarung, Zweckverband, gemeinsames Kommunalunternehmen oder informell.",
            "7. Personalrat und Beschäftigte früh einbeziehen.",
            "8. Räte und Ausschüsse beteiligen und Beschlüsse fassen.",
            "9. Umsetzen: Zeitplan, Ansprechpersonen, Kommunikation nach außen.",
            "10. Auswerten: nach ein bis zwei Jahren gemeinsam Bilanz ziehen.",
            "Demo-Dokument von Interkommunales.NRW.",
        ),
    },
    {
        "kind": "muster",
        "slug": "checkliste-wirtschaftlichkeitsvergleich-kooperation",
        "title": "Checkliste: Wirtschaftlichkeit einer Kooperation vergleichen",
        "date": (2022, 6, 1),
        "description": "Welche Kosten in einen fairen Vergleich zwischen Eigenerledigung und Zusammenarbeit gehören.",
        "tags": ("Wirtschaftlichkeit", "Kostenvergleich", "Checkliste"),
        "topics": ("finanzen-und-steuern", "allgemeine-verwaltung"),
        "paragraphs": (
            "Personalkosten: Stellenanteile, Vertretungen, Fortbildung, künftige Altersabgänge.",
            "Sachkosten: Räume, Fahrzeuge, Software, Lizenzen, Wartung.",
            "Gemeinkosten: Anteile an Leitung, Personalverwaltung, IT.",
            "Einmalkosten der Kooperation: Umzug, Datenübernahme, Schulung, Beratung.",
            "Laufende Kosten der Kooperation: Kostenerstattung, Abstimmung, Fahrtwege.",
            "Nicht in Geld messbar: Ausfallsicherheit, Qualität, Rechtssicherheit, Bürgernähe.",
            "Demo-Dokument von Interkommunales.NRW.",
        ),
    },
    {
        "kind": "muster",
        "slug": "muster-kostenverteilungsschluessel",
        "title": "Muster: Schlüssel für die Verteilung der Kosten",
        "date": (2023, 2, 1),
        "description": "Drei gängige Schlüssel für die Kostenerstattung mit Vor- und Nachteilen.",
        "tags": ("Kostenerstattung", "Kostenverteilung", "Muster"),
        "topics": ("finanzen-und-steuern",),
        "paragraphs": (
            "Nach Einwohnerzahl: einfach und stabil, bildet aber den tatsächlichen Aufwand nur grob ab.",
            "Nach Fallzahlen: verursachungsgerecht, verlangt eine verlässliche Zählung und schwankt von Jahr zu Jahr.",
            "Sockelbetrag und Fallzahlen: ein fester Anteil deckt die Bereitschaftskosten, der Rest folgt den "
            "Fällen. Diese Mischung hat sich in vielen Kooperationen bewährt.",
            "Demo-Dokument von Interkommunales.NRW.",
        ),
    },
    {
        "kind": "muster",
        "slug": "checkliste-datenschutz-in-der-kooperation",
        "title": "Checkliste: Datenschutz in der interkommunalen Zusammenarbeit",
        "date": (2024, 4, 10),
        "description": "Fragen, die vor dem Start einer Kooperation mit personenbezogenen Daten zu klären sind.",
        "tags": ("Datenschutz", "DSGVO", "Auftragsverarbeitung"),
        "topics": ("digitalisierung-und-it", "allgemeine-verwaltung"),
        "paragraphs": (
            "Wer ist verantwortlich? Bei übertragenen Aufgaben die übernehmende Kommune, bei bloßer Durchführung "
            "meist die abgebende.",
            "Liegt eine Auftragsverarbeitung vor? Dann braucht es einen Vertrag nach Artikel 28 DSGVO.",
            "Sind die Verzeichnisse der Verarbeitungstätigkeiten angepasst?",
            "Wissen Bürgerinnen und Bürger, wer ihre Daten verarbeitet?",
            "Demo-Dokument von Interkommunales.NRW.",
        ),
    },
    {
        "kind": "fachartikel",
        "slug": "fachartikel-rechtsformen-interkommunaler-zusammenarbeit",
        "title": "Rechtsformen der interkommunalen Zusammenarbeit in NRW im Überblick",
        "date": (2019, 10, 1),
        "description": "Öffentlich-rechtliche Vereinbarung, Zweckverband, gemeinsames Kommunalunternehmen, "
        "Arbeitsgemeinschaft, Gesellschaft und informelle Kooperation im Vergleich.",
        "tags": ("GkG NRW", "Zweckverband", "Rechtsform"),
        "topics": ("allgemeine-verwaltung",),
        "author": "Redaktion Interkommunales.NRW",
        "paragraphs": (
            "Das Gesetz über kommunale Gemeinschaftsarbeit (GkG NRW) kennt drei öffentlich-rechtliche Formen: die "
            "öffentlich-rechtliche Vereinbarung, den Zweckverband und das gemeinsame Kommunalunternehmen.",
            "Die Vereinbarung ist die schlankeste Form. Eine Kommune übernimmt eine Aufgabe für andere oder führt "
            "sie in deren Namen durch; eine neue Organisation entsteht nicht.",
            "Der Zweckverband ist eine eigene Körperschaft mit Verbandsversammlung und Verbandsvorsteher. Er eignet "
            "sich für dauerhafte, große Aufgaben wie Abwasser, Schulen oder Gewerbegebiete.",
            "Das gemeinsame Kommunalunternehmen ist eine Anstalt des öffentlichen Rechts mehrerer Träger. Es "
            "verbindet öffentliches Recht mit unternehmerischer Führung.",
            "Daneben stehen die Arbeitsgemeinschaft für Abstimmung und Austausch, privatrechtliche Gesellschaften "
            "unter kommunaler Kontrolle und informelle Kooperationen ohne Vertrag.",
            "Demo-Dokument von Interkommunales.NRW.",
        ),
    },
    {
        "kind": "fachartikel",
        "slug": "fachartikel-vergaberecht-oeffentlich-oeffentliche-zusammenarbeit",
        "title": "Vergaberecht und Zusammenarbeit zwischen Kommunen: § 108 GWB",
        "date": (2021, 3, 1),
        "description": "Wann eine Kooperation zwischen öffentlichen Auftraggebern nicht ausgeschrieben werden muss.",
        "tags": ("Vergaberecht", "§ 108 GWB", "Inhouse-Vergabe"),
        "topics": ("allgemeine-verwaltung", "finanzen-und-steuern"),
        "author": "Redaktion Interkommunales.NRW",
        "paragraphs": (
            "Der Europäische Gerichtshof hat in mehreren Entscheidungen Voraussetzungen entwickelt, unter denen "
            "öffentliche Auftraggeber zusammenarbeiten dürfen, ohne auszuschreiben. Der Gesetzgeber hat sie in "
            "§ 108 des Gesetzes gegen Wettbewerbsbeschränkungen aufgenommen.",
            "Für die horizontale Zusammenarbeit gilt: Die Partner verfolgen gemeinsame Ziele bei öffentlichen "
            "Aufgaben, die Zusammenarbeit folgt allein dem öffentlichen Interesse, und die Partner erbringen auf "
            "dem Markt weniger als 20 Prozent der betroffenen Tätigkeiten.",
            "Kein privates Unternehmen darf durch die Kooperation besser gestellt werden als seine Wettbewerber.",
            "Die Entscheidungen zur Stadtreinigung Hamburg, zu Lecce, zu Remondis und zur Feuerwehr-Software der "
            "Stadt Köln finden Sie in unserer Bibliothek.",
            "Demo-Dokument von Interkommunales.NRW.",
        ),
    },
    {
        "kind": "fachartikel",
        "slug": "fachartikel-umsatzsteuer-2b-ustg",
        "title": "Umsatzsteuer bei interkommunaler Zusammenarbeit: § 2b UStG",
        "date": (2023, 9, 1),
        "description": "Worauf Kommunen achten sollten, wenn sie Leistungen füreinander gegen Kostenerstattung "
        "erbringen.",
        "tags": ("Umsatzsteuer", "§ 2b UStG", "Kostenerstattung"),
        "topics": ("finanzen-und-steuern",),
        "author": "Redaktion Interkommunales.NRW",
        "paragraphs": (
            "Mit § 2b des Umsatzsteuergesetzes hat der Gesetzgeber neu geregelt, wann juristische Personen des "
            "öffentlichen Rechts als Unternehmer gelten. Leistungen zwischen Kommunen können danach "
            "umsatzsteuerpflichtig sein.",
            "Nicht steuerbar sind sie unter anderem, wenn die Leistung auf öffentlich-rechtlicher Grundlage "
            "erbracht wird und keine größeren Wettbewerbsverzerrungen drohen, etwa weil die Leistung nur von "
            "öffentlichen Stellen erbracht werden darf.",
            "Die Übergangsregelung wurde mehrfach verlängert. Prüfen Sie den aktuellen Stand und stimmen Sie "
            "Kooperationen früh mit der Steuerberatung ab.",
            "Demo-Dokument von Interkommunales.NRW; keine Steuerberatung.",
        ),
    },
    {
        "kind": "praesentation",
        "slug": "praesentation-foerderrichtlinie-ikz-nrw-2020",
        "title": "Online-Veranstaltung zur Förderrichtlinie IKZ NRW",
        "date": (2020, 9, 1),
        "description": "Folien der Online-Veranstaltung im September 2020 zur Förderung neuer Kooperationen.",
        "tags": ("Förderrichtlinie IKZ NRW", "Förderung", "Online-Veranstaltung"),
        "topics": ("allgemeine-verwaltung", "finanzen-und-steuern"),
        "paragraphs": (
            "Die Förderrichtlinie IKZ NRW unterstützt Kommunen, die eine neue Zusammenarbeit beginnen wollen.",
            "Die Anträge bearbeitet die Bezirksregierung Düsseldorf. Gefördert wird vor allem der Aufwand in der "
            "Startphase, zum Beispiel für Beratung und Konzepte.",
            "Tipps aus der Praxis: Partner früh einbinden, Ziele messbar formulieren, Ratsbeschlüsse rechtzeitig "
            "einplanen.",
            "Demo-Dokument von Interkommunales.NRW; maßgeblich ist die jeweils gültige Fassung der Richtlinie.",
        ),
    },
    {
        "kind": "sonstiges",
        "slug": "tagungsbericht-jahrestagung-2021-muenster",
        "title": "Tagungsbericht: Jahrestagung 2021 in Münster",
        "date": (2021, 11, 16),
        "description": "Rückblick auf die Jahrestagung am 16. November 2021 in Münster mit fast 60 Mitwirkenden "
        "und Teilnehmenden.",
        "tags": ("Jahrestagung", "Landespreis", "Erfahrungsaustausch"),
        "topics": ("allgemeine-verwaltung", "mobilitaet-und-verkehr", "digitalisierung-und-it"),
        "paragraphs": (
            "Am 16. November 2021 kamen in Münster fast 60 Referentinnen, Referenten und Teilnehmende zur "
            "Jahrestagung von Interkommunales.NRW zusammen.",
            "In den Foren ging es um gemeinsame Radverkehrsförderung, einen Bürgerbus, die Digitalisierung einer "
            "ganzen Region und den IT-Support für Schulen.",
            "Auf der Tagung wurde der Landespreis für innovative interkommunale Zusammenarbeit angekündigt.",
            "Demo-Dokument von Interkommunales.NRW.",
        ),
    },
    {
        "kind": "fachartikel",
        "slug": "entwurf-leitfaden-shared-service-center",
        "title": "Entwurf: Leitfaden Shared Service Center",
        "date": (2026, 5, 1),
        "description": "Entwurf eines Leitfadens für gemeinsame Servicezentren mehrerer Verwaltungen, noch nicht "
        "veröffentlicht.",
        "tags": ("Shared Service", "Leitfaden"),
        "topics": ("allgemeine-verwaltung", "personal"),
        "published": False,
        "paragraphs": (
            "Ein Shared Service Center bündelt gleichartige Aufgaben mehrerer Verwaltungen, etwa Buchhaltung, "
            "Entgeltabrechnung oder IT-Support.",
            "Dieser Entwurf wird noch mit Praktikerinnen und Praktikern abgestimmt.",
            "Demo-Dokument von Interkommunales.NRW.",
        ),
    },
]

# Court decisions: real, well known, with correct data; the tenor is summarised in our own words.
COURT_DECISIONS = [
    {
        "slug": "eugh-c-480-06-stadtreinigung-hamburg",
        "title": "EuGH, Urteil vom 9. Juni 2009, C-480/06 (Kommission/Deutschland, „Stadtreinigung Hamburg“)",
        "court": "Gerichtshof der Europäischen Union",
        "file_number": "C-480/06",
        "date": (2009, 6, 9),
        "source": "EUR-Lex, CELEX 62006CJ0480",
        "tags": ("Vergaberecht", "Öffentlich-öffentliche Zusammenarbeit", "Abfallentsorgung"),
        "topics": ("ver-und-entsorgung", "allgemeine-verwaltung"),
        "description": "Vier niedersächsische Landkreise hatten die Stadtreinigung Hamburg ohne Ausschreibung mit der "
        "Verbrennung ihrer Abfälle beauftragt. Die Kommission sah darin einen Verstoß gegen das Vergaberecht.",
        "tenor": "Der Gerichtshof wies die Klage der Kommission ab. Kommunen dürfen eine ihnen allen obliegende "
        "öffentliche Aufgabe gemeinsam mit eigenen Mitteln erfüllen, ohne eine besondere Rechtsform zu wählen und "
        "ohne auszuschreiben, wenn die Zusammenarbeit allein von Überlegungen des öffentlichen Interesses getragen "
        "wird, keine Privaten beteiligt sind und kein privates Unternehmen besser gestellt wird als seine "
        "Wettbewerber.",
    },
    {
        "slug": "eugh-c-159-11-azienda-sanitaria-locale-di-lecce",
        "title": "EuGH, Urteil vom 19. Dezember 2012, C-159/11 (Azienda Sanitaria Locale di Lecce)",
        "court": "Gerichtshof der Europäischen Union",
        "file_number": "C-159/11",
        "date": (2012, 12, 19),
        "source": "EUR-Lex, CELEX 62011CJ0159",
        "tags": ("Vergaberecht", "Öffentlich-öffentliche Zusammenarbeit", "Entgeltlicher Vertrag"),
        "topics": ("allgemeine-verwaltung",),
        "description": "Eine italienische Gesundheitsbehörde hatte eine Universität ohne Ausschreibung mit der "
        "Untersuchung der Erdbebensicherheit ihrer Krankenhäuser beauftragt, gegen Kostenerstattung.",
        "tenor": "Ein Vertrag zwischen zwei öffentlichen Einrichtungen darf nur dann ohne Ausschreibung geschlossen "
        "werden, wenn er eine Zusammenarbeit zur Erfüllung einer gemeinsamen öffentlichen Aufgabe begründet, allein "
        "dem öffentlichen Interesse folgt und keinen privaten Dienstleister besser stellt. Dass nur Kosten erstattet "
        "werden, genügt nicht; übernimmt der Auftragnehmer Leistungen, die sonst Ingenieur- oder Architekturbüros "
        "erbringen, spricht das gegen eine vergabefreie Zusammenarbeit.",
    },
    {
        "slug": "eugh-c-51-15-remondis",
        "title": "EuGH, Urteil vom 21. Dezember 2016, C-51/15 (Remondis)",
        "court": "Gerichtshof der Europäischen Union",
        "file_number": "C-51/15",
        "date": (2016, 12, 21),
        "source": "EUR-Lex, CELEX 62015CJ0051",
        "tags": ("Vergaberecht", "Zweckverband", "Kompetenzübertragung"),
        "topics": ("ver-und-entsorgung", "allgemeine-verwaltung"),
        "description": "Die Region Hannover und die Landeshauptstadt Hannover hatten einen Zweckverband für die "
        "Abfallwirtschaft gegründet und ihm Aufgaben übertragen. Ein privates Entsorgungsunternehmen hielt das für "
        "einen ausschreibungspflichtigen Auftrag.",
        "tenor": "Gründen Gebietskörperschaften einen Zweckverband und übertragen ihm Aufgaben, ist das kein "
        "öffentlicher Auftrag, sondern eine Frage der inneren Organisation des Staates. Voraussetzung ist, dass die "
        "neue Stelle die Aufgabe mit allen Zuständigkeiten und Befugnissen selbständig und in eigener Verantwortung "
        "wahrnimmt und finanziell eigenständig ist; die übertragenden Stellen dürfen sich nur eine gewisse Aufsicht "
        "vorbehalten. Ob das zutraf, hatte das vorlegende Gericht zu prüfen.",
    },
    {
        "slug": "eugh-c-796-18-feuerwehr-software-koeln",
        "title": "EuGH, Urteil vom 28. Mai 2020, C-796/18 (Informatikgesellschaft für Software-Entwicklung/Stadt Köln)",
        "court": "Gerichtshof der Europäischen Union",
        "file_number": "C-796/18",
        "date": (2020, 5, 28),
        "source": "EUR-Lex, CELEX 62018CJ0796",
        "tags": ("Vergaberecht", "Öffentlich-öffentliche Zusammenarbeit", "Feuerwehr", "Software"),
        "topics": ("feuerwehr-und-katastrophenschutz", "digitalisierung-und-it"),
        "description": "Das Land Berlin überließ der Stadt Köln kostenlos eine Software zur Koordinierung von "
        "Feuerwehreinsätzen; beide verpflichteten sich in einer Kooperationsvereinbarung, Weiterentwicklungen "
        "einander kostenlos zur Verfügung zu stellen. Ein Softwarehersteller rügte die fehlende Ausschreibung.",
        "tenor": "Eine solche Vereinbarung kann ein entgeltlicher Vertrag sein, der grundsätzlich dem Vergaberecht "
        "unterliegt. Sie ist aber als Zusammenarbeit öffentlicher Auftraggeber ausgenommen, wenn sie auf einem "
        "echten kooperativen Konzept beruht: Die Partner müssen nicht jede Leistung gemeinsam erbringen, ihre "
        "Beiträge müssen aber zur gemeinsamen Erfüllung einer öffentlichen Aufgabe beitragen. Zudem darf kein "
        "privates Unternehmen, etwa der Hersteller der Software, dadurch besser gestellt werden als seine "
        "Wettbewerber; das zu prüfen ist Sache des nationalen Gerichts.",
    },
]
