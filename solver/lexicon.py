"""Bilingual (German/English) concept lexicon for matching offers against needs.

Each line maps a concept to the terms that express it, in either language. Terms are written
naturally (umlauts allowed) and normalised like the text they are matched against. How a term
matches a word depends on its form, so that German compounds and inflections are caught without
short English words firing inside unrelated ones:

- a term with a space is a phrase, matched at a word start in the item text ("supply chain"),
- ``=term`` matches only the whole word ("=ai" must not fire inside "maintenance"),
- ``^term`` matches only a word start ("^laborat" must not fire inside "Kollaboration"),
- terms of 3 characters or fewer match only the whole word,
- terms of 4 or 5 characters match a word start ("akku" in "Akkus", "robot" in "Robotik"),
- longer terms match anywhere in a word ("speicher" in "Wasserstoffspeicher").

An indented line continues the terms of the concept above it.
"""

LEXICON = """
# energy and hydrogen
hydrogen: hydrogen, wasserstoff, =h2
electrolysis: electroly, elektroly
fuel_cell: fuel cell, brennstoffzelle
storage: storage, speicher
battery: batter, akku, lithium
solar: =solar, solaranlage, solarenergie, solarthermie, photovolta, =pv
wind: wind energy, wind power, wind farm, wind turbine, windenergie, windkraft, windpark, =offshore
renewables: renewable, erneuerbar, regenerativ
grid: =grid, grids, power grid, smart grid, stromnetz, netzausbau, netzbetreiber
energy: energy, energie
electricity: electricity, =strom, stromversorgung, power supply, elektrifizier, electrific
efficiency: efficien, effizien
heat: heating, =heat, waerme, heizung
heat_pump: heat pump, waermepumpe
district_heating: district heating, fernwaerme, nahwaerme
decarbonisation: decarboni, dekarboni, carbon neutral, klimaneutral, net zero, =co2, emission
ammonia: ammonia, ammoniak
efuels: efuel, e fuel, synthetic fuel, synthetische kraftstoff, methanol
geothermal: geotherm
biogas: biogas, biomethan, biomass
power_electronics: power electronic, leistungselektronik
charging: charging, ladeinfrastruktur, ladesaeule, ladestation, wallbox, ladepunkt
# health
health: health, gesundheit, =medical, medizin
care: nursing, pflege, =care, elderly care, care home, long term care
hospital: hospital, klinik, =clinic, =clinics, krankenhaus, krankenhaeuser
medical_device: medical device, medizinprodukt, medizintechnik, medtech
diagnostics: diagnos
telemedicine: telemedi, telehealth, fernbehandlung, remote monitoring
pharma: pharma, drug development, arzneimittel, medikament
clinical_trial: clinical trial, clinical stud, klinische studie, klinische pruefung, clinical,
    klinisch
biotech: biotech
patient: patient
elderly: elderly, senioren, aeltere menschen, ageing, =aging
rehabilitation: rehabilit, =reha
mental_health: mental health, psychische gesundheit
digital_health: digital health, ehealth, digitale gesundheit, gesundheitsapp, health app
imaging: medical imaging, bildgebung, radiolog
laboratory: ^laborat, laboranalytik, =lab, =labs
# logistics
logistics: logisti
supply_chain: supply chain, lieferkette, supply network
value_chain: value chain, wertschoepfungskette
warehouse: warehous, =lager, lagerhaltung, lagerung, hochregallager, intralogisti
freight: freight, fracht, cargo, gueterverkehr, =truck, trucks, =lkw
transport: transport
maritime: maritim, =port, =ports, harbour, harbor, seaport, =hafen, hafens, shipping, schifffahrt
rail: =rail, railway, rail freight, schiene, =bahn
last_mile: last mile, letzte meile, parcel, paket
traceability: traceab, tracking, tracing, track and trace, rueckverfolg, sendungsverfolgung
cold_chain: cold chain, kuehlkette
packaging: packaging, verpackung
fleet: =fleet, fleet management, flotte, fuhrpark
customs: =customs, =zoll, zollabwicklung
drone: drone, drohne
# food and agriculture
food: =food, foods, foodtech, lebensmittel, nahrungsmittel, food processing
agriculture: agricultur, landwirtschaft, farming, =farm, farms, =agrar, agrarwirtschaft, agritech
precision_farming: precision farming, precision agriculture, praezisionslandwirtschaft,
    smart farming
food_safety: food safety, lebensmittelsicherheit, hygien
organic: =organic, =bio, oekolandbau, oekologische landwirtschaft
protein: protein, plant based, pflanzlich, fleischersatz, meat alternative, insekt, insect
beverage: beverage, getraenk, bottling, abfuell
dairy: dairy, milch, =milk
aquaculture: aquacult, aquakult, fisheries, fischerei
food_waste: food waste, lebensmittelverschwendung, lebensmittelabfall
vertical_farming: vertical farm, indoor farm, urban farming
irrigation: irrigation, bewaesserung
# digital, IT and data
ai: =ai, =ki, artificial intellig, kuenstliche intellig, machine learning, maschinelles lernen,
    deep learning, neural network, neuronale netz, =ml, =llm, llms
data: =data, database, dataset, =daten, datenbank, datenplattform, datenraum, data space, big data,
    gaia x
analytics: analytics, analytik, data science, datenanalyse, datenauswertung, data analysis
privacy: data protection, datenschutz, privacy, =gdpr, =dsgvo
cybersecurity: cyber, it security, it sicherheit, informationssicherheit, =security, =nis2
cloud: cloud
iot: =iot, internet of things, internet der dinge, connected device
sensor: sensor
software: software
app: =app, =apps, mobile app, smartphone
platform: platform, plattform
digital_twin: digital twin, digitaler zwilling, digitale zwilling, digitalen zwilling
blockchain: blockchain, distributed ledger
telecom: =5g, mobilfunk, telecom, telekommunikation, connectivity, konnektivitaet
digitalisation: digitali, digital transformation, digitale transformation, =digital
automation: automat
robotics: robot, =cobot, cobots
computer_vision: computer vision, bildverarbeitung, image processing, bilderkennung,
    image recognition
simulation: simulat
erp: =erp, enterprise resource
hpc: high performance computing, hochleistungsrechn, supercomput, =hpc
quantum: quantum, quanten
semiconductor: semiconductor, halbleiter, chip design, =chip, =chips, microelectronic,
    mikroelektronik
interoperability: interoperab, =api, =apis, schnittstelle, interface
ecommerce: =ecommerce, e commerce, online shop, onlinehandel, webshop, online marketplace
# circular economy and materials
recycling: recycl, wiederverwert, wiederaufbereit, aufbereitung, remanufactur, rezyklat, =sorting,
    sortier
circular_economy: circular econom, circularity, kreislaufwirtschaft, kreislauf, kreislaeuf, =reuse,
    wiederverwend, take back, ruecknahme
waste: =waste, waste management, abfall, abfaell, =muell
plastics: plastic, kunststoff, polymer
materials: material, werkstoff
raw_materials: raw material, rohstoff, rare earth, seltene erden, critical mineral
bio_based: bio based, biobased, biobasiert, bioeconomy, biooekonom
textiles: textil
lifecycle: life cycle, lifecycle, lebenszyklus, oekobilanz, =lca, carbon footprint, co2 fussabdruck
repair: =repair, reparatur, refurbish
sustainability: sustainab, nachhaltig
water: =water, =wasser, abwasser, wastewater, trinkwasser, water treatment, wasseraufbereitung
metals: =metal, metals, metall
# mobility and automotive
electric_vehicle: electric vehicle, elektrofahrzeug, elektroauto, elektromobil, electromobil,
    e mobility, emobility, =ev, =evs
autonomous: autonom, self driving, automated driving, driverless, fahrerlos
automotive: automotive, fahrzeugbau, automobil, =car, =cars, =oem, =oems
supplier: supplier, zuliefer, lieferant
public_transport: public transport, oepnv, nahverkehr, =bus, =buses, busse, =transit
vehicle: vehicle, fahrzeug
bicycle: bicycle, =bike, =bikes, fahrrad, cargo bike, lastenrad, =cycling, radverkehr
mobility: mobility, mobilitaet
aviation: aviation, luftfahrt, aerospace, raumfahrt, aircraft, flugzeug
sharing: sharing
traffic: traffic, verkehr
lightweight: lightweight, leichtbau
# manufacturing and industry 4.0
manufacturing: manufactur, fertigung, produktion, production, assembly, =montage, auftragsfertig,
    contract manufactur, lohnfertig, lohnverarbeitung, kleinserie, small series
additive: additive manufactur, additive fertigung, 3d print, 3d druck, 3d drucker, =additive
industry40: industry 4 0, industrie 4 0, smart factory, smart manufacturing, intelligente fabrik
machining: machining, =cnc, zerspan, milling, fraesen
welding: welding, schweiss
quality: quality, qualitaet, inspection, fehlererkennung, defect detection
maintenance: maintenance, wartung, instandhaltung
predictive: predictive, praediktiv, vorausschauend
mechanical_engineering: mechanical engineering, maschinenbau, anlagenbau, plant engineering,
    werkzeugmaschine, maschinenpark
laser: laser
coating: coating, beschichtung, oberflaechentechnik, surface treatment
composites: composite, verbundwerkstoff, faserverbund, carbon fibre, carbon fiber, kohlefaser
tooling: werkzeugbau, tool making, =mould, =mold, formenbau, spritzguss, injection moulding
lean: =lean, lean management, lean production
process: process optimi, prozessoptimier, process engineering, verfahrenstechnik
prototyping: prototyp
electronics: electronic, elektronik, leiterplatte, =pcb
steel: =steel, =stahl, stahlbau
photonics: photonic, photonik, =optics, optical, =optik, optisch
# construction and smart cities
construction: construction, =bau, bauwesen, bauindustrie, bauwirtschaft, baugewerbe, building,
    gebaeude, bauunternehm, bauplanung, baustoff
bim: =bim, building information model
renovation: renovation, sanierung, retrofit
smart_city: smart cit, smartcity, stadtentwicklung, urban development, =urban, kommune, municipal
insulation: insulation, daemmung, daemmstoff
concrete: concrete, =beton, betonbau, betonfertigteil, zement, cement
timber: timber, =wood, =holz, holzbau
housing: ^housing, wohnungsbau, =wohnen, wohnraum
infrastructure: infrastru
architecture: architect, architekt
building_automation: building automation, gebaeudeautomation, smart home, smart building,
    gebaeudetechnik
prefab: prefabricat, modular construction, modulbau, vorfertigung, fertigteil
road: road construction, strassenbau, =road, =roads
# funding and finance
funding: funding, foerder, =grant, =grants, zuschuss, zuschuesse, subsid, =fund, =funds
investment: invest, kapital, =capital, seed funding, seed round, mezzanine
venture_capital: venture capital, risikokapital, wagniskapital, =vc, business angel
loan: =loan, =loans, kredit, darlehen
crowdfunding: crowdfund, schwarmfinanz
eu_programme: horizon europe, horizon 2020, =horizon, interreg, =efre, =erdf, eu funding,
    eu programme, eu program
consortium: consorti, konsorti, project partner, projektpartner
partner: partner
finance: financ, finanz
equity: =equity, ^beteiligung
bank: =bank, =banks, banken
procurement: procurement, beschaffung, vergabe, =tender, tenders, ausschreibung
business_plan: business plan, businessplan, geschaeftsplan, business model, geschaeftsmodell
startup: startup, start up, gruender, gruendung, founder, spin off, spinoff, ausgruendung
incubator: accelerator, incubat, inkubat
# market access and business development
market_access: market access, market entry, markteintritt, marktzugang, markterschliessung,
    new markets, neue maerkte
internationalisation: internationali, export, =import, =imports, foreign market, auslandsmarkt
distribution: distribut, vertrieb, haendler, reseller, =sales, sales partner, wholesal, grosshandel
pilot_customer: pilot customer, pilotkunde, first customer, erstkunde, referenzkunde,
    reference customer, early adopter, launching customer, ankerkunde, anchor customer
pilot: =pilot, =pilots, pilotproj, pilotanlage, pilotierung, pilot project, pilot plant, pilot site,
    testbed, test bed, testfeld, reallabor, living lab, demonstrat
customer: customer, =kunde, kunden, =client, =clients, buyers, abnehmer
testing: =test, =tests, =testen, testing, pruefstand, test bench, validation, validier, pruefung
market_research: market research, marktforschung, marktanalyse, market analysis, market study,
    marktstudie
consulting: consult, beratung, berater, advisory
research: research, forschung, =fue, applied science
innovation: innovat
technology_transfer: technology transfer, technologietransfer, wissenstransfer, knowledge transfer,
    transfer
ip: patent, intellectual property, geistiges eigentum, licens, lizenz
know_how: know how, knowhow, expertise, fachwissen
marketing: marketing
network: network, netzwerk, =cluster, clusters, clustern, association, =verband, verbaende,
    =members, mitglieder, =contacts, kontakte
# countries and regions
poland: poland, =polen, polish, polnisch
germany: germany, deutschland, =german, =deutsch, deutschen, deutscher
france: france, frankreich, =french, franzoes
czechia: czech, tschech
austria: austria, oesterreich
switzerland: switzerland, schweiz
netherlands: netherlands, niederlande, =dutch, holland
denmark: denmark, daenemark, danish, daenisch
sweden: sweden, schweden, swedish, schwedisch
italy: =italy, italien, italian
spain: =spain, spanien, spanish, spanisch
baltic: baltic, baltikum, lithuania, litauen, latvia, lettland, estonia, estland
nordic: nordic, skandinavi, scandinavi
benelux: benelux
china: =china, chines
usa: =usa, united states, north america, nordamerika
uk: =uk, united kingdom, britain, britisch, british, grossbritannien
ukraine: ukrain
finland: finland, finnland, finnish, finnisch
norway: norway, norwegen, norwegian, norwegisch
central_europe: central europe, mitteleuropa, eastern europe, osteuropa, cee region
europe: europ
public_sector: public administration, public sector, =authorities, behoerde, verwaltung,
    oeffentliche hand, =administration
communication: outreach, kampagne, campaign, oeffentlichkeitsarbeit, citizen engagement,
    buergerbeteiligung, public relations, dialogformat, dialogue format, kommunikation
refuelling: refuel, betankung, tankstelle
cleanroom: cleanroom, clean room, reinraum
computing: rechenzentr, data centre, data center, rechenkapazitaet, computing capacity
flexibility: lastmanagement, load management, peak shaving, lastspitze, demand response
biobank: biobank
# regulation, standards and certification
regulation: regulat, regulier, =law, =laws, legal, rechtlich, gesetz, ai act
standards: standard, =norm, =norms, normen, normung, =din, =iso
certification: certif, zertifi, =tuev, accreditation, akkredit, notified bod, benannte stelle
compliance: complian, konformit, conformit, ce marking, ce kennzeichnung, due diligence,
    sorgfaltspflicht
medical_regulation: =mdr, =ivdr, medical device regulation, medizinprodukteverordnung
approval: approval, zulassung, genehmigung, permit, licensing procedure
safety: =safety, sicherheit, arbeitsschutz, occupational safety
esg: =esg, =csrd, sustainability report, nachhaltigkeitsbericht, taxonomy
# skills, training and talent
training: training, schulung, weiterbildung, qualifizier, qualificat, skilling, =course, courses,
    =kurs, =kurse, seminar, workshop
apprenticeship: apprentice, ausbildung, dual study, duales studium, azubi, lehrling, vocational,
    berufsbildung, duale studieng, auszubildend
talent: talent, recruit, rekrut, fachkraft, fachkraeft, skilled work, skilled labour, hiring,
    personalgewinnung, staffing, employer branding, nachwuchs, =visa, =visum
skills: skill, kompetenzentwicklung
education: educat, =bildung, bildungs, =schule, =school, schools, hochschul, =schulen
student: student, studierend, internship, praktikum, praktikant, thesis, abschlussarbeit,
    masterarbeit, bachelorarbeit
e_learning: e learning, elearning, online learning, online course, blended learning, lernplattform
mentoring: mentor, coaching
university: universit
"""
