/// Word lists the recogniser leans on. Small and general: names the rules cannot tell apart by shape.
enum Gazetteer {
    /// Organisations named without a telling suffix.
    static let organizations: Set<String> = [
        "NATO", "EU", "UN", "BBC", "CNN", "Fox News", "White House", "Kremlin", "Pentagon", "Congress", "Senate",
        "Reuters", "Associated Press", "AP", "AFP", "Google", "Apple", "Microsoft", "Amazon", "Meta", "Facebook",
        "Twitter", "European Union", "United Nations", "European Commission", "IMF", "World Bank", "WHO", "FBI", "CIA",
        "Supreme Court", "Parliament", "The New York Times", "New York Times", "Washington Post", "Bloomberg",
        "Kyiv Independent", "The Kyiv Independent", "Tesla", "OpenAI", "Nvidia", "Labour", "Conservatives", "Democrats",
        "Republicans", "Bundestag", "State Department", "Downing Street", "Oval Office",
        // Companies whose names readers know as companies, and taggers trained on web text do not.
        "Uber", "Huawei", "Samsung", "Toyota", "Volkswagen", "Boeing", "Airbus", "Netflix", "Alibaba", "Tencent",
        "ByteDance", "TikTok", "Sony", "Nokia", "Intel", "IBM", "Oracle", "Walmart", "Pfizer", "Moderna", "BP",
        "ExxonMobil", "Gazprom", "Aramco", "Harley-Davidson", "SpaceX", "Xiaomi", "Foxconn", "Siemens", "Nestlé",
        // Publishers, like the news agencies above.
        "Wikinews", "Wikipedia", "Wikimedia", "Al Jazeera", "Xinhua", "TASS", "Der Spiegel", "Le Monde", "The Guardian", "NPR", "PBS",
    ]
    /// Last words that make a capitalised sequence an organisation.
    static let organizationSuffixes: Set<String> = [
        "Inc", "Inc.", "Corp", "Corp.", "Ltd", "LLC", "Group", "Party", "Ministry", "Department", "University", "Council",
        "Agency", "Committee", "Commission", "Bank", "Association", "Institute", "Foundation", "Company", "Court",
        "Office", "Union", "Organization", "Organisation", "Service", "Times", "Post", "News", "Network", "Journal",
        "Parliament", "Assembly", "Army", "Navy", "Police", "Board", "Authority", "Federation", "League", "Club",
        "Chamber", "Coalition", "Alliance", "Institution", "Cooperative", "Press", "Radio", "Television", "Railways",
        "Magazine", "College", "Academy", "School", "Society", "Fund", "Program", "Programme", "Trust",
    ]
    /// Last words of events: competitions and festivals are named like bodies and places but are neither.
    static let eventWords: Set<String> = [
        "Cup", "Championship", "Championships", "Games", "Olympics", "Paralympics", "Festival", "Tournament", "Expo",
    ]
    /// Last words that make a capitalised sequence a place or facility.
    static let placeSuffixes: Set<String> = [
        "Bridge", "Street", "Avenue", "Road", "Square", "Park", "River", "Lake", "Mountain", "Mountains", "Island",
        "Islands", "Airport", "Station", "Stadium", "Hall", "Port", "Bay", "Valley", "County", "Province", "Region",
        "District", "City", "Town", "Village", "Beach", "Coast", "Sea", "Ocean", "Harbor", "Harbour", "Canal", "Strait",
    ]
    /// Titles and role words: they describe a person and are never a person themselves.
    static let roleWords: Set<String> = [
        "president", "secretary", "general", "minister", "prime", "chancellor", "senator", "governor", "mayor", "chief",
        "foreign", "policy", "state", "deputy", "vice", "director", "chairman", "chairwoman", "chair", "ceo", "spokesman",
        "spokeswoman", "spokesperson", "ambassador", "envoy", "commissioner", "king", "queen", "prince", "pope", "judge",
        "attorney", "representative", "rep.", "sen.", "gov.", "gen.", "col.", "lt.", "sgt.", "adm.", "dr.", "mr.", "mrs.",
        "ms.", "prof.", "professor", "leader", "head", "commander", "officer", "defense", "defence", "interior", "finance",
        "economy", "justice", "health", "of", "former", "acting", "top", "senior", "executive", "founder", "anchor", "host",
        "reporter", "correspondent", "editor", "lawmaker", "speaker", "advisor", "adviser", "security", "lady",
        "meteorologist", "economist", "analyst", "engineer", "coach", "researcher", "scientist", "lawyer", "manager",
        "member", "councillor", "councilor", "captain", "striker", "midfielder", "goalkeeper", "champion", "inspector",
        "detective", "sheriff", "prosecutor", "historian", "professor", "president-elect", "premier", "spokeswoman",
        "sheikh", "imam", "emir", "sultan", "rabbi", "pastor", "bishop", "cardinal", "ayatollah", "cleric",
    ]
    /// Honorifics that may stand before a name but are not part of it.
    static let honorifics: Set<String> = ["Mr.", "Mrs.", "Ms.", "Dr.", "Prof.", "Sir", "Dame", "Gen.", "Sen.", "Rep.", "Gov.", "Col.", "Lt.", "Sgt.", "Adm.", "President", "Secretary", "Minister", "Chancellor", "General", "Senator", "Governor", "Mayor", "Judge", "Pope", "King", "Queen", "Prince"]
    /// Capitalised words that start sentences or headlines but name nothing.
    static let stopCapitals: Set<String> = [
        "The", "A", "An", "This", "That", "These", "Those", "It", "He", "She", "They", "We", "I", "You", "His", "Her",
        "Their", "Our", "My", "Its", "In", "On", "At", "For", "But", "And", "Or", "If", "When", "While", "After", "Before",
        "Following", "Speaking", "According", "As", "So", "Yet", "Today", "Yesterday", "Tomorrow", "Yes", "No", "Some",
        "Many", "Most", "All", "Each", "Every", "There", "Here", "What", "Who", "Why", "How", "Where", "Which", "Despite",
        "During", "Since", "Until", "With", "Without", "From", "By", "To", "Of", "Also", "However", "Meanwhile", "Asked",
        "Like", "Unlike", "Although", "Though", "Because", "Unless", "Whether", "Among", "Amid", "Against", "Then", "Still",
        "Instead", "Indeed", "Even", "Only", "Just",
        "Ukrainian", "American", "European", "Russian", "Europeans", "Americans", "Ukrainians", "British", "Chinese",
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
        "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Comments", "Share",
        "Feb.", "Jan.", "Aug.", "Sept.", "Sep.", "Oct.", "Nov.", "Dec.", "Mar.", "Apr.", "Jun.", "Jul.", "Read",
        // Demonyms name peoples and languages, not entities of the three kinds.
        "African", "Africans", "Arab", "Arabs", "Arabic", "Asian", "Australian", "Brazilian", "Canadian", "Egyptian", "English",
        "French", "German", "Germans", "Greek", "Indian", "Indians", "Iranian", "Iraqi", "Israeli", "Israelis", "Italian",
        "Japanese", "Korean", "Koreans", "Mexican", "Muslim", "Muslims", "Christian", "Christians", "Jewish", "Pakistani",
        "Palestinian", "Palestinians", "Polish", "Saudi", "Spanish", "Swedish", "Syrian", "Syrians", "Turkish", "Western",
        "Eastern", "Northern", "Southern", "Latino", "Hispanic", "Indigenous", "Afghan", "Afghans", "Kenyan", "Nigerian",
        "Ghanaian", "Ethiopian", "Somali", "Sudanese", "Chilean", "Argentine", "Colombian", "Venezuelan", "Cuban", "Filipino",
        "Thai", "Vietnamese", "Indonesian", "Malaysian", "Taiwanese", "Dutch", "Belgian", "Swiss", "Austrian", "Irish",
        "Scottish", "Welsh", "Norwegian", "Danish", "Finnish", "Hungarian", "Czech", "Romanian", "Serbian", "Croatian",
        "Lebanese", "Jordanian", "Emirati", "Qatari", "Yemeni", "Libyan", "Tunisian", "Moroccan", "Algerian", "Nepali",
        "Rohingya", "Nicaraguan", "Bolivian", "Peruvian", "Ecuadorian", "Uruguayan", "Paraguayan", "Guatemalan", "Honduran",
        "Salvadoran", "Panamanian", "Haitian", "Jamaican", "Bangladeshi", "Burmese", "Cambodian",
        "Mongolian", "Kazakh", "Uzbek", "Belarusian", "Georgian", "Armenian", "Azerbaijani", "Ugandan",
        "Tanzanian", "Rwandan", "Congolese", "Cameroonian", "Senegalese", "Malian", "Zimbabwean", "Zambian", "Angolan",
        "Mozambican", "Namibian", "Botswanan", "Malawian", "Mauritian", "Fijian", "Samoan", "Maori", "Aboriginal",
    ]
    /// Capitalised abbreviations and words that are units, currencies, titles or everyday things, not organisations.
    static let commonAcronyms: Set<String> = [
        "GDP", "GNP", "AI", "MP", "MPs", "PM", "AM", "TV", "SMS", "USD", "EUR", "GBP", "LNG", "LPG", "CO2", "CEO", "CFO",
        "CTO", "COO", "IPO", "ETF", "EV", "EVs", "SUV", "DNA", "RNA", "HIV", "AIDS", "COVID", "PPE", "GMT", "UTC", "ID",
        "IT", "HR", "PR", "PC", "VAT", "OK", "FAQ", "PDF", "URL", "SME", "SMEs", "NGO", "NGOs", "MW", "GW", "KM", "KG",
        "IQ", "VIP", "VIPs", "GPS", "USB", "LED", "ATM", "SIM", "VPN", "UAV", "ROV", "Internet", "Web",
    ]
    /// Verbs that attribute speech: their subject is a speaker, and so a person or an organisation.
    static let speechVerbs: Set<String> = [
        "said", "says", "told", "tells", "added", "adds", "posted", "wrote", "writes", "replied", "asked", "stated",
        "noted", "tweeted", "explained", "insisted", "warned", "called", "emphasized", "argued", "claimed", "continued",
        "answered", "declared", "announced", "according", "urged", "recalled", "acknowledged", "admitted", "responded",
        "reported", "reports", "described", "quipped", "joked", "shouted", "suggested", "concluded", "predicted", "promised",
        "complained", "cautioned", "boasted", "conceded", "contended", "observed", "remarked", "testified", "vowed",
    ]
    /// Words for the media a quote can be given through.
    static let mediaNames: Set<String> = ["X", "Twitter", "Facebook", "Telegram", "Instagram", "TikTok", "Truth Social", "YouTube", "LinkedIn", "Threads", "Bluesky"]
}
